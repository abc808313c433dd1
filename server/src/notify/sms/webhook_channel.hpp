#pragma once
// SMS through a generic HTTP JSON webhook (an SMS gateway of the CA's choosing, or its own relay):
// POST of a JSON body made from a template, configured headers, and a signature the receiver
// checks: X-CertRenew-Timestamp (Unix seconds) and X-CertRenew-Signature = base64url(HMAC-SHA256(
// secret, timestamp + "." + body)). Idempotency-Key carries the outbox message's key.

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "notify/channel.hpp"

namespace certrenew::server {

struct WebhookSmsConfig {
  std::string url;  // https://...; http:// only to a loopback address
  std::map<std::string, std::string> headers;
  std::vector<std::uint8_t> secret;  // from the secret file (hex), never in config.json
  std::filesystem::path ca_file;     // trust for the gateway's certificate; empty: the system's
  // String values may hold {{mobile}}, {{text}}, {{event}}, {{idempotency_key}}.
  nlohmann::json body_template = {
      {"to", "{{mobile}}"}, {"text", "{{text}}"}, {"id", "{{idempotency_key}}"}};
  int timeout_seconds = 15;

  // `j` is config.json's notify.sms with "provider": "webhook". Throws std::runtime_error.
  static WebhookSmsConfig from_json(const nlohmann::json& j, const std::filesystem::path& base_dir);
};

class WebhookSmsChannel final : public NotifyChannel {
 public:
  explicit WebhookSmsChannel(WebhookSmsConfig config);
  DeliveryResult deliver(const OutboxMessage& message, const RenderedMessage& content,
                         const std::string& idempotency_key, std::int64_t now) override;

  // The body for a message: the template with its placeholders filled (JSON-escaped by
  // construction: values replace text inside parsed strings).
  static nlohmann::json fill_body(const nlohmann::json& body_template,
                                  const std::map<std::string, std::string>& values);

 private:
  WebhookSmsConfig config_;
};

}  // namespace certrenew::server
