#pragma once
// The self-test after an installation (issue 21), run by the app and `certrenew-cli selftest` on
// a logged-in session: the new signing certificate signs (a CMS SignedData made on the token and
// verified against the certificate); for an SM2 dual-certificate holder, data sealed to the new
// encryption certificate opens on the token, and so does data sealed to the previous encryption
// certificate (bids sealed before the renewal stay readable).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "certrenew/core/bytes.hpp"
#include "certrenew/core/text/text.hpp"
#include "certrenew/core/token/session.hpp"

namespace certrenew::client {

// What a self-test uses, found on the token from the signing certificate.
struct SelfTestSubject {
  token::ObjectId signing_key_id;
  Bytes signing_certificate;  // DER
  std::optional<token::ObjectId> encryption_key_id;
  std::optional<Bytes> encryption_certificate;  // the newest with the same subject
  std::optional<token::ObjectId> previous_encryption_key_id;
  std::optional<Bytes> previous_encryption_certificate;  // the one before it, kept on the token
};

// FlowError(key_missing) when the signing certificate or its key is not on the token.
SelfTestSubject self_test_subject(const std::vector<token::TokenObject>& objects,
                                  const Bytes& signing_certificate);

enum class SelfTestCheck { sign, open_new, open_previous };
std::string_view code(SelfTestCheck check);  // "sign", "open_new", "open_previous"

struct SelfTestResult {
  SelfTestCheck check;
  bool passed = false;
  std::string detail;  // why it failed (English, for logs and reports); empty when passed
};

// The checks that apply to the subject, each run (one failing does not stop the others).
std::vector<SelfTestResult> run_self_test(token::Session& session, const SelfTestSubject& subject,
                                          std::string_view sm2_signer_id);

// The line shown for a result, in both languages.
Text describe(const SelfTestResult& result);

}  // namespace certrenew::client
