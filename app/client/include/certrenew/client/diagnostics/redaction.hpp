#pragma once
// Removing secrets and masking personal data in text that leaves the client: the log file, the
// diagnostic report and the support bundle. The rules (docs/diagnostics.md):
//   - 18-character resident ID numbers: 11010519491231002X -> 110105********002X
//   - mainland mobile numbers (11 digits, 1[3-9]...): 13800138000 -> 138****8000
//   - the value after a secret-looking key (pin, password, passwd, pwd, secret, token,
//     capability, authorization, 口令, 密码) followed by '=' or ':' -> [removed]
//   - "Bearer <value>" -> "Bearer [removed]"
//   - credentials in URLs: https://user:pass@host -> https://[removed]@host
//   - every secret the caller registered (e.g. the capability tokens of the local store), wherever
//     it appears
// Numbers are matched only as whole runs of digits, so business numbers (17 digits), serial
// numbers and timestamps are left alone. Applying the rules twice changes nothing more.

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "certrenew/client/diagnostics/report.hpp"

namespace certrenew::client::diagnostics {

// What replaces a removed value.
inline constexpr std::string_view kRemoved = "[removed]";

class Redactor {
 public:
  // Adds a literal secret to remove wherever it appears. Values shorter than 6 characters are
  // ignored: removing them would shred ordinary text, and the key rules catch short PINs.
  void add_secret(std::string_view secret);

  std::string apply(std::string_view text) const;
  // Every string value of a JSON document (keys are kept); the result is
  // still valid JSON of the same shape.
  nlohmann::json apply_json(const nlohmann::json& json) const;

 private:
  std::vector<std::string> secrets_;
};

// True for a key whose value is a secret ("pin", "user_pin", "capability_token", "password",
// "口令"), false for keys that describe one ("pin_retries", "token_id", "pin_pad").
bool is_secret_key(std::string_view key);

// The rules without any registered secret.
std::string redact(std::string_view text);

// The report with every text, environment value, detail string and log line redacted; JSON keys
// whose name is a secret (is_secret_key) lose their value.
DiagnosticReport redact_report(const DiagnosticReport& report, const Redactor& redactor);

// A proxy or service URL with its user name and password removed ("http://[removed]@proxy:3128").
std::string redact_url_credentials(std::string_view url);

// The masks on their own, for callers that show a known ID or mobile number.
std::string mask_id_number(std::string_view id);   // keeps the first 6 and the last 4 characters
std::string mask_mobile(std::string_view mobile);  // keeps the first 3 and the last 4 digits

}  // namespace certrenew::client::diagnostics
