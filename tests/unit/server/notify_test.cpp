// Issue 19: templates, MIME and the notify config, in process (the outbox in storage:
// storage_test.cpp, on both backends).
#include <doctest/doctest.h>

#include <filesystem>

#include "certrenew/core/bytes.hpp"
#include "notify/email/mime.hpp"
#include "notify/notify_config.hpp"
#include "notify/outbox_worker.hpp"
#include "notify/templates.hpp"
#include "template_facts.hpp"

using namespace certrenew;
using namespace certrenew::server;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string decode_words(const std::string& header) {
  std::string out;
  std::size_t pos = 0;
  while ((pos = header.find("=?UTF-8?B?", pos)) != std::string::npos) {
    auto end = header.find("?=", pos + 10);
    auto bytes = from_base64(header.substr(pos + 10, end - pos - 10));
    out.append(bytes.begin(), bytes.end());
    pos = end + 2;
  }
  return out;
}

json all_facts() {
  return certrenew::testing::template_facts("<b>材料不全</b>");
}

}  // namespace

TEST_CASE("every template renders in both languages; SMS within 70 characters in Chinese") {
  auto templates = NotifyTemplates::load(fs::path(CERTRENEW_ASSETS_DIR) / "notify");
  for (const auto& language : NotifyTemplates::languages()) {
    for (const auto& event : NotifyTemplates::events()) {
      CAPTURE(language);
      CAPTURE(event);
      auto m = templates.render(event, language, all_facts());
      CHECK(m.subject.find("{{") == std::string::npos);
      CHECK(m.text.find("{{") == std::string::npos);
      CHECK(utf8_length(m.sms) <= (language == "zh-CN" ? 70u : 160u));
      if (event != "expiry_reminder") CHECK(m.sms.find("01202612040000001") != std::string::npos);
      CHECK(m.text.find("欧阳某某") != std::string::npos);
      if (m.html) CHECK(m.html->find("<b>") == std::string::npos);
    }
  }
  auto rejected = templates.render("rejected", "zh-CN", all_facts());
  CHECK(rejected.text.find("原因：<b>材料不全</b>") != std::string::npos);  // plain text as is
  json missing = all_facts();
  missing.erase("reason");
  CHECK_THROWS_WITH_AS(templates.render("rejected", "en", missing), doctest::Contains("reason"),
                       std::runtime_error);
  CHECK_THROWS_AS(templates.render("rejected", "fr", all_facts()), std::runtime_error);
  json forged = all_facts();
  forged["business_no"] = "1\r\nBcc: x@evil.example";
  CHECK(templates.render("submitted", "en", forged).subject.find('\n') == std::string::npos);
  CHECK_THROWS_AS(NotifyTemplates::load(fs::temp_directory_path() / "no-such-templates"),
                  std::runtime_error);
}

TEST_CASE("MIME for Chinese: encoded subject and names, base64 bodies, no header injection") {
  MailMessage m{{"notify@ca.example.cn", "某某数字认证中心"},
                {"hu@example.cn", "欧阳某某"},
                std::string(40, 'x') + "【某某数字认证中心】续期申请已受理：01202612040000001",
                "第一行\n第二行\n",
                std::nullopt,
                "certrenew.7.abcdef@ca.example.cn",
                1'764'806'400};
  const std::string mail = build_mime_message(m);
  const std::string headers = mail.substr(0, mail.find("\r\n\r\n"));
  auto subject_at = headers.find("Subject: ");
  auto subject_end = headers.find("\r\nDate:");
  CHECK(decode_words(headers.substr(subject_at, subject_end - subject_at)) == m.subject);
  CHECK(headers.find("To: =?UTF-8?B?") != std::string::npos);
  CHECK(decode_words(headers.substr(headers.find("To: "),
                                    headers.find(" <hu@") - headers.find("To: "))) == "欧阳某某");
  CHECK(headers.find("Message-ID: <certrenew.7.abcdef@ca.example.cn>") != std::string::npos);
  CHECK(headers.find("Date: Thu, 04 Dec 2025 00:00:00 +0000") != std::string::npos);
  std::string encoded;
  for (char c : mail.substr(mail.find("\r\n\r\n") + 4))
    if (c != '\r' && c != '\n') encoded += c;
  auto body = from_base64(encoded);
  CHECK(std::string(body.begin(), body.end()) == "第一行\r\n第二行\r\n");
  for (std::size_t i = 0, start = 0; (i = mail.find("\r\n", start)) != std::string::npos;
       start = i + 2)
    CHECK(i - start <= 78);

  m.html = "<p>你好</p>";
  const std::string alternative = build_mime_message(m);
  CHECK(alternative.find("Content-Type: multipart/alternative; boundary=") != std::string::npos);
  CHECK(alternative.find("Content-Type: text/html; charset=UTF-8") != std::string::npos);

  MailMessage bad = m;
  bad.to.address = "hu@example.cn>\r\nBcc: <x@evil.example";
  CHECK_THROWS_AS(build_mime_message(bad), std::invalid_argument);
  bad = m;
  bad.message_id = "no-at-sign";
  CHECK_THROWS_AS(build_mime_message(bad), std::invalid_argument);
  CHECK(encode_header_words("plain ascii") == "plain ascii");
  CHECK_FALSE(plain_mail_address("a b@example.cn"));
  CHECK(plain_mail_address("hu.mou+ca@example.cn"));
}

TEST_CASE("the notify config: channels checked, plain SMTP only to a loopback relay") {
  const fs::path base = "/etc/certrenew";
  auto none = NotifyConfig::from_json(nullptr, base);
  CHECK_FALSE(none.channel_configured("email"));
  CHECK(none.reminder_days == std::vector<int>{7, 30, 90});
  auto local = NotifyConfig::from_json(
      {{"email", {{"url", "smtp://127.0.0.1:2525"}, {"starttls", "off"}, {"from", "n@ca.cn"}}},
       {"reminder_days", {60, 14}}},
      base);
  CHECK(local.channel_configured("email"));
  CHECK(local.email->message_id_domain == "ca.cn");
  CHECK(local.reminder_days == std::vector<int>{14, 60});
  auto tls = NotifyConfig::from_json({{"email",
                                       {{"url", "smtps://smtp.example.cn"},
                                        {"from", "n@ca.cn"},
                                        {"username", "n"},
                                        {"password_file", "secrets/smtp.password"}}}},
                                     base);
  CHECK(tls.email->password_file == base / "secrets/smtp.password");
  const json bad[] = {
      {{"email", {{"url", "smtp://mail.example.cn"}, {"starttls", "off"}, {"from", "n@ca.cn"}}}},
      {{"email",
        {{"url", "smtp://mail.example.cn"}, {"starttls", "optional"}, {"from", "n@ca.cn"}}}},
      {{"email", {{"url", "http://mail.example.cn"}, {"from", "n@ca.cn"}}}},
      {{"email", {{"url", "smtp://mail.example.cn"}, {"from", "not an address"}}}},
      {{"email", {{"url", "smtp://mail.example.cn"}, {"from", "n@ca.cn"}, {"username", "u"}}}},
      {{"reminder_days", {30, 30}}},
      {{"reminder_days", {0}}},
      {{"retry_base_seconds", 0}},
      {{"default_language", "fr"}},
      json::array()};
  for (const auto& j : bad) {
    CAPTURE(j.dump());
    CHECK_THROWS_AS(NotifyConfig::from_json(j, base), std::runtime_error);
  }
}

TEST_CASE("retries back off exponentially up to the configured maximum") {
  NotifyConfig c;
  c.retry_base_seconds = 30;
  c.retry_max_seconds = 3600;
  CHECK(OutboxWorker::backoff(c, 1) == 30);
  CHECK(OutboxWorker::backoff(c, 2) == 60);
  CHECK(OutboxWorker::backoff(c, 5) == 480);
  CHECK(OutboxWorker::backoff(c, 8) == 3600);
  CHECK(OutboxWorker::backoff(c, 1000) == 3600);
}
