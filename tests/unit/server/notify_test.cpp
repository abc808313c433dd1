// Issue 19: the outbox in storage, templates, MIME and the notify config, in process.
#include <doctest/doctest.h>

#include <filesystem>
#include <random>

#include "certrenew/core/bytes.hpp"
#include "notify/email/mime.hpp"
#include "notify/notify_config.hpp"
#include "notify/outbox_worker.hpp"
#include "notify/templates.hpp"
#include "storage/store.hpp"

using namespace certrenew;
using namespace certrenew::server;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

struct TempDb {
  fs::path dir;
  TempDb() {
    std::random_device rd;
    dir = fs::temp_directory_path() /
          ("certrenew-notify-" + std::to_string(rd()) + std::to_string(rd()));
    fs::create_directories(dir);
  }
  ~TempDb() { fs::remove_all(dir); }
};

ApplicationRecord application(const std::string& business_no) {
  ApplicationRecord r;
  r.business_no = business_no;
  r.order_no = business_no.substr(5);
  r.request_sha256 = "sha-" + business_no;
  r.state = "entered";
  r.payment_state = "unpaid";
  r.old_cert_serial = "0A1B";
  r.old_cert_der = {0x30, 0x00};
  r.old_not_after = 1'800'000'000;
  r.csr_der = {0x30, 0x00};
  r.period_months = 12;
  r.total_fen = 10000;
  r.form_json = "{}";
  r.agreement_version = "1";
  r.agreement_sha256 = "abc";
  return r;
}

OutboxMessage message(std::int64_t application_id, const std::string& key) {
  OutboxMessage m;
  m.dedup_key = key;
  m.application_id = application_id;
  m.event = "submitted";
  m.channel = "email";
  m.recipient = "hu@example.cn";
  m.language = "zh-CN";
  m.facts_json = "{}";
  m.state = "pending";
  m.next_attempt_at = 1000;
  m.created_at = 1000;
  return m;
}

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
  return {{"business_no", "01202612040000001"},
          {"operator_name", "欧阳某某"},
          {"amount", "300.00"},
          {"refund_amount", "300.00"},
          {"service_name", "某某数字认证中心"},
          {"subject", "广州某某贸易有限公司"},
          {"bank_company", "某某数字认证股份有限公司"},
          {"bank_account", "4400 1234 5678 9012 3456"},
          {"bank_name", "中国建设银行广州某某支行"},
          {"reason", "<b>材料不全</b>"},
          {"valid_from", "2026-12-04"},
          {"valid_until", "2029-12-04"},
          {"serial", "4F2A9C0D11E3B7A5"},
          {"expires_on", "2027-03-01"},
          {"days_left", "90"}};
}

}  // namespace

TEST_CASE("the outbox: one message per dedup key, claims that exclude each other, settled once") {
  TempDb tmp;
  auto store = open_sqlite_store(tmp.dir / "server.db");
  std::int64_t app = 0;
  store->transact([&](StoreTx& tx) {
    app = tx.insert_application(application("01202612040000001"));
    CHECK(tx.add_outbox_message(message(app, "app:1:submitted:email")));
    CHECK_FALSE(tx.add_outbox_message(message(app, "app:1:submitted:email")));  // same event
    auto later = message(app, "app:1:approved:email");
    later.next_attempt_at = 2000;
    CHECK(tx.add_outbox_message(later));
    auto unsent = message(app, "app:1:submitted:sms");
    unsent.state = "unsent";
    CHECK(tx.add_outbox_message(unsent));
  });
  std::vector<OutboxMessage> a, b;
  store->transact([&](StoreTx& tx) { a = tx.claim_outbox_messages("worker-a", 1500, 1510, 10); });
  store->transact([&](StoreTx& tx) { b = tx.claim_outbox_messages("worker-b", 1500, 1510, 10); });
  REQUIRE(a.size() == 1);  // the other is not due, the SMS not to be sent
  CHECK(a[0].dedup_key == "app:1:submitted:email");
  CHECK(b.empty());  // held by worker-a
  // worker-a dies; once its claim runs out worker-b takes the message over.
  store->transact([&](StoreTx& tx) { b = tx.claim_outbox_messages("worker-b", 1510, 1520, 10); });
  REQUIRE(b.size() == 1);
  CHECK(b[0].id == a[0].id);
  OutboxSettlement sent{"sent", 1, 1000, "", 1511};
  store->transact([&](StoreTx& tx) {
    CHECK_FALSE(tx.settle_outbox_message(a[0].id, "worker-a", sent));  // no longer its claim
    CHECK(tx.settle_outbox_message(b[0].id, "worker-b", sent));
    CHECK_FALSE(tx.settle_outbox_message(b[0].id, "worker-b", sent));  // settled already
    CHECK(tx.claim_outbox_messages("worker-c", 1600, 1700, 10).empty());
    auto all = tx.outbox_messages(app);
    REQUIRE(all.size() == 3);
    CHECK(all[0].state == "sent");
    CHECK(all[0].attempts == 1);
    CHECK(all[0].sent_at == 1511);
    CHECK(all[2].state == "unsent");
  });
}

TEST_CASE("watched certificates: the latest application is the contact; expiring ones in order") {
  TempDb tmp;
  auto store = open_sqlite_store(tmp.dir / "server.db");
  store->transact([&](StoreTx& tx) {
    auto first = tx.insert_application(application("01202612040000001"));
    auto second = tx.insert_application(application("01202612040000002"));
    tx.watch_certificate({"AA", 5000, second});
    tx.watch_certificate({"AA", 5000, first});  // an older application does not take over
    tx.watch_certificate({"BB", 3000, first});
    tx.watch_certificate({"CC", 9000, first});
    auto due = tx.certificates_expiring(1000, 6000);
    REQUIRE(due.size() == 2);
    CHECK(due[0].serial_hex == "BB");
    CHECK(due[1].serial_hex == "AA");
    CHECK(due[1].application_id == second);
    CHECK(tx.certificates_expiring(3000, 6000).size() == 1);  // expired ones are not reminded
  });
}

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
