// Issue 17 (ops): /readyz takes an instance out of rotation while its CA key cannot be used, and
// puts it back when the key can; /healthz stays 200. The CA key is on an HSM (SoftHSM2) reached
// through the PKCS#11 fault module (TEST DOUBLE, tests/support/pkcs11_faulty), which reports the
// token removed while the server runs, as when an HSM is unplugged or its network link drops.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "not_ready.hpp"
#include "server_process.hpp"
#include "softhsm_fixture.hpp"

using namespace certrenew::testing;
namespace fs = std::filesystem;

namespace {

constexpr const char* kPinVariable = "CERTRENEW_TEST_HSM_PIN";

void set_faults(const fs::path& control, const std::string& words) {
  std::ofstream(control, std::ios::trunc) << words << "\n";
}

}  // namespace

TEST_CASE("/readyz: 503 naming the CA key while the HSM is gone, 200 again when it is back") {
  SoftHsmToken::Options options;
  options.label = "CertRenew CA";
  options.pin = "hsm-pin-5120";
  SoftHsmToken token(options);
  const fs::path control = token.dir() / "faults";
  set_faults(control, "");
  // The server process inherits these: the PIN, and how the fault module finds SoftHSM2 and
  // its faults.
  setenv(kPinVariable, options.pin.c_str(), 1);
  setenv("CERTRENEW_FAULTY_PKCS11_TARGET", softhsm_module().c_str(), 1);
  setenv("CERTRENEW_FAULTY_PKCS11_CONTROL", control.c_str(), 1);
  ServerProcess s(
      {.init_args = {"--issuer", "builtin-pkcs11", "--hsm-module", CERTRENEW_PKCS11_FAULTY_MODULE,
                     "--hsm-token", "pkcs11:serial=" + token.serial(), "--hsm-pin-env",
                     kPinVariable, "--hsm-driver", pkcs11_driver_file().string()}});
  auto ready = s.get("/readyz");
  CHECK(ready.status == 200);
  CHECK(ready.body["checks"]["ca_key"] == true);

  set_faults(control, "removed");
  check_not_ready(s.get("/readyz"), "ca_key", "database", "ca_key_unusable");
  CHECK(s.get("/healthz").status == 200);

  set_faults(control, "");
  ready = s.get("/readyz");
  CHECK(ready.status == 200);
  CHECK(ready.body["checks"]["ca_key"] == true);
  s.stop();
  unsetenv(kPinVariable);
  unsetenv("CERTRENEW_FAULTY_PKCS11_CONTROL");
  unsetenv("CERTRENEW_FAULTY_PKCS11_TARGET");
}
