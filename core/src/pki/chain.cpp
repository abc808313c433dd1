#include "pki/chain.hpp"

#include <chrono>
#include <ctime>

#include "pki/algorithms.hpp"
#include "pki/der.hpp"
#include "pki/openssl_error.hpp"

namespace certrenew::pki::detail {
namespace {

struct NotYetValidLimit {
  std::time_t latest_start;  // a notBefore up to this time is accepted
};

// OpenSSL calls this for each problem it finds; we forgive only "not yet valid" within the
// tolerance, for a certificate the CA issued a moment ago by its own clock.
int forgive_small_clock_skew(int ok, X509_STORE_CTX* context) {
  if (ok != 0 || X509_STORE_CTX_get_error(context) != X509_V_ERR_CERT_NOT_YET_VALID) return ok;
  const auto* limit = static_cast<const NotYetValidLimit*>(X509_STORE_CTX_get_app_data(context));
  X509* certificate = X509_STORE_CTX_get_current_cert(context);
  if (limit == nullptr || certificate == nullptr) return ok;
  std::time_t latest_start = limit->latest_start;
  return X509_cmp_time(X509_get0_notBefore(certificate), &latest_start) == -1 ? 1 : ok;
}

}  // namespace

ChainVerdict verify_chain(X509* leaf, const std::vector<X509*>& untrusted,
                          const TrustOptions& trust) {
  if (trust.anchors.empty() && trust.decoded_anchors.empty())
    return {false, "no trust anchors are configured"};

  X509StorePtr store(X509_STORE_new());
  require(store != nullptr, "X509_STORE_new");
  for (std::size_t i = 0; i < trust.anchors.size(); ++i) {
    X509Ptr anchor = parse_certificate(trust.anchors[i]);
    if (anchor == nullptr) {
      return {false, "trust anchor " + std::to_string(i + 1) + " is not a DER certificate"};
    }
    attach_sm2_id_if_sm2_signed(anchor.get(), trust.sm2_signer_id);
    require(X509_STORE_add_cert(store.get(), anchor.get()) == 1, "X509_STORE_add_cert");
  }
  for (const SharedCertificate& anchor : trust.decoded_anchors) {
    if (anchor == nullptr) return {false, "a decoded trust anchor is missing"};
    require(X509_STORE_add_cert(store.get(), anchor.get()) == 1, "X509_STORE_add_cert");
  }

  std::vector<X509Ptr> intermediates;
  for (std::size_t i = 0; i < trust.intermediates.size(); ++i) {
    X509Ptr certificate = parse_certificate(trust.intermediates[i]);
    if (certificate == nullptr) {
      return {false, "intermediate " + std::to_string(i + 1) + " is not a DER certificate"};
    }
    intermediates.push_back(std::move(certificate));
  }
  X509StackView chain_helpers(sk_X509_new_null());
  require(chain_helpers != nullptr, "sk_X509_new_null");
  auto add_helper = [&](X509* certificate) {
    attach_sm2_id_if_sm2_signed(certificate, trust.sm2_signer_id);
    require(sk_X509_push(chain_helpers.get(), certificate) > 0, "sk_X509_push");
  };
  for (X509* certificate : untrusted) add_helper(certificate);
  for (const X509Ptr& certificate : intermediates) add_helper(certificate.get());
  attach_sm2_id_if_sm2_signed(leaf, trust.sm2_signer_id);

  X509StoreCtxPtr context(X509_STORE_CTX_new());
  require(context != nullptr, "X509_STORE_CTX_new");
  require(X509_STORE_CTX_init(context.get(), store.get(), leaf, chain_helpers.get()) == 1,
          "X509_STORE_CTX_init");
  X509_VERIFY_PARAM* parameters = X509_STORE_CTX_get0_param(context.get());
  // A configured issuing CA is trusted even when it is not a self-signed root.
  X509_VERIFY_PARAM_set_flags(parameters, X509_V_FLAG_PARTIAL_CHAIN);
  const auto at = trust.at.value_or(std::chrono::system_clock::now());
  X509_VERIFY_PARAM_set_time(parameters, std::chrono::system_clock::to_time_t(at));
  NotYetValidLimit limit{std::chrono::system_clock::to_time_t(at + trust.not_yet_valid_tolerance)};
  X509_STORE_CTX_set_app_data(context.get(), &limit);
  X509_STORE_CTX_set_verify_cb(context.get(), forgive_small_clock_skew);

  const int result = X509_verify_cert(context.get());
  take_openssl_errors();
  if (result == 1) return {true, {}};
  const int error = X509_STORE_CTX_get_error(context.get());
  return {false, std::string(X509_verify_cert_error_string(error)) + " (depth " +
                     std::to_string(X509_STORE_CTX_get_error_depth(context.get())) + ")"};
}

}  // namespace certrenew::pki::detail

namespace certrenew::pki {

SharedCertificate share_certificate(ByteView der) {
  detail::X509Ptr certificate = detail::parse_certificate(der);
  if (!certificate) detail::fail(PkiErrc::malformed, "not a DER certificate");
  return SharedCertificate(certificate.release(), X509_free);
}

SharedCertificate share_anchor(ByteView der, std::string_view sm2_signer_id) {
  SharedCertificate anchor = share_certificate(der);
  detail::attach_sm2_id_if_sm2_signed(anchor.get(), sm2_signer_id);
  return anchor;
}

ChainCheck check_chain(X509* certificate, const TrustOptions& trust) {
  if (certificate == nullptr) detail::fail(PkiErrc::invalid_argument, "no certificate");
  detail::ChainVerdict verdict = detail::verify_chain(certificate, {}, trust);
  return {verdict.trusted, verdict.reason};
}

ChainCheck check_chain(ByteView certificate_der, const TrustOptions& trust) {
  detail::X509Ptr cert = detail::parse_certificate(certificate_der);
  if (!cert) detail::fail(PkiErrc::malformed, "not a DER certificate");
  return check_chain(cert.get(), trust);
}

}  // namespace certrenew::pki
