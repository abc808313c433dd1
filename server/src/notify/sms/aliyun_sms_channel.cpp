#include "notify/sms/aliyun_sms_channel.hpp"

#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <set>

#include "certrenew/core/bytes.hpp"
#include "certrenew/core/forms/validators.hpp"
#include "notify/sms/aliyun_signature.hpp"
#include "notify/sms/http_post.hpp"
#include "notify/sms/sms_config_reader.hpp"
#include "notify/templates.hpp"
#include "service/digest.hpp"

namespace certrenew::server {

namespace {

std::string trimmed(std::string s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  const auto e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

// access_key_file: the AccessKey ID on the first line, the secret on the second; owner-only.
void read_access_key(const SmsConfigReader& in, AliyunSmsConfig& c) {
  if (!in.has("access_key_file")) {
    const char* id = std::getenv(AliyunSmsConfig::kKeyIdEnv);
    const char* secret = std::getenv(AliyunSmsConfig::kKeySecretEnv);
    if (!id || !*id || !secret || !*secret)
      in.bad("access_key_file", std::string("is required (or set ") + AliyunSmsConfig::kKeyIdEnv +
                                    " and " + AliyunSmsConfig::kKeySecretEnv + ")");
    c.access_key_id = id;
    c.access_key_secret = secret;
    return;
  }
  const auto file = in.path("access_key_file", true);
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) in.bad("access_key_file", "cannot read " + file.string());
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
    in.bad("access_key_file",
           file.string() + " is readable by others; make it owner-only (chmod 600)");
  std::ifstream f(file);
  std::string id, secret;
  if (!f || !std::getline(f, id) || !std::getline(f, secret))
    in.bad("access_key_file", "expected the AccessKey ID and secret on two lines");
  c.access_key_id = trimmed(id);
  c.access_key_secret = trimmed(secret);
  if (c.access_key_id.empty() || c.access_key_secret.empty())
    in.bad("access_key_file", "expected the AccessKey ID and secret on two lines");
}

}  // namespace

AliyunSmsConfig AliyunSmsConfig::from_json(const nlohmann::json& j,
                                           const std::filesystem::path& base_dir) {
  const SmsConfigReader in(j, base_dir);
  AliyunSmsConfig c;
  if (in.has("endpoint")) c.endpoint = in.endpoint("endpoint", true);
  if (in.has("region_id")) c.region_id = in.text("region_id", true);
  c.sign_name = in.text("sign_name", true);
  read_access_key(in, c);
  if (!in.has("templates") || !in.at("templates").is_object())
    in.bad("templates", "expected {\"<event>\": \"SMS_...\"} for every event");
  for (const auto& [event, code] : in.at("templates").items()) {
    const auto& events = NotifyTemplates::events();
    if (std::find(events.begin(), events.end(), event) == events.end())
      in.bad("templates", "unknown event \"" + event + "\"");
    if (!code.is_string() || code.get<std::string>().empty() ||
        code.get<std::string>().find_first_of(" \r\n&=") != std::string::npos)
      in.bad("templates", "expected a TemplateCode for \"" + event + "\"");
    c.template_codes[event] = code.get<std::string>();
  }
  for (const auto& event : NotifyTemplates::events())
    if (!c.template_codes.contains(event))
      in.bad("templates", "no TemplateCode for \"" + event + "\"");
  c.ca_file = in.path("ca_file", false);
  c.timeout_seconds = in.timeout_seconds(c.timeout_seconds);
  return c;
}

AliyunSmsChannel::AliyunSmsChannel(AliyunSmsConfig config) : config_(std::move(config)) {}

bool AliyunSmsChannel::permanent_refusal(const std::string& code) {
  // The provider's codes for a message it will never carry, however often it is sent.
  static const std::set<std::string> kPermanent{
      "isv.MOBILE_NUMBER_ILLEGAL", "isv.MOBILE_COUNT_OVER_LIMIT", "isv.INVALID_PARAMETERS",
      "isv.INVALID_JSON_PARAM",    "isv.BLACK_KEY_CONTROL_LIMIT", "isv.PARAM_LENGTH_LIMIT",
      "isv.PARAM_NOT_SUPPORT_URL", "isv.TEMPLATE_PARAMS_ILLEGAL",
  };
  return kPermanent.contains(code);
}

DeliveryResult AliyunSmsChannel::deliver(const OutboxMessage& message,
                                         const RenderedMessage& content,
                                         const std::string& idempotency_key, std::int64_t now) {
  using Outcome = DeliveryResult::Outcome;
  const auto mobile = forms::validate_mobile(message.recipient);
  if (!mobile) return {Outcome::give_up, "not a mainland mobile number"};
  const auto code = config_.template_codes.find(message.event);
  if (code == config_.template_codes.end())
    return {Outcome::give_up, "no TemplateCode for this event"};

  nlohmann::json params = nlohmann::json::object();
  for (const auto& [name, value] : content.sms_facts) params[name] = value;
  aliyun::Params request{
      {"AccessKeyId", config_.access_key_id},
      {"Action", "SendSms"},
      {"Format", "JSON"},
      {"OutId", idempotency_key},  // comes back in delivery receipts
      {"PhoneNumbers", mobile.value},
      {"RegionId", config_.region_id},
      {"SignName", config_.sign_name},
      {"SignatureMethod", "HMAC-SHA1"},
      {"SignatureNonce", to_hex(random_bytes(16))},  // a fresh one per attempt, as required
      {"SignatureVersion", "1.0"},
      {"TemplateCode", code->second},
      {"TemplateParam", params.dump()},
      {"Timestamp", aliyun::timestamp(now)},
      {"Version", "2017-05-25"},
  };
  const std::string signature =
      aliyun::signature(config_.access_key_secret, aliyun::string_to_sign("POST", request));
  const std::string body =
      aliyun::canonical_query(request) + "&Signature=" + aliyun::percent_encode(signature);
  const HttpPostAnswer answer =
      http_post(config_.endpoint, {"Content-Type: application/x-www-form-urlencoded"}, body,
                config_.ca_file, config_.timeout_seconds);
  if (!answer.reached) return {Outcome::retry, answer.error};

  const auto j = nlohmann::json::parse(answer.body, nullptr, false);
  std::string provider_code;
  if (j.is_object() && j.contains("Code") && j.at("Code").is_string())
    provider_code = j.at("Code").get<std::string>();
  if (answer.status >= 200 && answer.status < 300 && provider_code == "OK")
    return {Outcome::sent, ""};
  // Only the code: the provider's Message may echo the request (see the header).
  const bool printable =
      provider_code.size() <= 64 && provider_code.find_first_not_of(
                                        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmn"
                                        "opqrstuvwxyz0123456789._-") == std::string::npos;
  const std::string error = "Alibaba Cloud SMS answered HTTP " + std::to_string(answer.status) +
                            (provider_code.empty() ? std::string(" without a Code")
                             : printable           ? " Code " + provider_code
                                                   : std::string(" an odd Code"));
  return {printable && permanent_refusal(provider_code) ? Outcome::give_up : Outcome::retry, error};
}

}  // namespace certrenew::server
