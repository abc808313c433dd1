#include "notify/sms/sms_config_reader.hpp"

#include <stdexcept>

#include "notify/sms/http_post.hpp"

namespace certrenew::server {

void SmsConfigReader::bad(const std::string& key, const std::string& what) {
  throw std::runtime_error("config.notify.sms." + key + ": " + what);
}

std::string SmsConfigReader::text(const char* key, bool required) const {
  if (!j_.contains(key)) {
    if (required) bad(key, "is required");
    return {};
  }
  if (!j_.at(key).is_string() || j_.at(key).get<std::string>().empty())
    bad(key, "expected non-empty text");
  return j_.at(key).get<std::string>();
}

std::string SmsConfigReader::endpoint(const char* key, bool required) const {
  std::string url = text(key, required);
  if (!url.empty() && !acceptable_endpoint(url))
    bad(key, "expected https://... (http:// only to a loopback address)");
  return url;
}

std::filesystem::path SmsConfigReader::path(const char* key, bool required) const {
  std::filesystem::path p(text(key, required));
  if (!p.empty() && !p.is_absolute()) p = base_dir_ / p;
  return p;
}

int SmsConfigReader::timeout_seconds(int fallback) const {
  if (!j_.contains("timeout_seconds")) return fallback;
  const auto& t = j_.at("timeout_seconds");
  if (!t.is_number_integer() || t.get<long long>() < 1 || t.get<long long>() > 120)
    bad("timeout_seconds", "expected a whole number from 1 to 120");
  return t.get<int>();
}

}  // namespace certrenew::server
