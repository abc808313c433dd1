#include "http/health_routes.hpp"

#include <openssl/evp.h>
#include <spdlog/spdlog.h>

#include <memory>

#include "http/refusal.hpp"

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

// Signs a fixed message with the CA key, as issuing a certificate would.
bool ca_key_signs(const RenewalService& service) {
  EVP_PKEY* key = service.authority().key();
  if (!key) return false;
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

}  // namespace

void mount_health(Router& router, RenewalService& service) {
  router.get("/healthz", [](const HttpRequest&) { return json_answer(200, {{"status", "up"}}); });
  router.get("/readyz", [&service](const HttpRequest&) {
    const bool database = database_answers(service);
    const bool ca_key = ca_key_signs(service);
    const bool ready = database && ca_key;
    return json_answer(ready ? 200 : 503,
                       {{"status", ready ? "ready" : "not_ready"},
                        {"checks", {{"database", database}, {"ca_key", ca_key}}}});
  });
}

}  // namespace certrenew::server
