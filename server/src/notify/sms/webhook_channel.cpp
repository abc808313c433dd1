#include "notify/sms/webhook_channel.hpp"

#include <curl/curl.h>

#include <fstream>
#include <memory>
#include <stdexcept>

#include "certrenew/core/bytes.hpp"
#include "service/digest.hpp"

namespace certrenew::server {

namespace {

[[noreturn]] void bad(const std::string& key, const std::string& what) {
  throw std::runtime_error("config.notify.sms." + key + ": " + what);
}

bool loopback_http(const std::string& url) {
  for (const char* p : {"http://127.", "http://localhost:", "http://localhost/", "http://[::1]"})
    if (url.rfind(p, 0) == 0) return true;
  return false;
}

extern "C" std::size_t discard(char*, std::size_t size, std::size_t count, void*) {
  return size * count;
}

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
  WebhookSmsConfig c;
  auto text = [&](const char* key, bool required) -> std::string {
    if (!j.contains(key)) {
      if (required) bad(key, "is required");
      return {};
    }
    if (!j.at(key).is_string() || j.at(key).get<std::string>().empty())
      bad(key, "expected non-empty text");
    return j.at(key).get<std::string>();
  };
  c.url = text("url", true);
  if (c.url.rfind("https://", 0) != 0 && !loopback_http(c.url))
    bad("url", "expected https://... (http:// only to a loopback address)");
  if (c.url.find_first_of(" \r\n") != std::string::npos) bad("url", "expected a URL");
  if (j.contains("headers")) {
    if (!j.at("headers").is_object()) bad("headers", "expected {\"Name\": \"value\"}");
    for (const auto& [name, value] : j.at("headers").items()) {
      if (!value.is_string() || name.empty() || name.find_first_of(" :\r\n") != std::string::npos ||
          value.get<std::string>().find_first_of("\r\n") != std::string::npos)
        bad("headers", "expected {\"Name\": \"value\"} without line breaks");
      c.headers[name] = value.get<std::string>();
    }
  }
  std::filesystem::path secret_file(text("secret_file", true));
  if (!secret_file.is_absolute()) secret_file = base_dir / secret_file;
  std::ifstream in(secret_file);
  std::string hex;
  if (!in || !(in >> hex)) bad("secret_file", "cannot read " + secret_file.string());
  try {
    c.secret = from_hex(hex);
  } catch (const std::invalid_argument&) {
    bad("secret_file", "expected hex digits");
  }
  if (c.secret.size() < 16) bad("secret_file", "expected at least 16 bytes (32 hex digits)");
  if (j.contains("ca_file")) {
    c.ca_file = text("ca_file", false);
    if (!c.ca_file.is_absolute()) c.ca_file = base_dir / c.ca_file;
  }
  if (j.contains("body")) {
    if (!j.at("body").is_object()) bad("body", "expected a JSON object");
    c.body_template = j.at("body");
  }
  if (j.contains("timeout_seconds")) {
    const auto& t = j.at("timeout_seconds");
    if (!t.is_number_integer() || t.get<int>() < 1 || t.get<int>() > 120)
      bad("timeout_seconds", "expected a whole number from 1 to 120");
    c.timeout_seconds = t.get<int>();
  }
  return c;
}

WebhookSmsChannel::WebhookSmsChannel(WebhookSmsConfig config) : config_(std::move(config)) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
}

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

  std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return {DeliveryResult::Outcome::retry, "libcurl could not start"};
  CURL* c = curl.get();
  curl_slist* headers = nullptr;
  auto add = [&](const std::string& h) { headers = curl_slist_append(headers, h.c_str()); };
  add("Content-Type: application/json; charset=utf-8");
  add("Idempotency-Key: " + idempotency_key);
  add("X-CertRenew-Timestamp: " + timestamp);
  add("X-CertRenew-Signature: " + signature);
  for (const auto& [name, value] : config_.headers) add(name + ": " + value);
  std::unique_ptr<curl_slist, void (*)(curl_slist*)> header_list(headers, curl_slist_free_all);
  char error[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(c, CURLOPT_URL, config_.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!config_.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, config_.ca_file.c_str());
  curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(config_.timeout_seconds));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  const CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK)
    return {DeliveryResult::Outcome::retry, error[0] ? error : curl_easy_strerror(rc)};
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  if (status >= 200 && status < 300) return {DeliveryResult::Outcome::sent, ""};
  // 4xx (but 408 and 429) is the gateway refusing this message: sending it again changes nothing.
  const bool permanent = status >= 400 && status < 500 && status != 408 && status != 429;
  return {permanent ? DeliveryResult::Outcome::give_up : DeliveryResult::Outcome::retry,
          "the SMS gateway answered HTTP " + std::to_string(status)};
}

}  // namespace certrenew::server
