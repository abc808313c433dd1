#include "notify/notify_config.hpp"

#include <algorithm>
#include <stdexcept>

namespace certrenew::server {

namespace {

using nlohmann::json;

[[noreturn]] void bad(const std::string& key, const std::string& what) {
  throw std::runtime_error("config.notify." + key + ": " + what);
}

std::string text(const json& j, const char* key, const std::string& where, std::string fallback,
                 bool required = false) {
  if (!j.contains(key)) {
    if (required) bad(where + key, "is required");
    return fallback;
  }
  if (!j.at(key).is_string() || j.at(key).get<std::string>().empty())
    bad(where + key, "expected non-empty text");
  return j.at(key).get<std::string>();
}

int integer(const json& j, const char* key, const std::string& where, int fallback, int lo,
            int hi) {
  if (!j.contains(key)) return fallback;
  const auto& v = j.at(key);
  if (!v.is_number_integer() || v.get<std::int64_t>() < lo || v.get<std::int64_t>() > hi)
    bad(where + key,
        "expected a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
  return v.get<int>();
}

std::filesystem::path resolve(const std::filesystem::path& base, const std::string& p) {
  std::filesystem::path path(p);
  return path.is_absolute() ? path : base / path;
}

// The host of smtp://host[:port] or smtps://..., for the loopback check; empty when malformed.
std::string url_host(const std::string& url) {
  auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return {};
  std::string rest = url.substr(scheme_end + 3);
  rest = rest.substr(0, rest.find('/'));
  if (!rest.empty() && rest.front() == '[') return rest.substr(0, rest.find(']') + 1);
  return rest.substr(0, rest.find(':'));
}

bool is_loopback(const std::string& host) {
  return host == "localhost" || host == "[::1]" || host.rfind("127.", 0) == 0;
}

SmtpConfig smtp_from_json(const json& j, const std::filesystem::path& base_dir) {
  if (!j.is_object()) bad("email", "expected an object");
  const std::string w = "email.";
  SmtpConfig c;
  c.url = text(j, "url", w, "", true);
  const bool implicit_tls = c.url.rfind("smtps://", 0) == 0;
  if (!implicit_tls && c.url.rfind("smtp://", 0) != 0)
    bad(w + "url", "expected smtp://host[:port] or smtps://host[:port]");
  const std::string host = url_host(c.url);
  if (host.empty() || host.find_first_of(" \r\n\t@?#") != std::string::npos)
    bad(w + "url", "expected smtp://host[:port] or smtps://host[:port]");
  const std::string starttls = text(j, "starttls", w, "required");
  if (starttls == "required")
    c.starttls = SmtpConfig::StartTls::required;
  else if (starttls == "optional")
    c.starttls = SmtpConfig::StartTls::optional;
  else if (starttls == "off")
    c.starttls = SmtpConfig::StartTls::off;
  else
    bad(w + "starttls", "expected \"required\", \"optional\" or \"off\"");
  // Mail to operators crosses networks: plain text only to a relay on this machine.
  if (!implicit_tls && c.starttls != SmtpConfig::StartTls::required && !is_loopback(host))
    bad(w + "starttls", "\"" + starttls + "\" is accepted only for a relay on a loopback address");
  c.username = text(j, "username", w, "");
  if (!c.username.empty())
    c.password_file = resolve(base_dir, text(j, "password_file", w, "", true));
  if (j.contains("ca_file")) c.ca_file = resolve(base_dir, text(j, "ca_file", w, ""));
  c.from_address = text(j, "from", w, "", true);
  const auto at = c.from_address.find('@');
  if (at == std::string::npos || at == 0 || at + 1 == c.from_address.size() ||
      c.from_address.find_first_of(" <>\r\n\"") != std::string::npos)
    bad(w + "from", "expected an address such as notify@ca.example.cn");
  c.message_id_domain = text(j, "message_id_domain", w, c.from_address.substr(at + 1));
  if (c.message_id_domain.find_first_of(" <>@\r\n") != std::string::npos)
    bad(w + "message_id_domain", "expected a domain name");
  c.timeout_seconds = integer(j, "timeout_seconds", w, c.timeout_seconds, 1, 600);
  return c;
}

}  // namespace

bool NotifyConfig::channel_configured(std::string_view channel) const {
  if (channel == "email") return email.has_value();
  if (channel == "sms") return !sms.is_null();
  return false;
}

NotifyConfig NotifyConfig::from_json(const json& j, const std::filesystem::path& base_dir) {
  NotifyConfig c;
  if (j.is_null()) return c;
  if (!j.is_object()) throw std::runtime_error("config.notify: expected an object");
  if (j.contains("email")) c.email = smtp_from_json(j.at("email"), base_dir);
  c.base_dir = base_dir;
  if (j.contains("sms")) {
    c.sms = j.at("sms");
    if (!c.sms.is_object() || !c.sms.contains("provider") ||
        (c.sms.at("provider") != "webhook" && c.sms.at("provider") != "aliyun"))
      bad("sms.provider", "expected \"webhook\" or \"aliyun\" (Alibaba Cloud SMS)");
  }
  c.default_language = text(j, "default_language", "", c.default_language);
  if (c.default_language != "zh-CN" && c.default_language != "en")
    bad("default_language", "expected \"zh-CN\" or \"en\"");
  if (j.contains("templates")) c.templates_dir = resolve(base_dir, text(j, "templates", "", ""));
  c.retry_base_seconds = integer(j, "retry_base_seconds", "", c.retry_base_seconds, 1, 86400);
  c.retry_max_seconds =
      integer(j, "retry_max_seconds", "", c.retry_max_seconds, c.retry_base_seconds, 7 * 86400);
  c.max_attempts = integer(j, "max_attempts", "", c.max_attempts, 1, 1000);
  c.lease_seconds = integer(j, "lease_seconds", "", c.lease_seconds, 1, 86400);
  c.poll_milliseconds = integer(j, "poll_milliseconds", "", c.poll_milliseconds, 10, 600000);
  c.reminder_sweep_seconds =
      integer(j, "reminder_sweep_seconds", "", c.reminder_sweep_seconds, 1, 86400);
  if (j.contains("reminder_days")) {
    const auto& days = j.at("reminder_days");
    if (!days.is_array() || days.size() > 10) bad("reminder_days", "expected a list of up to 10");
    c.reminder_days.clear();
    for (const auto& d : days) {
      if (!d.is_number_integer() || d.get<std::int64_t>() < 1 || d.get<std::int64_t>() > 366)
        bad("reminder_days", "expected whole numbers of days from 1 to 366");
      c.reminder_days.push_back(d.get<int>());
    }
    std::sort(c.reminder_days.begin(), c.reminder_days.end());
    if (std::adjacent_find(c.reminder_days.begin(), c.reminder_days.end()) != c.reminder_days.end())
      bad("reminder_days", "each offset at most once");
  }
  return c;
}

}  // namespace certrenew::server
