// Issue 19: the Alibaba Cloud SMS channel against a test double of the provider (a real HTTP
// server on loopback that checks the documented signature itself, aliyun_sms_test_double.hpp).
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>

#include "aliyun_sms_test_double.hpp"
#include "notify/sms/aliyun_signature.hpp"
#include "notify/sms/aliyun_sms_channel.hpp"
#include "notify/templates.hpp"
#include "template_facts.hpp"

using namespace certrenew::server;
using certrenew::testing::AliyunSmsTestDouble;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kNow = 1'764'806'400;  // 2025-12-04T00:00:00Z
const std::string kSignName = "某某数字认证";
const std::string kKeyId = "LTAI5tTestDoubleKeyId";
const std::string kSecret = "testDoubleSecret0123456789abcdef";

json facts() {
  return certrenew::testing::template_facts();
}

std::string template_code(const std::string& event) {
  return "SMS_4711_" + event;
}

// What the CA registers with the provider (docs/operations.md): each zh-CN `SMS:` line with
// {{name}} written ${name}.
std::map<std::string, std::string> registered_templates() {
  std::map<std::string, std::string> out;
  for (const auto& event : NotifyTemplates::events()) {
    std::ifstream in(fs::path(CERTRENEW_ASSETS_DIR) / "notify" / "zh-CN" / (event + ".txt"));
    std::string line;
    while (std::getline(in, line))
      if (line.rfind("SMS: ", 0) == 0) break;
    std::string text = line.substr(5);
    for (auto p = text.find("{{"); p != std::string::npos; p = text.find("{{")) {
      text.replace(p, 2, "${");
      text.replace(text.find("}}", p), 2, "}");
    }
    out[template_code(event)] = text;
  }
  return out;
}

struct Folder {
  fs::path dir =
      fs::temp_directory_path() / ("certrenew-aliyun-" + std::to_string(std::random_device{}()));
  Folder() { fs::create_directories(dir); }
  ~Folder() { fs::remove_all(dir); }
};

json config_json(const std::string& endpoint) {
  json templates = json::object();
  for (const auto& event : NotifyTemplates::events()) templates[event] = template_code(event);
  return {{"provider", "aliyun"},    {"endpoint", endpoint},   {"sign_name", kSignName},
          {"access_key_file", "ak"}, {"templates", templates}, {"timeout_seconds", 5}};
}

void write_key(const fs::path& file, const std::string& id, const std::string& secret,
               fs::perms perms = fs::perms::owner_read | fs::perms::owner_write) {
  std::ofstream(file) << id << "\n" << secret << "\n";
  fs::permissions(file, perms);
}

OutboxMessage sms_to(std::string mobile, std::string event) {
  OutboxMessage m;
  m.channel = "sms";
  m.recipient = std::move(mobile);
  m.event = std::move(event);
  m.language = "zh-CN";
  return m;
}

}  // namespace

TEST_CASE("Alibaba Cloud signature: the provider's documented example and RFC 3986 encoding") {
  // The example of "Signature mechanism": AccessKey secret "testsecret", DescribeRegions; the
  // documented result is CT9X0VtwR86fNWSnsc6v8YGOjuE=.
  const aliyun::Params example{{"AccessKeyId", "testid"},
                               {"Action", "DescribeRegions"},
                               {"Format", "XML"},
                               {"SignatureMethod", "HMAC-SHA1"},
                               {"SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"},
                               {"SignatureVersion", "1.0"},
                               {"TimeStamp", "2016-02-23T12:46:24Z"},
                               {"Version", "2014-05-26"}};
  CHECK(aliyun::signature("testsecret", aliyun::string_to_sign("GET", example)) ==
        "CT9X0VtwR86fNWSnsc6v8YGOjuE=");
  CHECK(aliyun::percent_encode("a b*c~d/e+f") == "a%20b%2Ac~d%2Fe%2Bf");
  CHECK(aliyun::percent_encode("续") == "%E7%BB%AD");
  CHECK(aliyun::timestamp(kNow) == "2025-12-04T00:00:00Z");
}

TEST_CASE("Alibaba Cloud SMS: every event reaches the provider's template, signed, within 70") {
  AliyunSmsTestDouble provider(kKeyId, kSecret, kSignName, registered_templates());
  provider.set_clock(kNow);
  Folder folder;
  write_key(folder.dir / "ak", kKeyId, kSecret);
  AliyunSmsChannel channel(AliyunSmsConfig::from_json(config_json(provider.url()), folder.dir));
  auto templates = NotifyTemplates::load(fs::path(CERTRENEW_ASSETS_DIR) / "notify");

  int n = 0;
  for (const auto& event : NotifyTemplates::events()) {
    CAPTURE(event);
    const RenderedMessage content = templates.render(event, "zh-CN", facts());
    const std::string key = "certrenew." + std::to_string(++n) + ".k";
    auto r = channel.deliver(sms_to("+86 138-0013-8000", event), content, key, kNow);
    CHECK(r.outcome == DeliveryResult::Outcome::sent);
    CHECK(r.error.empty());
    REQUIRE(provider.delivered().size() == static_cast<std::size_t>(n));
    const auto d = provider.delivered().back();
    CHECK(d.phone == "13800138000");  // normalised: the provider wants 11 digits
    CHECK(d.template_code == template_code(event));
    CHECK(d.out_id == key);
    // The holder reads exactly what was rendered here, signature included, in one SMS.
    CHECK(d.text == "【" + kSignName + "】" + content.sms);
    CHECK(utf8_length(d.text) <= 70u);
    if (event != "expiry_reminder") CHECK(d.text.find("01202612040000001") != std::string::npos);
    // Only the facts the text uses travel: never the operator's name unless the text shows it.
    CHECK(content.sms_facts.size() <= 3u);
  }
  CHECK(provider.refusals().empty());
}

TEST_CASE("Alibaba Cloud SMS: refusals map to retry or give up; errors carry no personal data") {
  AliyunSmsTestDouble provider(kKeyId, kSecret, kSignName, registered_templates());
  provider.set_clock(kNow);
  Folder folder;
  auto templates = NotifyTemplates::load(fs::path(CERTRENEW_ASSETS_DIR) / "notify");
  const RenderedMessage content = templates.render("approved", "zh-CN", facts());
  const auto mobile = "13800138000";

  SUBCASE("a wrong secret: the provider refuses the signature; retried (configuration)") {
    write_key(folder.dir / "ak", kKeyId, "not-the-secret");
    AliyunSmsChannel channel(AliyunSmsConfig::from_json(config_json(provider.url()), folder.dir));
    auto r = channel.deliver(sms_to(mobile, "approved"), content, "certrenew.1.k", kNow);
    CHECK(r.outcome == DeliveryResult::Outcome::retry);
    CHECK(provider.refusals() == std::vector<std::string>{"SignatureDoesNotMatch"});
    CHECK(r.error.find("SignatureDoesNotMatch") != std::string::npos);
    CHECK(r.error.find(mobile) == std::string::npos);  // the provider's Message echoes it
    CHECK(r.error.find("01202612040000001") == std::string::npos);
    CHECK(provider.delivered().empty());
  }
  SUBCASE("an unknown AccessKey ID: retried") {
    write_key(folder.dir / "ak", "LTAIunknown", kSecret);
    AliyunSmsChannel channel(AliyunSmsConfig::from_json(config_json(provider.url()), folder.dir));
    CHECK(channel.deliver(sms_to(mobile, "approved"), content, "k", kNow).outcome ==
          DeliveryResult::Outcome::retry);
    CHECK(provider.refusals() == std::vector<std::string>{"InvalidAccessKeyId.NotFound"});
  }
  SUBCASE("a clock far off: the provider refuses the timestamp; retried") {
    write_key(folder.dir / "ak", kKeyId, kSecret);
    AliyunSmsChannel channel(AliyunSmsConfig::from_json(config_json(provider.url()), folder.dir));
    CHECK(channel.deliver(sms_to(mobile, "approved"), content, "k", kNow + 3600).outcome ==
          DeliveryResult::Outcome::retry);
    CHECK(provider.refusals() == std::vector<std::string>{"InvalidTimeStamp.Expired"});
  }
  SUBCASE("provider codes") {
    write_key(folder.dir / "ak", kKeyId, kSecret);
    AliyunSmsChannel channel(AliyunSmsConfig::from_json(config_json(provider.url()), folder.dir));
    const std::pair<const char*, DeliveryResult::Outcome> cases[] = {
        {"isv.BUSINESS_LIMIT_CONTROL", DeliveryResult::Outcome::retry},  // rate limit
        {"isv.AMOUNT_NOT_ENOUGH", DeliveryResult::Outcome::retry},       // top up, then it goes
        {"isp.SYSTEM_ERROR", DeliveryResult::Outcome::retry},
        {"isv.MOBILE_NUMBER_ILLEGAL", DeliveryResult::Outcome::give_up},
        {"isv.BLACK_KEY_CONTROL_LIMIT", DeliveryResult::Outcome::give_up},
        {"isv.PARAM_LENGTH_LIMIT", DeliveryResult::Outcome::give_up},
    };
    for (const auto& [code, outcome] : cases) {
      CAPTURE(code);
      provider.force_code(code);
      auto r = channel.deliver(sms_to(mobile, "approved"), content, "k", kNow);
      CHECK(r.outcome == outcome);
      CHECK(r.error.find(code) != std::string::npos);
    }
    // Each attempt is signed with a fresh nonce: the provider saw no reuse.
    for (const auto& refusal : provider.refusals()) CHECK(refusal != "SignatureNonceUsed");
  }
  SUBCASE("a number that is not a mainland mobile is given up before any request") {
    write_key(folder.dir / "ak", kKeyId, kSecret);
    AliyunSmsChannel channel(AliyunSmsConfig::from_json(config_json(provider.url()), folder.dir));
    CHECK(channel.deliver(sms_to("12345", "approved"), content, "k", kNow).outcome ==
          DeliveryResult::Outcome::give_up);
    CHECK(provider.refusals().empty());
    CHECK(provider.delivered().empty());
  }
  SUBCASE("no provider listening: retried") {
    write_key(folder.dir / "ak", kKeyId, kSecret);
    AliyunSmsChannel channel(
        AliyunSmsConfig::from_json(config_json("http://127.0.0.1:9/"), folder.dir));
    CHECK(channel.deliver(sms_to(mobile, "approved"), content, "k", kNow).outcome ==
          DeliveryResult::Outcome::retry);
  }
}

TEST_CASE("Alibaba Cloud SMS configuration: strict, secrets owner-only or from the environment") {
  Folder folder;
  write_key(folder.dir / "ak", kKeyId, kSecret);
  auto ok = AliyunSmsConfig::from_json(config_json("https://dysmsapi.aliyuncs.com/"), folder.dir);
  CHECK(ok.access_key_id == kKeyId);
  CHECK(ok.access_key_secret == kSecret);
  CHECK(ok.region_id == "cn-hangzhou");

  write_key(folder.dir / "shared", kKeyId, kSecret,
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  auto shared = config_json("https://dysmsapi.aliyuncs.com/");
  shared["access_key_file"] = "shared";
  CHECK_THROWS_WITH_AS(AliyunSmsConfig::from_json(shared, folder.dir),
                       doctest::Contains("chmod 600"), std::runtime_error);

  auto from_env = config_json("https://dysmsapi.aliyuncs.com/");
  from_env.erase("access_key_file");
  ::unsetenv(AliyunSmsConfig::kKeyIdEnv);
  ::unsetenv(AliyunSmsConfig::kKeySecretEnv);
  CHECK_THROWS_WITH_AS(AliyunSmsConfig::from_json(from_env, folder.dir),
                       doctest::Contains(AliyunSmsConfig::kKeySecretEnv), std::runtime_error);
  ::setenv(AliyunSmsConfig::kKeyIdEnv, "LTAIfromenv", 1);
  ::setenv(AliyunSmsConfig::kKeySecretEnv, "secretfromenv", 1);
  CHECK(AliyunSmsConfig::from_json(from_env, folder.dir).access_key_id == "LTAIfromenv");
  ::unsetenv(AliyunSmsConfig::kKeyIdEnv);
  ::unsetenv(AliyunSmsConfig::kKeySecretEnv);

  std::vector<json> bad;
  for (int i = 0; i < 6; ++i) bad.push_back(config_json("https://dysmsapi.aliyuncs.com/"));
  bad[0]["endpoint"] = "http://dysmsapi.aliyuncs.com/";  // plain HTTP off this machine
  bad[1].erase("sign_name");
  bad[2]["templates"].erase("approved");  // every event needs its template
  bad[3]["templates"]["no_such_event"] = "SMS_1";
  bad[4]["templates"]["approved"] = "SMS_1&Signature=x";
  bad[5]["access_key_file"] = "missing";
  for (const auto& j : bad) {
    CAPTURE(j.dump());
    CHECK_THROWS_WITH_AS(AliyunSmsConfig::from_json(j, folder.dir),
                         doctest::Contains("config.notify.sms."), std::runtime_error);
  }
}
