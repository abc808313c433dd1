#pragma once
// The service as a registration authority in front of an existing CA, over CMP (RFC 4210 / RFC
// 9480) with OpenSSL's CMP client (libcrypto 3.0): each issuance is one p10cr carrying the
// applicant's PKCS#10 (or a kur naming the old certificate, the RA vouching for the proof of
// possession it checked at intake), protected by the RA's signature (or a MAC); the client polls
// while the CA answers "waiting". Revocation is an rr. The CA's answer is checked before it is
// used: it must chain to the configured CA and certify the key the applicant asked for.

#include <mutex>

#include "issuers/cmp/cmp_tls.hpp"
#include "issuers/issuer.hpp"
#include "issuers/issuer_config.hpp"

namespace certrenew::server {

class CmpIssuer final : public Issuer {
 public:
  // Reads the CA, trust and RA files; throws std::runtime_error naming the key when one is bad.
  explicit CmpIssuer(const CmpConfig& config);

  std::string_view type() const override { return "cmp"; }
  const std::vector<std::uint8_t>& ca_certificate_der() const override { return ca_der_; }
  std::vector<std::uint8_t> issue(const IssueRequest& request) override;
  void revoke(const RevokeRequest& request) override;
  IssuerHealth health() override;
  // Issue 21: the CA's KMC is not reached over CMP yet.
  std::vector<std::uint8_t> issue_encryption(const EncryptionIssueRequest&) override {
    throw DualCertificatesUnsupported(
        "the cmp issuer cannot issue SM2 encryption certificates (dual certificates)");
  }

  struct Credentials;  // the RA's certificate and key, or the MAC secret (cmp_issuer.cpp)

 private:
  void remember(bool ok, const std::string& reason);

  CmpConfig config_;
  std::vector<std::uint8_t> ca_der_;
  std::shared_ptr<const Credentials> credentials_;
  std::unique_ptr<CmpTls> tls_;  // https only
  std::mutex mutex_;
  IssuerHealth last_;  // the last exchange's outcome
};

}  // namespace certrenew::server
