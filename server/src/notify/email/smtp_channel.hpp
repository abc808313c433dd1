#pragma once
// E-mail through an SMTP server with libcurl: STARTTLS (required or optional) or implicit TLS
// (smtps://), the server's certificate verified, optional authentication.

#include <string>

#include "notify/channel.hpp"
#include "notify/notify_config.hpp"

namespace certrenew::server {

class SmtpChannel final : public NotifyChannel {
 public:
  // Reads the password file now; throws std::runtime_error naming it.
  explicit SmtpChannel(SmtpConfig config, std::string from_name);
  ~SmtpChannel() override;
  DeliveryResult deliver(const OutboxMessage& message, const RenderedMessage& content,
                         const std::string& idempotency_key, std::int64_t now) override;

 private:
  SmtpConfig config_;
  std::string from_name_;
  std::string password_;
};

}  // namespace certrenew::server
