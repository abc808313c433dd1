#include "certrenew/client/flow/self_test.hpp"

#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <utility>

#include "certrenew/client/catalogues.hpp"
#include "certrenew/client/flow/flow_error.hpp"
#include "certrenew/client/flow/renewal_flow.hpp"
#include "certrenew/client/format_text.hpp"
#include "certrenew/core/lookup_table.hpp"
#include "certrenew/core/pki/error.hpp"
#include "certrenew/core/pki/signed_data.hpp"
#include "certrenew/core/pki/sm2_envelope.hpp"
#include "certrenew/core/token/token_error.hpp"
#include "certrenew/core/token/token_signer.hpp"
#include "certrenew/core/x509/certificate.hpp"
#include "dual_certificates.hpp"
#include "flow_text.hpp"

namespace certrenew::client {

namespace {

constexpr std::string_view kProbe = "certrenew self-test: the new signing certificate signs";

const token::TokenObject* holding_key(const std::vector<token::TokenObject>& objects,
                                      const Bytes& certificate) {
  const x509::Certificate c = x509::parse_certificate(certificate);
  for (const auto& o : objects)
    if (o.key && o.key->spki == c.public_key.spki_der) return &o;
  return nullptr;
}

// Data sealed to `certificate` (random whole blocks) opens with the key `id` on the token.
std::string opens(token::Session& session, const token::ObjectId& id, const Bytes& certificate) {
  Bytes message(64);
  if (RAND_bytes(message.data(), static_cast<int>(message.size())) != 1) return "no random bytes";
  const x509::Certificate c = x509::parse_certificate(certificate);
  const pki::SealedData sealed = pki::seal_data(c.public_key.spki_der, message);
  const Bytes plain = session.open_sealed(id, sealed.wrapped_key, sealed.data);
  return plain == message ? std::string() : "the token's plaintext differs from what was sealed";
}

template <class Check>
SelfTestResult run(SelfTestCheck which, Check&& check) {
  SelfTestResult result{which, false, {}};
  try {
    result.detail = check();
  } catch (const std::exception& e) {  // token, pki and certificate errors alike
    result.detail = e.what();
  }
  result.passed = result.detail.empty();
  return result;
}

}  // namespace

constexpr auto kSelfTestCheckCodes = std::to_array<std::pair<SelfTestCheck, std::string_view>>({
    {SelfTestCheck::sign, "sign"},
    {SelfTestCheck::open_new, "open_new"},
    {SelfTestCheck::open_previous, "open_previous"},
});

std::string_view code(SelfTestCheck check) {
  return lookup(kSelfTestCheckCodes, check).value_or("unknown");
}

SelfTestSubject self_test_subject(const std::vector<token::TokenObject>& objects,
                                  const Bytes& signing_certificate) {
  SelfTestSubject subject;
  subject.signing_certificate = signing_certificate;
  const auto signing = std::find_if(objects.begin(), objects.end(), [&](const auto& o) {
    return o.certificate && o.certificate->der == signing_certificate && o.key;
  });
  if (signing == objects.end())
    throw FlowError(FlowError::Kind::key_missing, flow_error("key.not_on_token"));
  subject.signing_key_id = signing->id;
  const x509::Certificate cert = x509::parse_certificate(signing_certificate);
  subject.encryption_certificate = encryption_partner(objects, cert);
  if (!subject.encryption_certificate) return subject;
  if (const auto* key = holding_key(objects, *subject.encryption_certificate))
    subject.encryption_key_id = key->id;
  subject.previous_encryption_certificate =
      encryption_partner(objects, cert, subject.encryption_certificate);
  if (subject.previous_encryption_certificate)
    if (const auto* key = holding_key(objects, *subject.previous_encryption_certificate))
      subject.previous_encryption_key_id = key->id;
  return subject;
}

std::vector<SelfTestResult> run_self_test(token::Session& session, const SelfTestSubject& subject,
                                          std::string_view sm2_signer_id) {
  std::vector<SelfTestResult> results;
  results.push_back(run(SelfTestCheck::sign, [&] {
    const token::TokenSigner signer(session, subject.signing_key_id, std::string(sm2_signer_id));
    const Bytes message =
        pki::build_signed_data(signer, subject.signing_certificate, as_bytes(kProbe));
    pki::SignedDataVerifyOptions options;
    options.sm2_signer_id = std::string(sm2_signer_id);
    const auto verified = pki::verify_signed_data(message, options);
    return verified.signer_certificate_der == subject.signing_certificate
               ? std::string()
               : std::string("the signature names another certificate");
  }));
  if (subject.encryption_certificate)
    results.push_back(run(SelfTestCheck::open_new, [&] {
      if (!subject.encryption_key_id) return std::string("the encryption key is not on the token");
      return opens(session, *subject.encryption_key_id, *subject.encryption_certificate);
    }));
  if (subject.previous_encryption_certificate)
    results.push_back(run(SelfTestCheck::open_previous, [&] {
      if (!subject.previous_encryption_key_id)
        return std::string("the previous encryption key is no longer on the token");
      return opens(session, *subject.previous_encryption_key_id,
                   *subject.previous_encryption_certificate);
    }));
  return results;
}

Text describe(const SelfTestResult& result) {
  const std::string id =
      "selftest." + std::string(code(result.check)) + (result.passed ? ".passed" : ".failed");
  return format_text(catalogues::flow_words().at(id), result.detail);
}

std::vector<SelfTestResult> RenewalFlow::self_test(const SecureBuffer& pin,
                                                   const InstallResult& installed) {
  try {
    token::Session session = ctx_.inventory->open_session(installed.token_id);
    session.login(pin);
    const auto subject = self_test_subject(session.objects(), installed.new_certificate);
    return run_self_test(session, subject, info().sm2_signer_id);
  } catch (const std::exception& e) {
    return {SelfTestResult{SelfTestCheck::sign, false, e.what()}};
  }
}

}  // namespace certrenew::client
