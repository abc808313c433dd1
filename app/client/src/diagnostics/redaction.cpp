#include "certrenew/client/diagnostics/redaction.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

namespace certrenew::client::diagnostics {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alnum(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}
char lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}
bool starts_with_at(std::string_view text, std::size_t at, std::string_view prefix) {
  return text.substr(at, prefix.size()) == prefix;
}
bool starts_with_no_case_at(std::string_view text, std::size_t at, std::string_view lower_prefix) {
  if (text.size() - at < lower_prefix.size()) return false;
  for (std::size_t i = 0; i < lower_prefix.size(); ++i)
    if (lower(text[at + i]) != lower_prefix[i]) return false;
  return true;
}

constexpr std::size_t kCopy = std::string_view::npos;

// Copies `text` position by position; at each, `rule(i, out)` may take over: it appends what
// stands for the text from i on and returns where the copy goes on (always past i), or returns
// kCopy and the character at i is copied as it is.
template <typename Rule>
std::string rewrite(std::string_view text, Rule&& rule) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t next = rule(i, out);
    if (next == kCopy)
      out += text[i++];
    else
      i = next;
  }
  return out;
}

// ---- key rules -----------------------------------------------------------------------------

// Words that make an identifier name a secret ("user_pin", "capability_token", "password").
constexpr std::array<std::string_view, 13> kSecretWords{
    "pin",   "pins",       "password",      "passwd", "pwd",    "passphrase", "secret",
    "token", "capability", "authorization", "auth",   "cookie", "apikey"};
// Words that make it a description of a secret instead ("pin_retries", "token_id", "pin_pad"):
// those values are useful to support and are not secret.
constexpr std::array<std::string_view, 30> kDescriptiveWords{
    "id",      "ids",    "serial", "label",   "retries",  "retry",  "tries", "len",
    "length",  "min",    "max",    "pad",     "count",    "locked", "lock",  "status",
    "state",   "type",   "kind",   "present", "policy",   "file",   "path",  "dir",
    "expires", "expiry", "left",   "change",  "required", "hint"};
// Run-together names of secrets seen in the wild. Only these: a general "ends with token" rule
// would take the driver name "softtoken" for a secret.
constexpr std::array<std::string_view, 10> kRunTogetherSecrets{
    "userpin",   "sopin",    "newpin",       "oldpin",       "accesstoken",
    "authtoken", "apitoken", "refreshtoken", "sessiontoken", "userpassword"};
// Chinese keys, matched exactly (UTF-8).
constexpr std::array<std::string_view, 4> kChineseSecretKeys{"口令", "密码", "验证码", "PIN码"};

bool is_identifier_char(char c) {
  return is_alnum(c) || c == '_' || c == '-' || c == '.';
}

bool contains(const auto& list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

}  // namespace

bool is_secret_key(std::string_view key) {
  // Most identifiers in a log hold none of the secret words: skip them cheaply.
  std::string lowered;
  lowered.reserve(key.size());
  for (char c : key) lowered += lower(c);
  constexpr std::array<std::string_view, 8> kStems{"pin",   "pass",  "pwd",  "secret",
                                                   "token", "capab", "auth", "cookie"};
  const bool may_be_secret =
      std::any_of(kStems.begin(), kStems.end(),
                  [&](std::string_view stem) { return lowered.find(stem) != std::string::npos; }) ||
      lowered.find("apikey") != std::string::npos;
  if (!may_be_secret) return contains(kChineseSecretKeys, key);
  // Words are separated by anything not a letter or digit, and by camel case ("userPin").
  std::vector<std::string> parts(1);
  for (std::size_t i = 0; i < key.size(); ++i) {
    const char c = key[i];
    if (!is_alnum(c)) {
      parts.emplace_back();
      continue;
    }
    const bool camel_hump = std::isupper(static_cast<unsigned char>(c)) && i > 0 &&
                            std::islower(static_cast<unsigned char>(key[i - 1]));
    if (camel_hump) parts.emplace_back();
    parts.back() += lower(c);
  }
  bool secret = false;
  for (const std::string& part : parts) {
    if (contains(kDescriptiveWords, part)) return false;
    if (contains(kSecretWords, part) || contains(kRunTogetherSecrets, part)) secret = true;
  }
  return secret || contains(kChineseSecretKeys, key);
}

namespace {

// Full-width punctuation that ends a value in Chinese text: ， ； 。 、 ） and the ideographic
// space.
constexpr std::array<std::string_view, 6> kWideStops{
    "\xEF\xBC\x8C", "\xEF\xBC\x9B", "\xE3\x80\x82", "\xE3\x80\x81", "\xEF\xBC\x89", "\xE3\x80\x80"};

bool ends_unquoted_value(std::string_view text, std::size_t at) {
  const char c = text[at];
  if (std::isspace(static_cast<unsigned char>(c)) || c == ',' || c == ';' || c == '&' || c == '}' ||
      c == ']' || c == ')' || c == '"' || c == '\'' || c == '<' || c == '\\')
    return true;
  return std::any_of(kWideStops.begin(), kWideStops.end(),
                     [&](std::string_view stop) { return starts_with_at(text, at, stop); });
}

// After a key ends at `at`: an optional closing quote (possibly escaped), spaces, a separator
// ('=', ':', full-width '：' or '＝'), spaces. Returns where the value starts, or npos.
std::size_t value_start_after_key(std::string_view text, std::size_t at) {
  std::size_t i = at;
  if (i < text.size() && text[i] == '\\' && i + 1 < text.size() &&
      (text[i + 1] == '"' || text[i + 1] == '\''))
    i += 2;
  else if (i < text.size() && (text[i] == '"' || text[i] == '\''))
    ++i;
  while (i < text.size() && text[i] == ' ') ++i;
  if (i < text.size() && (text[i] == '=' || text[i] == ':')) {
    ++i;
  } else if (starts_with_at(text, i, "\xEF\xBC\x9A") || starts_with_at(text, i, "\xEF\xBC\x9D")) {
    i += 3;
  } else {
    return std::string_view::npos;
  }
  while (i < text.size() && text[i] == ' ') ++i;
  return i;
}

// Copies the value starting at `at` as [removed] into `out`; returns where the value ends.
std::size_t remove_value(std::string_view text, std::size_t at, std::string& out) {
  std::size_t i = at;
  // A quoted value (possibly with escaped quotes, as in JSON logged inside a string): keep the
  // quotes, drop what is between them.
  std::string_view open;
  if (i + 1 < text.size() && text[i] == '\\' && (text[i + 1] == '"' || text[i + 1] == '\''))
    open = text.substr(i, 2);
  else if (i < text.size() && (text[i] == '"' || text[i] == '\''))
    open = text.substr(i, 1);
  out += open;
  i += open.size();
  const std::size_t value_begin = i;
  if (!open.empty()) {
    const char quote = open.back();
    while (i < text.size() && text[i] != quote && text[i] != '\\') ++i;
  } else {
    while (i < text.size() && !ends_unquoted_value(text, i)) ++i;
  }
  if (i > value_begin) out += kRemoved;
  return i;
}

std::string remove_keyed_values(std::string_view text) {
  // After a secret key ending at `at`: copies the separator and the value (as [removed]) if there
  // is one; returns where the copy goes on. A value that is already [removed] is left as it is.
  const auto remove_after_key = [&](std::size_t at, std::string& out) {
    std::size_t value = value_start_after_key(text, at);
    if (value == std::string_view::npos) return at;
    // "Authorization: Bearer <value>": the scheme is no secret, the value after it is.
    for (std::string_view scheme : {"bearer ", "basic "}) {
      if (starts_with_no_case_at(text, value, scheme)) {
        value += scheme.size();
        while (value < text.size() && text[value] == ' ') ++value;
        break;
      }
    }
    out += text.substr(at, value - at);
    if (starts_with_at(text, value, kRemoved)) return value;
    return remove_value(text, value, out);
  };
  return rewrite(text, [&](std::size_t i, std::string& out) {
    const auto chinese = std::find_if(
        kChineseSecretKeys.begin(), kChineseSecretKeys.end(), [&](std::string_view key) {
          return starts_with_at(text, i, key) && (i == 0 || !is_identifier_char(text[i - 1]));
        });
    if (chinese != kChineseSecretKeys.end()) {
      out += *chinese;
      return remove_after_key(i + chinese->size(), out);
    }
    // An ASCII identifier, taken whole.
    if (is_identifier_char(text[i]) && (i == 0 || !is_identifier_char(text[i - 1]))) {
      std::size_t end = i;
      while (end < text.size() && is_identifier_char(text[end])) ++end;
      const std::string_view key = text.substr(i, end - i);
      out += key;
      return is_secret_key(key) ? remove_after_key(end, out) : end;
    }
    return kCopy;
  });
}

// ---- Bearer values and URL credentials -------------------------------------------------------

std::string remove_bearer_values(std::string_view text) {
  return rewrite(text, [&](std::size_t i, std::string& out) {
    if (!starts_with_no_case_at(text, i, "bearer") || (i > 0 && is_alnum(text[i - 1])))
      return kCopy;
    const std::size_t j = i + 6;
    std::size_t spaces = j;
    while (spaces < text.size() && text[spaces] == ' ') ++spaces;
    if (spaces == j || spaces == text.size() || starts_with_at(text, spaces, kRemoved))
      return kCopy;
    out += text.substr(i, spaces - i);
    std::size_t end = spaces;
    while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end])) &&
           text[end] != '"' && text[end] != '\'' && text[end] != ',' && text[end] != '\\')
      ++end;
    if (end > spaces) out += kRemoved;
    return end;
  });
}

std::string remove_url_credentials(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t scheme_end = text.find("://", i);
    if (scheme_end == std::string_view::npos) break;
    const std::size_t authority = scheme_end + 3;
    std::size_t end = authority;
    while (end < text.size()) {
      const char c = text[end];
      if (c == '/' || c == '?' || c == '#' || c == '"' || c == '\'' || c == '<' || c == '>' ||
          std::isspace(static_cast<unsigned char>(c)))
        break;
      ++end;
    }
    const std::string_view host_part = text.substr(authority, end - authority);
    const std::size_t at = host_part.rfind('@');
    out += text.substr(i, authority - i);
    if (at != std::string_view::npos && host_part.substr(0, at) != kRemoved) {
      out += kRemoved;
      out += host_part.substr(at);
    } else {
      out += host_part;
    }
    i = end;
  }
  out += text.substr(i);
  return out;
}

// ---- ID and mobile numbers -------------------------------------------------------------------

bool is_mobile(std::string_view digits) {
  return digits.size() == 11 && digits[0] == '1' && digits[1] >= '3' && digits[1] <= '9';
}

std::string mask_numbers(std::string_view text) {
  return rewrite(text, [&](std::size_t i, std::string& out) {
    if (!is_digit(text[i]) || (i > 0 && is_digit(text[i - 1]))) return kCopy;
    std::size_t end = i;
    while (end < text.size() && is_digit(text[end])) ++end;
    const std::string_view run = text.substr(i, end - i);
    // 18-character resident ID: 18 digits, or 17 digits and a check character X.
    if (run.size() == 18) {
      out += mask_id_number(run);
      return end;
    }
    if (run.size() == 17 && end < text.size() && (text[end] == 'X' || text[end] == 'x')) {
      out += mask_id_number(text.substr(i, 18));
      return end + 1;
    }
    if (is_mobile(run)) {
      out += mask_mobile(run);
      return end;
    }
    if (run.size() == 13 && run.substr(0, 2) == "86" && is_mobile(run.substr(2))) {
      out += "86";
      out += mask_mobile(run.substr(2));
      return end;
    }
    // A mobile number written in groups: 138-0013-8000 or 138 0013 8000.
    if (run.size() == 3 && end + 10 <= text.size() && (text[end] == '-' || text[end] == ' ')) {
      const char sep = text[end];
      const std::string_view rest = text.substr(end, 10);
      const bool grouped = rest[5] == sep &&
                           std::all_of(rest.begin() + 1, rest.begin() + 5, is_digit) &&
                           std::all_of(rest.begin() + 6, rest.end(), is_digit) &&
                           (end + 10 == text.size() || !is_digit(text[end + 10]));
      if (grouped) {
        std::string digits(run);
        digits += rest.substr(1, 4);
        digits += rest.substr(6, 4);
        if (is_mobile(digits)) {
          out += run;
          out += sep;
          out += "****";
          out += sep;
          out += rest.substr(6, 4);
          return end + 10;
        }
      }
    }
    out += run;
    return end;
  });
}

}  // namespace

std::string mask_id_number(std::string_view id) {
  if (id.size() <= 10) return std::string(id.size(), '*');
  return std::string(id.substr(0, 6)) + std::string(id.size() - 10, '*') +
         std::string(id.substr(id.size() - 4));
}

std::string mask_mobile(std::string_view mobile) {
  if (mobile.size() <= 7) return std::string(mobile.size(), '*');
  return std::string(mobile.substr(0, 3)) + std::string(mobile.size() - 7, '*') +
         std::string(mobile.substr(mobile.size() - 4));
}

std::string redact_url_credentials(std::string_view url) {
  return remove_url_credentials(url);
}

void Redactor::add_secret(std::string_view secret) {
  if (secret.size() < 6) return;
  if (std::find(secrets_.begin(), secrets_.end(), secret) != secrets_.end()) return;
  secrets_.emplace_back(secret);
  // Longest first, so a secret that contains another is removed whole.
  std::sort(secrets_.begin(), secrets_.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

std::string Redactor::apply(std::string_view text) const {
  std::string out(text);
  for (const std::string& secret : secrets_) {
    std::size_t at = 0;
    while ((at = out.find(secret, at)) != std::string::npos) {
      out.replace(at, secret.size(), kRemoved);
      at += kRemoved.size();
    }
  }
  out = remove_url_credentials(out);
  out = remove_bearer_values(out);
  out = remove_keyed_values(out);
  return mask_numbers(out);
}

nlohmann::json Redactor::apply_json(const nlohmann::json& json) const {
  if (json.is_string()) return apply(json.get_ref<const std::string&>());
  if (json.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : json) out.push_back(apply_json(item));
    return out;
  }
  if (json.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [key, value] : json.items()) {
      const bool hide = is_secret_key(key) && !value.is_null() && !value.is_boolean();
      out[key] = hide ? nlohmann::json(kRemoved) : apply_json(value);
    }
    return out;
  }
  return json;  // numbers, booleans, null
}

DiagnosticReport redact_report(const DiagnosticReport& report, const Redactor& redactor) {
  DiagnosticReport out;
  out.generated_at = report.generated_at;
  const auto text = [&](const Text& t) { return Text{redactor.apply(t.zh), redactor.apply(t.en)}; };
  for (const EnvironmentEntry& entry : report.environment)
    out.environment.push_back({entry.key, text(entry.label), redactor.apply(entry.value)});
  for (const Check& check : report.checks)
    out.checks.push_back({check.area, check.id, check.status, text(check.title),
                          text(check.sentence), redactor.apply_json(check.details)});
  for (const std::string& line : report.log_tail) out.log_tail.push_back(redactor.apply(line));
  return out;
}

std::string redact(std::string_view text) {
  return Redactor().apply(text);
}

}  // namespace certrenew::client::diagnostics
