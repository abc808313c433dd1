// Issue 21: the built-in CA issues the encryption certificate of an SM2 dual-certificate holder.
// It mirrors the holder's new signing certificate (subject, validity, names, policies) so the two
// stay a pair, with the key usage of an encryption certificate instead of the signing one.
#include <openssl/x509v3.h>

#include <array>
#include <stdexcept>
#include <string>

#include "ca/authority.hpp"
#include "ca/key_identity.hpp"
#include "certrenew/core/pki/error.hpp"
#include "certrenew/core/pki/public_key_info.hpp"

namespace certrenew::server {
namespace {

// Copied from the signing certificate: who the holder is and under which policies. Key usage and
// extended key usage are not: they say what the key is for, and this key is for encryption.
constexpr std::array kPairedExtensions{NID_subject_alt_name, NID_certificate_policies,
                                       NID_basic_constraints};

}  // namespace

std::vector<std::uint8_t> CertificateAuthority::issue_encryption_certificate(
    const std::vector<std::uint8_t>& signing_cert_der, EVP_PKEY* encryption_key) const {
  if (encryption_key == nullptr || EVP_PKEY_is_a(encryption_key, "SM2") != 1)
    throw IssuanceError("an encryption certificate is issued for an SM2 key only");
  X509Ptr signing = parse_certificate_der(signing_cert_der);
  if (X509_check_issued(cert_.get(), signing.get()) != X509_V_OK)
    throw IssuanceError("the signing certificate of the pair was not issued by this CA");

  X509Ptr cert(X509_new());
  if (!cert || !X509_set_version(cert.get(), X509_VERSION_3))
    throw IssuanceError("cannot make a certificate");
  set_random_serial(cert.get());
  if (!X509_set_subject_name(cert.get(), X509_get_subject_name(signing.get())) ||
      !X509_set_issuer_name(cert.get(), X509_get_subject_name(cert_.get())) ||
      !X509_set1_notBefore(cert.get(), X509_get0_notBefore(signing.get())) ||
      !X509_set1_notAfter(cert.get(), X509_get0_notAfter(signing.get())))
    throw IssuanceError("cannot copy the signing certificate's subject and validity");
  try {
    pki::set_public_key_info(X509_get_X509_PUBKEY(cert.get()), canonical_spki(encryption_key));
  } catch (const std::invalid_argument& e) {
    throw IssuanceError(e.what());
  } catch (const pki::PkiError& e) {
    throw IssuanceError(std::string("cannot set the encryption public key: ") + e.what());
  }
  for (int nid : kPairedExtensions) {
    const int at = X509_get_ext_by_NID(signing.get(), nid, -1);
    if (at >= 0 && !X509_add_ext(cert.get(), X509_get_ext(signing.get(), at), -1))
      throw IssuanceError("cannot copy an extension of the signing certificate");
  }
  add_extension(cert.get(), cert_.get(), NID_key_usage,
                "critical,keyEncipherment,dataEncipherment");
  add_extension(cert.get(), cert_.get(), NID_subject_key_identifier, "hash");
  add_extension(cert.get(), cert_.get(), NID_authority_key_identifier, "keyid:always");
  add_crl_distribution_point(cert.get());
  return sign(cert.get());
}

}  // namespace certrenew::server
