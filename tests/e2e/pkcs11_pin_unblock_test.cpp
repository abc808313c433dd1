// The PKCS#11 unblock path of `certrenew-cli pin unblock`: a security officer login, then
// C_InitPIN with the new user PIN. SoftHSM2 never locks a PIN, so the try counter comes from the
// fault-injecting module (a TEST DOUBLE wrapping SoftHSM2) with its counter kept in a file, so
// that tries spent by one CLI run are gone in the next as on a real token. The PINs themselves
// are SoftHSM2's: the old one stops working and the new one works, checked through the bridge
// straight on SoftHSM2.
#include <doctest/doctest.h>

#include <fstream>
#include <optional>

#include "certrenew/core/secure_buffer.hpp"
#include "certrenew/core/token/plugin_host.hpp"
#include "certrenew/core/token/session.hpp"
#include "certrenew/core/token/token_context.hpp"
#include "certrenew/core/token/token_error.hpp"
#include "cli_world.hpp"
#include "softhsm_fixture.hpp"
#include "text_file.hpp"

using namespace certrenew;
using namespace certrenew::testing;
using nlohmann::json;

namespace {

// Logs in with `pin` through the PKCS#11 bridge on SoftHSM2 itself (no fault injection):
// nullopt when the PIN works, else the token's error.
std::optional<token::TokenErrc> login_on_softhsm(const SoftHsmToken& hsm, const std::string& pin) {
  token::PluginHost host;
  auto loaded = host.load_file(pkcs11_driver_file());
  REQUIRE(std::holds_alternative<token::Driver>(loaded));
  auto context = std::get<token::Driver>(loaded).open(hsm.driver_config());
  auto session = context.open_session(hsm.serial());
  try {
    session.login(SecureBuffer(pin));
  } catch (const token::TokenError& e) {
    return e.code();
  }
  return std::nullopt;
}

}  // namespace

TEST_CASE("a locked PKCS#11 user PIN is unblocked with the SO PIN: C_InitPIN through pin unblock") {
  CliWorld world;
  SoftHsmToken hsm;  // user PIN 123456, SO PIN 12345678
  json config = json::parse(hsm.driver_config());
  config["modules"] = {CERTRENEW_E2E_PKCS11_FAULTY};
  world.configure_drivers({{"pkcs11", config}});
  const auto control = world.client_dir() / "faults";
  const auto counter = world.client_dir() / "counter";
  std::ofstream(control) << "pin_tries=3";
  auto env = hsm.environment();
  env.push_back("CERTRENEW_FAULTY_PKCS11_CONTROL=" + control.string());
  env.push_back("CERTRENEW_FAULTY_PKCS11_COUNTER=" + counter.string());
  world.set_environment(env);
  const auto token = [&] {
    auto tokens = world.cli({"tokens", "--json"});
    REQUIRE(tokens.rc == 0);
    return tokens.json()["tokens"][0];
  };
  CHECK(token()["can_unblock_pin"] == true);
  CHECK(token()["pin"]["locked"] == false);

  // Three wrong current PINs, each in a CLI run of its own: the third locks the user PIN.
  const std::vector<std::string> change = {"pin", "change",        "--pin-env",
                                           "OLD", "--new-pin-env", "NEW"};
  for (int i = 0; i < 3; ++i) {
    auto wrong = world.cli(change, {"OLD=000000", "NEW=24681357"});
    INFO("try " << i << ": " << wrong.err);
    CHECK(wrong.rc == 7);
  }
  CHECK(token()["pin"]["locked"] == true);
  CHECK(read_text_file(counter) == "3 0\n");
  // Locked: even the right PIN is refused before any try.
  CHECK(world.cli(change, {"OLD=" + hsm.pin(), "NEW=24681357"}).rc == 2);

  // A wrong SO PIN: refused with the administrator PIN named, nothing changes.
  const std::vector<std::string> unblock = {"pin", "unblock",       "--admin-pin-env",
                                            "SO",  "--new-pin-env", "NEW"};
  auto bad_so = world.cli(unblock, {"SO=87654321", "NEW=24681357"});
  CHECK(bad_so.rc == 7);
  CHECK(bad_so.err.find("administrator") != std::string::npos);
  CHECK(token()["pin"]["locked"] == true);
  CHECK(read_text_file(counter) == "3 0\n");
  CHECK_FALSE(login_on_softhsm(hsm, hsm.pin()).has_value());  // SoftHSM2's PIN is still the old
  CHECK(login_on_softhsm(hsm, "24681357") == token::TokenErrc::pin_incorrect);

  // The right SO PIN: C_InitPIN sets the new user PIN and all the tries.
  auto unblocked = world.cli(unblock, {"SO=" + hsm.so_pin(), "NEW=24681357"});
  INFO("stderr: " << unblocked.err);
  CHECK(unblocked.rc == 0);
  CHECK(token()["pin"]["locked"] == false);
  CHECK(read_text_file(counter) == "3 3\n");
  CHECK(login_on_softhsm(hsm, hsm.pin()) == token::TokenErrc::pin_incorrect);
  CHECK_FALSE(login_on_softhsm(hsm, "24681357").has_value());
  // And through the CLI with the fault-injecting module: the new PIN is the current one.
  CHECK(world.cli(change, {"OLD=24681357", "NEW=97531246"}).rc == 0);
  CHECK_FALSE(login_on_softhsm(hsm, "97531246").has_value());
}
