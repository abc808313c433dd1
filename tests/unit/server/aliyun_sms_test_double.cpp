#include "aliyun_sms_test_double.hpp"

#include <curl/curl.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <chrono>
#include <ctime>
#include <memory>
#include <regex>

#include <nlohmann/json.hpp>

#include "certrenew/core/bytes.hpp"

namespace certrenew::testing {

namespace {

using nlohmann::json;

// RFC 3986 percent-encoding by libcurl (it keeps A-Z a-z 0-9 - . _ ~), which is what the
// provider's documentation asks for.
std::string encode(const std::string& text) {
  std::unique_ptr<char, void (*)(void*)> out(
      curl_easy_escape(nullptr, text.data(), static_cast<int>(text.size())), curl_free);
  return out ? std::string(out.get()) : std::string();
}

bool decode(const std::string& text, std::string& out) {
  int n = 0;
  std::unique_ptr<char, void (*)(void*)> raw(
      curl_easy_unescape(nullptr, text.data(), static_cast<int>(text.size()), &n), curl_free);
  if (!raw) return false;
  out.assign(raw.get(), static_cast<std::size_t>(n));
  return true;
}

std::string hmac_sha1_base64(const std::string& key, const std::string& data) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &len);
  return to_base64(ByteView(mac, len));
}

std::int64_t parse_timestamp(const std::string& t) {
  static const std::regex kForm(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)");
  if (!std::regex_match(t, kForm)) return -1;
  std::tm tm{};
  tm.tm_year = std::stoi(t.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(t.substr(5, 2)) - 1;
  tm.tm_mday = std::stoi(t.substr(8, 2));
  tm.tm_hour = std::stoi(t.substr(11, 2));
  tm.tm_min = std::stoi(t.substr(14, 2));
  tm.tm_sec = std::stoi(t.substr(17, 2));
  return static_cast<std::int64_t>(timegm(&tm));
}

}  // namespace

AliyunSmsTestDouble::AliyunSmsTestDouble(std::string access_key_id, std::string access_key_secret,
                                         std::string sign_name,
                                         std::map<std::string, std::string> templates)
    : key_id_(std::move(access_key_id)),
      key_secret_(std::move(access_key_secret)),
      sign_name_(std::move(sign_name)),
      templates_(std::move(templates)) {
  server_.Post("/",
               [this](const httplib::Request& req, httplib::Response& res) { handle(req, res); });
  port_ = server_.bind_to_any_port("127.0.0.1");
  thread_ = std::thread([this] { server_.listen_after_bind(); });
  while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

AliyunSmsTestDouble::~AliyunSmsTestDouble() {
  server_.stop();
  thread_.join();
}

std::string AliyunSmsTestDouble::url() const {
  return "http://127.0.0.1:" + std::to_string(port_) + "/";
}

void AliyunSmsTestDouble::set_clock(std::int64_t unix_seconds) {
  std::lock_guard lock(mutex_);
  clock_ = unix_seconds;
}

void AliyunSmsTestDouble::force_code(std::string code) {
  std::lock_guard lock(mutex_);
  forced_code_ = std::move(code);
}

std::vector<AliyunSmsTestDouble::Delivered> AliyunSmsTestDouble::delivered() const {
  std::lock_guard lock(mutex_);
  return delivered_;
}

std::vector<std::string> AliyunSmsTestDouble::refusals() const {
  std::lock_guard lock(mutex_);
  return refusals_;
}

void AliyunSmsTestDouble::handle(const httplib::Request& req, httplib::Response& res) {
  std::lock_guard lock(mutex_);
  const std::string request_id =
      "TEST-DOUBLE-" + std::to_string(delivered_.size() + refusals_.size());
  auto answer = [&](int status, const std::string& code, const std::string& message) {
    if (code != "OK") refusals_.push_back(code);
    res.status = status;
    json body{{"RequestId", request_id}, {"Code", code}, {"Message", message}};
    if (code == "OK") body["BizId"] = "900619746936498440^" + request_id;
    res.set_content(body.dump(), "application/json;charset=utf-8");
  };
  // The form body, each name once.
  std::map<std::string, std::string> p;
  std::size_t pos = 0;
  while (pos <= req.body.size()) {
    const auto amp = req.body.find('&', pos);
    const std::string pair = req.body.substr(pos, amp == std::string::npos ? amp : amp - pos);
    const auto eq = pair.find('=');
    std::string name, value;
    if (eq == std::string::npos || !decode(pair.substr(0, eq), name) ||
        !decode(pair.substr(eq + 1), value) || p.contains(name))
      return answer(400, "MissingParameter", "malformed form body");
    p[name] = value;
    if (amp == std::string::npos) break;
    pos = amp + 1;
  }
  for (const char* required :
       {"AccessKeyId", "Action", "Format", "SignatureMethod", "SignatureNonce", "SignatureVersion",
        "Timestamp", "Version", "Signature"})
    if (!p.contains(required))
      return answer(400, std::string("Missing") + required, "a common parameter is missing");
  if (p["SignatureMethod"] != "HMAC-SHA1" || p["SignatureVersion"] != "1.0")
    return answer(400, "InvalidParameter", "unsupported signature method");
  if (p["AccessKeyId"] != key_id_)
    return answer(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
  // Signature: every parameter but Signature, sorted (std::map), encoded, joined; then
  // POST&%2F&encode(query); HMAC-SHA1 keyed with secret + "&".
  std::string query;
  for (const auto& [name, value] : p) {
    if (name == "Signature") continue;
    query += (query.empty() ? "" : "&") + encode(name) + "=" + encode(value);
  }
  const std::string to_sign = req.method + "&" + encode("/") + "&" + encode(query);
  if (hmac_sha1_base64(key_secret_ + "&", to_sign) != p["Signature"])
    return answer(400, "SignatureDoesNotMatch",
                  "Specified signature is not matched with our calculation. server string to "
                  "sign is:" +
                      to_sign);
  const std::int64_t at = parse_timestamp(p["Timestamp"]);
  if (at < 0 || at > clock_ + 900 || at < clock_ - 900)
    return answer(400, "InvalidTimeStamp.Expired",
                  "Specified time stamp or date value is expired.");
  if (!nonces_.insert(p["SignatureNonce"]).second)
    return answer(400, "SignatureNonceUsed", "Specified signature nonce was used already.");
  if (p["Action"] != "SendSms" || p["Version"] != "2017-05-25")
    return answer(404, "InvalidAction.NotFound", "Specified api is not found.");
  if (!forced_code_.empty()) return answer(200, forced_code_, "forced by the test");

  if (!std::regex_match(p["PhoneNumbers"], std::regex("1[3-9][0-9]{9}")))
    return answer(200, "isv.MOBILE_NUMBER_ILLEGAL", "非法手机号");
  if (p["SignName"] != sign_name_) return answer(200, "isv.SMS_SIGNATURE_ILLEGAL", "签名不合法");
  auto tpl = templates_.find(p["TemplateCode"]);
  if (tpl == templates_.end()) return answer(200, "isv.SMS_TEMPLATE_ILLEGAL", "模板不合法");
  const json params =
      json::parse(p["TemplateParam"].empty() ? "{}" : p["TemplateParam"], nullptr, false);
  if (!params.is_object()) return answer(200, "isv.INVALID_JSON_PARAM", "JSON参数不合法");
  std::string text = tpl->second;
  for (auto open = text.find("${"); open != std::string::npos; open = text.find("${")) {
    const auto close = text.find('}', open);
    const std::string name = text.substr(open + 2, close - open - 2);
    if (!params.contains(name)) return answer(200, "isv.TEMPLATE_MISSING_PARAMETERS", "缺少参数");
    if (!params.at(name).is_string())
      return answer(200, "isv.INVALID_JSON_PARAM", "JSON参数不合法");
    text.replace(open, close - open + 1, params.at(name).get<std::string>());
  }
  delivered_.push_back({p["PhoneNumbers"], p["SignName"], p["TemplateCode"],
                        p.contains("OutId") ? p["OutId"] : "", "【" + sign_name_ + "】" + text});
  answer(200, "OK", "OK");
}

}  // namespace certrenew::testing
