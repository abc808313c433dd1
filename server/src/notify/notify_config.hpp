#pragma once
// The "notify" section of certrenew-server's config.json (issue 19): which channels deliver, how
// the outbox worker retries, when expiry reminders go out. No channel configured: events are
// still recorded in the outbox (state "unsent"), nothing is sent.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace certrenew::server {

// E-mail over SMTP (libcurl). `url` is smtp://host[:port] (STARTTLS as `starttls` says) or
// smtps://host[:port] (TLS from the first byte). The server's certificate is always verified.
struct SmtpConfig {
  std::string url;
  enum class StartTls { required, optional, off };
  // off: plain SMTP, accepted only for a relay on this machine (a loopback host).
  StartTls starttls = StartTls::required;
  std::string username;                 // empty: no authentication
  std::filesystem::path password_file;  // the password, kept out of config.json
  std::filesystem::path ca_file;        // trust for the server's certificate; empty: the system's
  std::string from_address;             // envelope and From:
  std::string message_id_domain;        // right of '@' in Message-IDs; default: from_address's
  int timeout_seconds = 30;
};

struct NotifyConfig {
  std::optional<SmtpConfig> email;
  // notify.sms as written ({"provider": "webhook" or "aliyun", ...}); the SMS channel reads it
  // (sms/webhook_channel.hpp, sms/aliyun_sms_channel.hpp). Null: no SMS.
  nlohmann::json sms;
  std::filesystem::path base_dir;             // for the SMS channel's relative paths
  std::string default_language = "zh-CN";     // when an application's language is not known
  std::filesystem::path templates_dir;        // default: the assets folder's notify/
  int retry_base_seconds = 30;                // first retry after this, doubling each time
  int retry_max_seconds = 3600;               // up to this
  int max_attempts = 16;                      // then the message is marked failed
  int lease_seconds = 300;                    // a claimed message is another worker's after this
  int poll_milliseconds = 1000;               // how often the worker looks for due messages
  std::vector<int> reminder_days{7, 30, 90};  // days before notAfter, ascending; one each
  int reminder_sweep_seconds = 3600;          // how often certificates are checked for reminders

  bool channel_configured(std::string_view channel) const;
  // `j` is config.json's "notify" (null: defaults). Throws std::runtime_error naming the key.
  static NotifyConfig from_json(const nlohmann::json& j, const std::filesystem::path& base_dir);
};

}  // namespace certrenew::server
