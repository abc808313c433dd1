#pragma once
// Reads one SMS channel's section of config.json (notify.sms): every problem is a
// std::runtime_error naming the key ("config.notify.sms.url: ..."), so a bad configuration stops
// the service at start instead of losing messages later.

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

namespace certrenew::server {

class SmsConfigReader {
 public:
  SmsConfigReader(const nlohmann::json& section, std::filesystem::path base_dir)
      : j_(section), base_dir_(std::move(base_dir)) {}

  [[noreturn]] static void bad(const std::string& key, const std::string& what);
  bool has(const char* key) const { return j_.contains(key); }
  const nlohmann::json& at(const char* key) const { return j_.at(key); }
  // Non-empty text; absent and not required: "".
  std::string text(const char* key, bool required) const;
  // An endpoint URL (https://, or http:// to loopback only).
  std::string endpoint(const char* key, bool required) const;
  // A file path; relative paths are relative to config.json's folder. Absent: "".
  std::filesystem::path path(const char* key, bool required) const;
  // timeout_seconds, 1..120; absent: `fallback`.
  int timeout_seconds(int fallback) const;

 private:
  const nlohmann::json& j_;
  std::filesystem::path base_dir_;
};

}  // namespace certrenew::server
