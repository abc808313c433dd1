#include "http/health_routes.hpp"

#include <openssl/evp.h>
#include <spdlog/spdlog.h>

#include <memory>

#include "http/refusal.hpp"
#include "issuers/issuer.hpp"

namespace certrenew::server {

namespace {

bool database_answers(RenewalService& service) {
  try {
    return service.store().schema_version() > 0;
  } catch (const std::exception& e) {
    spdlog::warn("readiness: the database does not answer: {}", e.what());
    return false;
  }
}

// Signs a fixed message with a CA key held in a file, as issuing a certificate would.
bool key_signs(EVP_PKEY* key) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  const EVP_MD* md = EVP_PKEY_is_a(key, "SM2") ? EVP_sm3() : EVP_sha256();
  static const unsigned char message[] = "certrenew readiness probe";
  unsigned char signature[1024];
  std::size_t length = sizeof signature;
  const bool ok = ctx && EVP_DigestSignInit(ctx.get(), nullptr, md, nullptr, key) == 1 &&
                  EVP_DigestSign(ctx.get(), signature, &length, message, sizeof message) == 1;
  if (!ok) spdlog::warn("readiness: the CA key does not sign");
  return ok;
}

// The issuer can issue: its own health (an HSM session, the last CMP exchange), and a CA key in a
// file must also sign.
bool issuer_ready(RenewalService& service) {
  const IssuerHealth health = service.issuer().health();
  if (!health.ok) {
    spdlog::warn("readiness: the issuer is not ready: {}", health.reason);
    return false;
  }
  const CertificateAuthority* ca = service.issuer().certificate_authority();
  return !ca || !ca->key() || key_signs(ca->key());
}

}  // namespace

void mount_health(Router& router, RenewalService& service) {
  router.get("/healthz", [](const HttpRequest&) { return json_answer(200, {{"status", "up"}}); });
  router.get("/readyz", [&service](const HttpRequest&) {
    const bool database = database_answers(service);
    const bool ca_key = issuer_ready(service);
    const bool ready = database && ca_key;
    nlohmann::json answer = {{"status", ready ? "ready" : "not_ready"},
                             {"checks", {{"database", database}, {"ca_key", ca_key}}}};
    if (!ready) {  // why, as codes a load balancer's log can show (the details are in ours)
      nlohmann::json reasons = nlohmann::json::array();
      if (!database) reasons.push_back("database_unreachable");
      if (!ca_key) reasons.push_back("ca_key_unusable");
      answer["reasons"] = reasons;
    }
    return json_answer(ready ? 200 : 503, answer);
  });
}

}  // namespace certrenew::server
