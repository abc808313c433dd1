// The issuer the configuration names, set up and checked before the service takes a request.
#include <stdexcept>

#include "issuers/builtin/builtin_issuer.hpp"
#include "issuers/builtin/hsm_ca_key.hpp"
#include "issuers/cmp/cmp_issuer.hpp"
#include "issuers/issuer.hpp"

namespace certrenew::server {

std::unique_ptr<Issuer> make_issuer(const ServerConfig& config) {
  const IssuerConfig& c = config.issuer;
  switch (c.type) {
    case IssuerType::builtin_file: {
      auto ca = CertificateAuthority::load(c.certificate, c.private_key);
      ca.set_crl_distribution_point(config.crl.url);
      return std::make_unique<BuiltinIssuer>("builtin-file", std::move(ca));
    }
    case IssuerType::builtin_pkcs11: {
      std::shared_ptr<HsmCaKey> key = HsmCaKey::open(c.hsm);
      auto ca = CertificateAuthority::load_with_signer(c.certificate, key->signer());
      ca.set_crl_distribution_point(config.crl.url);
      return std::make_unique<BuiltinIssuer>(
          "builtin-pkcs11", std::move(ca), [key] { return key->health(); }, key);
    }
    case IssuerType::cmp:
      break;
  }
  return std::make_unique<CmpIssuer>(c.cmp);
}

}  // namespace certrenew::server
