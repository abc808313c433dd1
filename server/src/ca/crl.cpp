#include "ca/crl.hpp"

#include <openssl/err.h>
#include <openssl/x509v3.h>

namespace certrenew::server {

namespace {

using CrlPtr = ossl::Ptr<X509_CRL, X509_CRL_free>;
using RevokedPtr = ossl::Ptr<X509_REVOKED, X509_REVOKED_free>;
using EnumeratedPtr = ossl::Ptr<ASN1_ENUMERATED, ASN1_ENUMERATED_free>;
using TimePtr = ossl::Asn1TimePtr;

[[noreturn]] void fail_crl(const std::string& what) {
  ERR_clear_error();
  throw IssuanceError("cannot make the CRL: " + what);
}

TimePtr asn1_time(Clock::time_point t) {
  auto secs = std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
  TimePtr out(ASN1_TIME_set(nullptr, static_cast<time_t>(secs)));
  if (!out) fail_crl("time");
  return out;
}

}  // namespace

std::vector<std::uint8_t> make_crl(const CertificateAuthority& ca,
                                   const std::vector<CrlEntry>& entries, std::int64_t crl_number,
                                   Clock::time_point this_update, Clock::time_point next_update) {
  CrlPtr crl(X509_CRL_new());
  if (!crl || X509_CRL_set_version(crl.get(), X509_CRL_VERSION_2) != 1) fail_crl("new");
  if (X509_CRL_set_issuer_name(crl.get(), X509_get_subject_name(ca.certificate())) != 1)
    fail_crl("issuer");
  TimePtr last = asn1_time(this_update), next = asn1_time(next_update);
  if (X509_CRL_set1_lastUpdate(crl.get(), last.get()) != 1 ||
      X509_CRL_set1_nextUpdate(crl.get(), next.get()) != 1)
    fail_crl("dates");

  for (const CrlEntry& e : entries) {
    RevokedPtr revoked(X509_REVOKED_new());
    BIGNUM* bn = nullptr;
    if (!revoked || BN_hex2bn(&bn, e.serial_hex.c_str()) == 0) fail_crl("serial " + e.serial_hex);
    BnPtr serial_bn(bn);
    Asn1IntPtr serial(BN_to_ASN1_INTEGER(serial_bn.get(), nullptr));
    TimePtr when = asn1_time(e.revoked_at);
    if (!serial || X509_REVOKED_set_serialNumber(revoked.get(), serial.get()) != 1 ||
        X509_REVOKED_set_revocationDate(revoked.get(), when.get()) != 1)
      fail_crl("entry " + e.serial_hex);
    if (e.reason != 0) {
      EnumeratedPtr reason(ASN1_ENUMERATED_new());
      if (!reason || ASN1_ENUMERATED_set(reason.get(), e.reason) != 1 ||
          X509_REVOKED_add1_ext_i2d(revoked.get(), NID_crl_reason, reason.get(), 0, 0) != 1)
        fail_crl("reason");
    }
    if (X509_CRL_add0_revoked(crl.get(), revoked.get()) != 1) fail_crl("add entry");
    revoked.release();
  }
  if (X509_CRL_sort(crl.get()) != 1) fail_crl("sort");

  Asn1IntPtr number(ASN1_INTEGER_new());
  if (!number || ASN1_INTEGER_set_int64(number.get(), crl_number) != 1 ||
      X509_CRL_add1_ext_i2d(crl.get(), NID_crl_number, number.get(), 0, 0) != 1)
    fail_crl("CRL number");
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, ca.certificate(), nullptr, nullptr, crl.get(), 0);
  X509ExtPtr aki(X509V3_EXT_conf_nid(nullptr, &ctx, NID_authority_key_identifier, "keyid:always"));
  if (!aki || X509_CRL_add_ext(crl.get(), aki.get(), -1) != 1) fail_crl("authority key identifier");

  return ca.sign_crl(crl.get());
}

}  // namespace certrenew::server
