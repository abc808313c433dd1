#pragma once
// SMS through Alibaba Cloud SMS (阿里云短信服务, dysmsapi, API version 2017-05-25, action SendSms).
// The provider keeps each message's text as a registered template (模板, TemplateCode) under a
// registered signature (签名, SignName); a request names the template and sends the values of its
// variables (TemplateParam, a JSON object of strings). Register, for every event, the `SMS:` line
// of assets/notify/zh-CN/<event>.txt with each {{name}} written ${name}; the channel sends the
// facts that line uses, so the text the holder receives is the one rendered and length-checked
// here (70 characters with the signature). Requests are signed as the provider documents
// (aliyun_signature.hpp); the reference is in docs/operations.md.
//
// Errors: the provider's `Code` decides. A refusal of this message itself (bad number, a value
// it will not carry) gives up; anything about the account, the configuration, rate limits or the
// provider's health is retried with the worker's backoff, so fixing the account delivers the
// backlog. The provider's `Message` is never logged: for SignatureDoesNotMatch it echoes the
// string to sign, which holds the mobile number.

#include <filesystem>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "notify/channel.hpp"

namespace certrenew::server {

struct AliyunSmsConfig {
  std::string endpoint = "https://dysmsapi.aliyuncs.com/";
  std::string region_id = "cn-hangzhou";
  std::string access_key_id;
  std::string access_key_secret;  // from an owner-only file or the environment, never config.json
  std::string sign_name;          // 签名, as registered
  std::map<std::string, std::string> template_codes;  // event -> TemplateCode, every event
  std::filesystem::path ca_file;                      // trust for the endpoint; empty: the system's
  int timeout_seconds = 15;

  // Environment variables read when no access_key_file is configured (the names Alibaba Cloud's
  // own tools use).
  static constexpr const char* kKeyIdEnv = "ALIBABA_CLOUD_ACCESS_KEY_ID";
  static constexpr const char* kKeySecretEnv = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";

  // `j` is config.json's notify.sms with "provider": "aliyun". Throws std::runtime_error naming
  // the key.
  static AliyunSmsConfig from_json(const nlohmann::json& j, const std::filesystem::path& base_dir);
};

class AliyunSmsChannel final : public NotifyChannel {
 public:
  explicit AliyunSmsChannel(AliyunSmsConfig config);
  DeliveryResult deliver(const OutboxMessage& message, const RenderedMessage& content,
                         const std::string& idempotency_key, std::int64_t now) override;

  // Whether a provider `Code` refuses the message itself (give up) rather than the account or
  // the moment (retry).
  static bool permanent_refusal(const std::string& code);

 private:
  AliyunSmsConfig config_;
};

}  // namespace certrenew::server
