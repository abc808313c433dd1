#pragma once
// The built-in CA as an Issuer: the key in a file (builtin-file) or on an HSM (builtin-pkcs11).
// Revocations are published in the CA's own CRL (service/crl_publisher), made from the store's
// revocation records.

#include <functional>
#include <string>

#include "issuers/issuer.hpp"

namespace certrenew::server {

class BuiltinIssuer final : public Issuer {
 public:
  using HealthCheck = std::function<IssuerHealth()>;
  // `keep_alive` holds what the CA's key needs while the issuer lives (the HSM session).
  BuiltinIssuer(std::string type, CertificateAuthority ca, HealthCheck health = {},
                std::shared_ptr<void> keep_alive = {});

  std::string_view type() const override { return type_; }
  const std::vector<std::uint8_t>& ca_certificate_der() const override {
    return ca_.certificate_der();
  }
  std::vector<std::uint8_t> issue(const IssueRequest& request) override;
  void revoke(const RevokeRequest& request) override;
  bool answers_at_once() const override { return true; }
  std::vector<std::uint8_t> issue_encryption(const EncryptionIssueRequest& request) override;
  IssuerHealth health() override { return health_ ? health_() : IssuerHealth{}; }
  const CertificateAuthority* certificate_authority() const override { return &ca_; }

 private:
  std::string type_;
  std::shared_ptr<void> keep_alive_;  // destroyed after ca_ (declared before it)
  CertificateAuthority ca_;
  HealthCheck health_;
};

}  // namespace certrenew::server
