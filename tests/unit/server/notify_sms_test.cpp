// Issue 19: the SMS webhook channel against a real HTTP server on loopback (cpp-httplib, in this
// process), which checks the signature the way the channel documents it.
#include <doctest/doctest.h>
#include <httplib.h>
#include <openssl/hmac.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "certrenew/core/bytes.hpp"
#include "notify/sms/webhook_channel.hpp"

using namespace certrenew;
using namespace certrenew::server;
using nlohmann::json;

namespace {

// base64url without padding of HMAC-SHA256, computed here with OpenSSL directly.
std::string expected_signature(const std::vector<std::uint8_t>& key, const std::string& data) {
  unsigned char mac[32];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &len);
  std::string b64 = to_base64(ByteView(mac, len));
  for (char& c : b64) c = c == '+' ? '-' : c == '/' ? '_' : c;
  while (!b64.empty() && b64.back() == '=') b64.pop_back();
  return b64;
}

struct Gateway {
  httplib::Server server;
  std::thread thread;
  int port = 0;
  int status = 200;
  std::vector<json> received;
  std::vector<std::string> verdicts;  // "ok" or why the signature was refused
  std::vector<std::uint8_t> key;

  explicit Gateway(std::vector<std::uint8_t> k) : key(std::move(k)) {
    server.Post("/sms", [this](const httplib::Request& req, httplib::Response& res) {
      const std::string ts = req.get_header_value("X-CertRenew-Timestamp");
      const std::string sig = req.get_header_value("X-CertRenew-Signature");
      verdicts.push_back(sig == expected_signature(key, ts + "." + req.body) ? "ok"
                                                                             : "bad signature");
      json j = json::parse(req.body);
      j["_idempotency_key"] = req.get_header_value("Idempotency-Key");
      j["_tenant"] = req.get_header_value("X-Tenant");
      received.push_back(j);
      res.status = status;
      res.set_content("{}", "application/json");
    });
    port = server.bind_to_any_port("127.0.0.1");
    thread = std::thread([this] { server.listen_after_bind(); });
    while (!server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ~Gateway() {
    server.stop();
    thread.join();
  }
};

}  // namespace

TEST_CASE("SMS by webhook: a signed JSON body the gateway verifies; retry or give up by status") {
  const std::vector<std::uint8_t> key =
      from_hex("00112233445566778899aabbccddeeff0011223344556677");
  Gateway gateway(key);
  const auto dir = std::filesystem::temp_directory_path() /
                   ("certrenew-sms-" + std::to_string(std::random_device{}()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "sms.key") << to_hex(key) << "\n";
  auto config = WebhookSmsConfig::from_json(
      {{"provider", "webhook"},
       {"url", "http://127.0.0.1:" + std::to_string(gateway.port) + "/sms"},
       {"headers", {{"X-Tenant", "ca-01"}}},
       {"secret_file", "sms.key"},
       {"body", {{"phone", "{{mobile}}"}, {"message", {{"content", "{{text}}"}}}}}},
      dir);
  WebhookSmsChannel channel(config);
  OutboxMessage m;
  m.recipient = "13800138000";
  m.event = "approved";
  RenderedMessage content;
  content.sms = "续期申请01202612040000001已审核通过，\"请\"安装新证书。";

  auto r = channel.deliver(m, content, "certrenew.7.abc", 1'764'806'400);
  CHECK(r.outcome == DeliveryResult::Outcome::sent);
  REQUIRE(gateway.received.size() == 1);
  CHECK(gateway.verdicts[0] == "ok");
  CHECK(gateway.received[0]["phone"] == "13800138000");
  CHECK(gateway.received[0]["message"]["content"] == content.sms);  // quotes escaped by JSON
  CHECK(gateway.received[0]["_idempotency_key"] == "certrenew.7.abc");
  CHECK(gateway.received[0]["_tenant"] == "ca-01");

  gateway.status = 503;
  CHECK(channel.deliver(m, content, "certrenew.8.abc", 1'764'806'401).outcome ==
        DeliveryResult::Outcome::retry);
  gateway.status = 400;
  auto refused = channel.deliver(m, content, "certrenew.9.abc", 1'764'806'402);
  CHECK(refused.outcome == DeliveryResult::Outcome::give_up);
  CHECK(refused.error.find("400") != std::string::npos);
  CHECK(refused.error.find("13800138000") == std::string::npos);  // no personal data in errors

  // A channel with another secret signs differently: the gateway refuses it.
  std::ofstream(dir / "other.key") << std::string(48, 'a') << "\n";
  auto other_config = config;
  other_config.secret = from_hex(std::string(48, 'a'));
  gateway.status = 200;
  WebhookSmsChannel(other_config).deliver(m, content, "certrenew.10.abc", 1'764'806'403);
  CHECK(gateway.verdicts.back() == "bad signature");

  // Bad configurations are refused, naming the key.
  const json bad[] = {
      {{"provider", "webhook"}, {"url", "http://sms.example.cn/send"}, {"secret_file", "sms.key"}},
      {{"provider", "webhook"}, {"url", "https://sms.example.cn/send"}},
      {{"provider", "webhook"},
       {"url", "https://sms.example.cn/send"},
       {"secret_file", "sms.key"},
       {"headers", {{"X-A", "1\r\nX-B: 2"}}}},
      {{"provider", "webhook"}, {"url", "https://sms.example.cn/send"}, {"secret_file", "none"}}};
  for (const auto& j : bad) {
    CAPTURE(j.dump());
    CHECK_THROWS_AS(WebhookSmsConfig::from_json(j, dir), std::runtime_error);
  }
  std::filesystem::remove_all(dir);
}
