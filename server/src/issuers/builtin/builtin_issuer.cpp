#include "issuers/builtin/builtin_issuer.hpp"

#include <openssl/x509.h>

namespace certrenew::server {

BuiltinIssuer::BuiltinIssuer(std::string type, CertificateAuthority ca, HealthCheck health,
                             std::shared_ptr<void> keep_alive)
    : type_(std::move(type)),
      keep_alive_(std::move(keep_alive)),
      ca_(std::move(ca)),
      health_(std::move(health)) {}

std::vector<std::uint8_t> BuiltinIssuer::issue(const IssueRequest& request) {
  try {
    return ca_.renew(request.old_certificate_der, request.csr_der, request.period_months,
                     request.now);
  } catch (const IssuanceError& e) {
    // With its key reachable the CA refuses this request for good; without, it may sign later.
    if (health().ok) throw IssuerRefusal(e.what());
    throw;
  }
}

std::vector<std::uint8_t> BuiltinIssuer::issue_encryption(const EncryptionIssueRequest& request) {
  const unsigned char* p = request.public_key_spki_der.data();
  PkeyPtr key(d2i_PUBKEY(nullptr, &p, static_cast<long>(request.public_key_spki_der.size())));
  if (!key || p != request.public_key_spki_der.data() + request.public_key_spki_der.size())
    throw IssuanceError("the encryption public key does not parse");
  return ca_.issue_encryption_certificate(request.signing_certificate_der, key.get());
}

void BuiltinIssuer::revoke(const RevokeRequest& request) {
  // The CRL lists what the store records; here only a certificate that is not ours is refused,
  // so a record never names a serial this CA did not issue.
  if (request.certificate_der.empty()) return;
  X509Ptr cert = parse_certificate_der(request.certificate_der);
  if (X509_check_issued(ca_.certificate(), cert.get()) != X509_V_OK)
    throw IssuanceError("the certificate to revoke was not issued by this CA");
}

}  // namespace certrenew::server
