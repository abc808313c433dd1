#include "notify/sms/webhook_channel.hpp"

#include <fstream>
#include <stdexcept>

#include "certrenew/core/bytes.hpp"
#include "notify/sms/http_post.hpp"
#include "notify/sms/sms_config_reader.hpp"
#include "service/digest.hpp"

namespace certrenew::server {

namespace {

std::string replace_all(std::string text, const std::map<std::string, std::string>& values) {
  for (const auto& [name, value] : values) {
    const std::string key = "{{" + name + "}}";
    for (auto pos = text.find(key); pos != std::string::npos;
         pos = text.find(key, pos + value.size()))
      text.replace(pos, key.size(), value);
  }
  return text;
}

}  // namespace

WebhookSmsConfig WebhookSmsConfig::from_json(const nlohmann::json& j,
                                             const std::filesystem::path& base_dir) {
  const SmsConfigReader in(j, base_dir);
  WebhookSmsConfig c;
  c.url = in.endpoint("url", true);
  if (in.has("headers")) {
    if (!in.at("headers").is_object()) in.bad("headers", "expected {\"Name\": \"value\"}");
    for (const auto& [name, value] : in.at("headers").items()) {
      if (!value.is_string() || name.empty() || name.find_first_of(" :\r\n") != std::string::npos ||
          value.get<std::string>().find_first_of("\r\n") != std::string::npos)
        in.bad("headers", "expected {\"Name\": \"value\"} without line breaks");
      c.headers[name] = value.get<std::string>();
    }
  }
  const std::filesystem::path secret_file = in.path("secret_file", true);
  std::ifstream file(secret_file);
  std::string hex;
  if (!file || !(file >> hex)) in.bad("secret_file", "cannot read " + secret_file.string());
  try {
    c.secret = from_hex(hex);
  } catch (const std::invalid_argument&) {
    in.bad("secret_file", "expected hex digits");
  }
  if (c.secret.size() < 16) in.bad("secret_file", "expected at least 16 bytes (32 hex digits)");
  c.ca_file = in.path("ca_file", false);
  if (in.has("body")) {
    if (!in.at("body").is_object()) in.bad("body", "expected a JSON object");
    c.body_template = in.at("body");
  }
  c.timeout_seconds = in.timeout_seconds(c.timeout_seconds);
  return c;
}

WebhookSmsChannel::WebhookSmsChannel(WebhookSmsConfig config) : config_(std::move(config)) {}

nlohmann::json WebhookSmsChannel::fill_body(const nlohmann::json& t,
                                            const std::map<std::string, std::string>& values) {
  if (t.is_string()) return replace_all(t.get<std::string>(), values);
  if (t.is_object() || t.is_array()) {
    nlohmann::json out = t;
    for (auto& item : out) item = fill_body(item, values);
    return out;
  }
  return t;
}

DeliveryResult WebhookSmsChannel::deliver(const OutboxMessage& message,
                                          const RenderedMessage& content,
                                          const std::string& idempotency_key, std::int64_t now) {
  const std::string body = fill_body(config_.body_template, {{"mobile", message.recipient},
                                                             {"text", content.sms},
                                                             {"event", message.event},
                                                             {"idempotency_key", idempotency_key}})
                               .dump();
  const std::string timestamp = std::to_string(now);
  const std::string signature = hmac_sha256_b64url(config_.secret, timestamp + "." + body);

  std::vector<std::string> headers{
      "Content-Type: application/json; charset=utf-8", "Idempotency-Key: " + idempotency_key,
      "X-CertRenew-Timestamp: " + timestamp, "X-CertRenew-Signature: " + signature};
  for (const auto& [name, value] : config_.headers) headers.push_back(name + ": " + value);
  const HttpPostAnswer answer =
      http_post(config_.url, headers, body, config_.ca_file, config_.timeout_seconds);
  if (!answer.reached) return {DeliveryResult::Outcome::retry, answer.error};
  const long status = answer.status;
  if (status >= 200 && status < 300) return {DeliveryResult::Outcome::sent, ""};
  // 4xx (but 408 and 429) is the gateway refusing this message: sending it again changes nothing.
  const bool permanent = status >= 400 && status < 500 && status != 408 && status != 429;
  return {permanent ? DeliveryResult::Outcome::give_up : DeliveryResult::Outcome::retry,
          "the SMS gateway answered HTTP " + std::to_string(status)};
}

}  // namespace certrenew::server
