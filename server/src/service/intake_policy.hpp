#pragma once
// The rules that decide whether a certificate may apply for renewal at all, beyond its signature
// and chain (issue 15): only end-entity signing certificates, never one that was renewed or
// revoked, a daily limit per certificate, and a key that is new by what it is, not how it is
// encoded. RenewalService::submit calls these; each throws ApiError and changes nothing.

#include <cstdint>
#include <optional>
#include <string>

#include "ca/openssl_ptr.hpp"
#include "certrenew/core/bytes.hpp"
#include "service/config.hpp"
#include "storage/store.hpp"

namespace certrenew::server {

// Before anything is stored: the signing certificate must be an end-entity certificate whose key
// usage includes digitalSignature (a CA certificate, or one without a signing key usage, would
// only fail at issuance). 403 certificate_not_end_entity / certificate_not_for_signing.
// Not const: OpenSSL caches the extensions it decodes in the X509.
void check_applying_certificate(X509* certificate);

// The new key's type and size against the policy (400 key_not_allowed), and not the old key in
// any encoding (400 key_reused, unless allow_key_reuse). Returns the key's fingerprint.
std::string check_new_key(const Policy& policy, const X509* old_certificate,
                          const EVP_PKEY* new_public_key);
std::string check_new_key(const Policy& policy, const X509* old_certificate,
                          const Bytes& csr_spki_der);
std::string check_new_key(const Policy& policy, const Bytes& old_certificate_der,
                          const Bytes& csr_spki_der);

// Inside the submission's transaction, asked of the store at once (StoreTx::intake_lookup): the
// application already stored for the same signed request, if any, is returned (the caller answers
// with it, nothing else is checked); otherwise, in this order: 409 already_renewed
// (details.business_no of the renewal), 403 certificate_revoked, 400 key_reused (a key this CA
// certified before), 429 too_many_applications (details.retry_after_seconds: until the next local
// day), 409 application_open (details.business_no of the open application).
struct IntakeFacts {
  std::string request_sha256;   // of the signed request: the idempotency key
  std::string serial_hex;       // the applying certificate
  std::string key_fingerprint;  // of the new key, from check_new_key
};
std::optional<ApplicationRecord> admit_application(StoreTx& tx, const Policy& policy,
                                                   const IntakeFacts& facts, std::int64_t now);

// After issuance: remembers the certified key, so it is never certified again.
void record_issued_key(StoreTx& tx, const X509* issued_certificate, std::int64_t now);

// Seconds from `now` to the start of the next day in the server's time zone (the day that
// business numbers and the daily limit count).
std::int64_t seconds_to_next_local_day(std::int64_t now);

}  // namespace certrenew::server
