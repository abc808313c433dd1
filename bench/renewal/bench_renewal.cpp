// certrenew-bench-renewal: wall time of one automated renewal, from the first step to the
// installed certificate, through the client library (RenewalFlow) with the customer's key on a
// softtoken reached through the plugin host, against a real certrenew-server process over TLS
// on loopback with auto-approval. The back office's only act is confirming the bank transfer.
//
// The peer, measured in the same run with OpenSSL keys in memory, is the sum of the raw crypto
// operations the renewal cannot avoid:
//   customer's key type: 1 key generation, 2 signatures (CSR by the new key, SignedData by the
//     old one), 2 verifications by the service (SignedData, CSR);
//   CA key (P-256 here): 1 signature (issuing), 3 verifications (the old certificate's chain at
//     intake, the new certificate's chain at the client, the signer certificate in SignedData);
//   2 scrypt derivations at the softtoken's standard cost (N=2^15, r=8, p=1): the two logins.
// Everything above that is protocol: TLS handshakes, HTTP, SQLite commits with fsync, the
// softtoken's file writes with fsync, parsing. The ratio says how much that overhead weighs.
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/rsa.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "applicant.hpp"
#include "ca/authority.hpp"
#include "certrenew/client/flow/renewal_flow.hpp"
#include "certrenew/client/flow/token_inventory.hpp"
#include "certrenew/client/service/service_client.hpp"
#include "certrenew/client/store/application_store.hpp"
#include "demo_customer.hpp"
#include "measure.hpp"
#include "raw_signature.hpp"
#include "server_process.hpp"

namespace {

using namespace certrenew;
using namespace certrenew::bench;
namespace fs = std::filesystem;

struct KeySetup {
  const char* name;
  token::KeyType type;
  unsigned bits;
};

constexpr KeySetup kSetups[] = {{"ECDSA P-256", token::KeyType::ec_p256, 0},
                                {"RSA-2048", token::KeyType::rsa, 2048}};

using PkeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

PkeyPtr generate(token::KeyType type, unsigned bits) {
  EVP_PKEY* key = type == token::KeyType::rsa
                      ? EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(bits))
                      : EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  if (!key) throw std::runtime_error("key generation failed");
  return PkeyPtr(key, &EVP_PKEY_free);
}

void scrypt_standard() {
  unsigned char out[32];
  const char pin[] = "123456";
  const unsigned char salt[16] = {};
  if (EVP_PBE_scrypt(pin, std::strlen(pin), salt, sizeof salt, 1u << 15, 8, 1, 64ull << 20, out,
                     sizeof out) != 1)
    throw std::runtime_error("scrypt failed");
}

struct RawCost {
  double keygen, sign, verify, ca_sign, ca_verify, scrypt;
  double total() const {
    return keygen + 2 * sign + 2 * verify + ca_sign + 3 * ca_verify + 2 * scrypt;
  }
};

RawCost measure_raw(const KeySetup& setup, int n) {
  RawCost c{};
  const Bytes message(600, 0x5a);  // about the size of the signed attributes / CSR info
  c.keygen = seconds_per_operation(n, [&] { generate(setup.type, setup.bits); });
  auto key = generate(setup.type, setup.bits);
  Bytes signature = raw_sign(key.get(), message);
  c.sign = seconds_per_operation(n * 4, [&] { raw_sign(key.get(), message); });
  c.verify = seconds_per_operation(n * 4, [&] { raw_verify(key.get(), message, signature); });
  auto ca = generate(token::KeyType::ec_p256, 0);
  Bytes ca_signature = raw_sign(ca.get(), message);
  c.ca_sign = seconds_per_operation(n * 4, [&] { raw_sign(ca.get(), message); });
  c.ca_verify = seconds_per_operation(n * 4, [&] { raw_verify(ca.get(), message, ca_signature); });
  c.scrypt = seconds_per_operation(n, scrypt_standard);
  return c;
}

// One renewal from "证书续期" to the installed certificate; returns its wall time in seconds.
double one_renewal(const testing::ServerProcess& server, const KeySetup& setup, int index) {
  const fs::path work = server.dir() / ("bench-" + std::to_string(index));
  const std::string pin = "123456";
  auto ca = server::CertificateAuthority::load(server.dir() / "ca" / "ca.crt",
                                               server.dir() / "ca" / "ca.key");
  server::CustomerEnrollment enrollment;
  enrollment.key_type = setup.type;
  enrollment.key_bits = setup.bits;
  enrollment.driver_file = CERTRENEW_BENCH_SOFTTOKEN;
  server::enroll_softtoken_customer(work / "tokens", ca, pin, enrollment);

  client::ClientConfig config;
  config.service_url = server.base_url();
  config.trust = server.tls_root();
  config.drivers["softtoken"] = {{"root", (work / "tokens").string()}};
  client::TokenInventory inventory(config, {fs::path(CERTRENEW_BENCH_SOFTTOKEN).parent_path()});
  client::ServiceClient service({server.base_url(), server.tls_root()});
  client::ApplicationStore store(work / "data");
  client::FlowContext ctx;
  ctx.service = &service;
  ctx.store = &store;
  ctx.inventory = &inventory;
  SecureBuffer secret(pin);

  const auto start = Clock::now();
  client::RenewalFlow flow(ctx);
  flow.choose(inventory.select_certificate(""));
  flow.start_application();
  flow.load_agreement(client::Language::zh_CN);
  flow.accept_agreement(true);
  client::RenewalForm form;
  form.period_months = 12;
  form.operator_info = {"resident_id", "11010519491231002X", "胡某", "13800138000",
                        "hu@example.cn"};
  form.recipient = {"胡某", "13800138000", "广东省佛山市禅城区某某路1号"};
  if (!flow.submit_form(form).empty()) throw std::runtime_error("the form was refused");
  flow.sign_and_submit(secret);
  flow.save_bank_transfers(
      {{"6222 0202 0000 1234 567", "胡某", "100.00", testing::iso_now().substr(0, 10), ""}});
  auto confirmed =
      server.post("/api/v1/admin/applications/" + flow.record()->business_no + "/confirm-payment",
                  nullptr, server.operator_token());
  if (confirmed.status != 200)
    throw std::runtime_error("confirm-payment: " + confirmed.body.dump());
  flow.refresh();
  flow.install(secret);
  const std::chrono::duration<double> wall = Clock::now() - start;
  if (flow.step() != client::FlowStep::done) throw std::runtime_error("the renewal did not finish");
  return wall.count();
}

}  // namespace

int main(int argc, char** argv) {
  int n = 3;
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--n" && i + 1 < argc && parse_positive(argv[i + 1], n)) {
      ++i;
      continue;
    }
    std::fprintf(stderr, "usage: certrenew-bench-renewal [--n RENEWALS_PER_KEY_TYPE]\n");
    return 2;
  }
  try {
    testing::ServerProcess server({.auto_approve = true});
    std::printf("automated renewal, apply -> install, auto-approve, %d per key type (median)\n", n);
    std::printf("%-12s %10s %12s %8s   raw: keygen sign verify | CA sign verify | scrypt\n",
                "customer key", "renewal", "raw crypto", "ratio");
    int index = 0;
    for (const auto& setup : kSetups) {
      std::vector<double> walls;
      for (int i = 0; i < n; ++i) walls.push_back(one_renewal(server, setup, index++));
      RawCost raw = measure_raw(setup, std::max(n, 3));
      double wall = median(walls);
      std::printf("%-12s %8.1f ms %9.1f ms %7.2fx   %.2f %.3f %.3f | %.3f %.3f | %.1f (ms)\n",
                  setup.name, wall * 1e3, raw.total() * 1e3, wall / raw.total(), raw.keygen * 1e3,
                  raw.sign * 1e3, raw.verify * 1e3, raw.ca_sign * 1e3, raw.ca_verify * 1e3,
                  raw.scrypt * 1e3);
    }
    std::printf("ratio = renewal wall time / sum of the raw operations above (same run)\n");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "certrenew-bench-renewal: %s\n", e.what());
    return 1;
  }
  return 0;
}
