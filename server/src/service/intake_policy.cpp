#include "service/intake_policy.hpp"

#include <openssl/x509v3.h>

#include <ctime>

#include "ca/key_identity.hpp"
#include "ca/openssl_ptr.hpp"
#include "service/api_error.hpp"
#include "service/service_text.hpp"

namespace certrenew::server {

namespace {

X509Ptr parse(const Bytes& der) {
  const unsigned char* p = der.data();
  X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
  if (!cert) throw service_error(400, "malformed_signed_data", "certificate.malformed");
  return cert;
}

std::int64_t start_of_local_day(std::int64_t now) {
  std::time_t t = static_cast<std::time_t>(now);
  std::tm tm{};
  localtime_r(&t, &tm);
  tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
  tm.tm_isdst = -1;
  return static_cast<std::int64_t>(std::mktime(&tm));
}

}  // namespace

std::int64_t seconds_to_next_local_day(std::int64_t now) {
  std::time_t t = static_cast<std::time_t>(now);
  std::tm tm{};
  localtime_r(&t, &tm);
  tm.tm_mday += 1;
  tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
  tm.tm_isdst = -1;
  std::int64_t next = static_cast<std::int64_t>(std::mktime(&tm));
  return next > now ? next - now : 1;
}

void check_applying_certificate(X509* cert) {
  // X509_check_ca: 0 only for a certificate that is not a CA in any reading (basicConstraints
  // CA:TRUE, keyCertSign, a v1 self-signed root, Netscape cert types).
  if (X509_check_ca(cert) != 0)
    throw service_error(403, "certificate_not_end_entity", "certificate.not_end_entity");
  const std::uint32_t usage = X509_get_key_usage(cert);  // UINT32_MAX: no extension
  if (usage == UINT32_MAX || (usage & KU_DIGITAL_SIGNATURE) == 0)
    throw service_error(403, "certificate_not_for_signing", "certificate.not_for_signing");
}

std::string check_new_key(const Policy& policy, const Bytes& old_certificate_der,
                          const Bytes& csr_spki_der) {
  return check_new_key(policy, parse(old_certificate_der).get(), csr_spki_der);
}

std::string check_new_key(const Policy& policy, const X509* old_certificate,
                          const Bytes& csr_spki_der) {
  PkeyPtr new_key;
  try {
    new_key = parse_public_key(csr_spki_der);
  } catch (const std::invalid_argument&) {
    throw service_error(400, "bad_csr", "csr.bad_public_key");
  }
  return check_new_key(policy, old_certificate, new_key.get());
}

std::string check_new_key(const Policy& policy, const X509* old_certificate,
                          const EVP_PKEY* new_public_key) {
  PublicKeyIdentity new_key;
  try {
    new_key = identify_public_key(new_public_key);
  } catch (const std::invalid_argument&) {
    throw service_error(400, "bad_csr", "csr.bad_public_key");
  }
  bool allowed = !new_key.identity.empty();
  bool listed = false;
  for (const auto& t : policy.allowed_key_types) listed = listed || t == new_key.type;
  if (!allowed || !listed || (new_key.type == "rsa" && new_key.bits < policy.min_rsa_bits))
    throw service_error(400, "key_not_allowed", "key.not_allowed",
                        {new_key.type, std::to_string(new_key.bits)});
  PublicKeyIdentity old_key = identify_public_key(X509_get0_pubkey(old_certificate));
  if (!policy.allow_key_reuse && !old_key.identity.empty() && old_key.identity == new_key.identity)
    throw service_error(400, "key_reused", "key.reused");
  return new_key.fingerprint;
}

std::optional<ApplicationRecord> admit_application(StoreTx& tx, const Policy& policy,
                                                   const IntakeFacts& facts, std::int64_t now) {
  IntakeLookup found = tx.intake_lookup(
      {facts.request_sha256, facts.serial_hex, facts.key_fingerprint, start_of_local_day(now)});
  if (found.same_request) return std::move(found.same_request);
  if (found.renewed_by)
    throw service_error(409, "already_renewed", "certificate.already_renewed", {*found.renewed_by},
                        {{"business_no", *found.renewed_by}});
  if (found.revoked_at && *found.revoked_at <= now)
    throw service_error(403, "certificate_revoked", "certificate.revoked");
  if (!policy.allow_key_reuse && found.key_certified)
    throw service_error(400, "key_reused", "key.certified_before");
  const std::int64_t made_today = found.applications_since;
  if (made_today >= policy.max_applications_per_certificate_per_day) {
    const std::int64_t wait = seconds_to_next_local_day(now);
    throw service_error(429, "too_many_applications", "application.too_many_today",
                        {std::to_string(made_today)},
                        {{"retry_after_seconds", wait},
                         {"limit", policy.max_applications_per_certificate_per_day}});
  }
  if (found.open_business_no)
    throw service_error(409, "application_open", "application.open", {*found.open_business_no},
                        {{"business_no", *found.open_business_no}});
  return std::nullopt;
}

void record_issued_key(StoreTx& tx, const X509* cert, std::int64_t now) {
  PublicKeyIdentity key = identify_public_key(X509_get0_pubkey(cert));
  if (key.fingerprint.empty()) return;
  BnPtr serial(ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), nullptr));
  ossl::MemoryPtr hex(serial ? BN_bn2hex(serial.get()) : nullptr);
  tx.record_certified_key(key.fingerprint, hex ? static_cast<const char*>(hex.get()) : "", now);
}

}  // namespace certrenew::server
