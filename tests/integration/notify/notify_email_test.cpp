// Issue 19: notifications by e-mail, end to end. A real certrenew-server delivers its outbox to a
// real SMTP server (aiosmtpd) on loopback; the messages are decoded by Python's e-mail parser.
#include <doctest/doctest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "application_steps.hpp"
#include "certrenew/core/x509/certificate.hpp"
#include "smtp_sink.hpp"

using namespace certrenew;
using namespace certrenew::testing;
using nlohmann::json;

namespace {

// Delivery to `smtp_port`, plain SMTP (loopback only), quick retries for the test.
void use_smtp(ServerProcess& s, int smtp_port) {
  s.reconfigure([&](json& c) {
    c["notify"] = {{"email",
                    {{"url", "smtp://127.0.0.1:" + std::to_string(smtp_port)},
                     {"starttls", "off"},
                     {"from", "notify@ca.example.cn"},
                     {"timeout_seconds", 10}}},
                   {"retry_base_seconds", 1},
                   {"retry_max_seconds", 2},
                   {"lease_seconds", 3},
                   {"poll_milliseconds", 100},
                   {"reminder_sweep_seconds", 1}};
  });
}

// Submits with the agreement in `lang`, the language the application's messages are in.
Submitted submit_in(const ServerProcess& s, const Applicant& a, const std::string& lang = "zh-CN") {
  return submit(s, a, a.content(s.get("/api/v1/agreement?lang=" + lang).body));
}

// Messages about one application (its business number in the subject) or event.
std::vector<json> about(const SmtpSink& sink, const std::string& needle) {
  std::vector<json> out;
  for (auto& m : sink.messages())
    if (m["subject"].get<std::string>().find(needle) != std::string::npos ||
        m["text"].get<std::string>().find(needle) != std::string::npos)
      out.push_back(m);
  return out;
}

std::size_t count_of(const SmtpSink& sink, const std::string& needle) {
  return about(sink, needle).size();
}

json notifications(const ServerProcess& s, const Submitted& app) {
  return s.get(kAdmin + "/" + app.business_no, s.operator_token()).body["notifications"];
}

}  // namespace

TEST_CASE("every step of a renewal mails the operator once, in the language of the agreement") {
  SmtpSink sink;
  ServerProcess s;
  use_smtp(s, sink.port());
  Applicant a = Applicant::of(s);
  Submitted app = submit_in(s, a);

  REQUIRE(eventually([&] { return count_of(sink, app.business_no) == 1; }));
  json first = about(sink, app.business_no)[0];
  CHECK(first["rcpt"] == json::array({"hu@example.cn"}));
  CHECK(first["mail_from"] == "notify@ca.example.cn");
  CHECK(first["to_name"] == "胡某");
  CHECK(first["to_address"] == "hu@example.cn");
  CHECK(first["subject"].get<std::string>().find("续期申请已受理") != std::string::npos);
  CHECK(first["text"].get<std::string>().find("应付金额：200.00 元") != std::string::npos);
  CHECK(first["text"].get<std::string>().find("开户账号") != std::string::npos);
  CHECK(first["content_type"] == "text/plain");
  // Names yes, ID numbers never (not even masked).
  for (const std::string id : {"11010519491231002X", "110105"})
    CHECK(sink.raw(0).find(id) == std::string::npos);
  CHECK(first["text"].get<std::string>().find("110105") == std::string::npos);
  // Headers are 7-bit (encoded words), lines at most 78 characters.
  const std::string raw = sink.raw(0);
  const std::string headers = raw.substr(0, raw.find("\r\n\r\n"));
  CHECK(std::all_of(headers.begin(), headers.end(),
                    [](char c) { return static_cast<unsigned char>(c) < 0x80; }));
  std::size_t line_start = 0, longest = 0;
  for (std::size_t i = raw.find("\r\n"); i != std::string::npos; i = raw.find("\r\n", i + 2)) {
    longest = std::max(longest, i - line_start);
    line_start = i + 2;
  }
  CHECK(longest <= 78);

  pay_by_transfer(s, app);
  REQUIRE(eventually([&] { return count_of(sink, app.business_no) == 2; }));
  REQUIRE(s.post(kAdmin + "/" + app.business_no + "/approve", nullptr, s.operator_token()).status ==
          200);
  REQUIRE(eventually([&] { return count_of(sink, app.business_no) == 3; }));
  json approved = about(sink, app.business_no)[2];
  CHECK(approved["subject"].get<std::string>().find("审核通过") != std::string::npos);
  CHECK(approved["content_type"] == "multipart/alternative");
  CHECK(approved["html"].get<std::string>().find("<strong>" + app.business_no + "</strong>") !=
        std::string::npos);
  REQUIRE(s.post(kApps + "/" + app.business_no + "/installed", nullptr, app.token).status == 200);
  REQUIRE(eventually([&] { return count_of(sink, app.business_no) == 4; }));
  json done = about(sink, app.business_no)[3];
  CHECK(done["subject"].get<std::string>().find("证书续期完成") != std::string::npos);
  CHECK(done["text"].get<std::string>().find("新证书有效期：") != std::string::npos);

  // The console's view: every message sent, none with its text.
  json shown = notifications(s, app);
  REQUIRE(shown.size() == 8);  // four events, e-mail and SMS (SMS not configured: unsent)
  std::set<std::string> email_events;
  for (const auto& n : shown) {
    if (n["channel"] == "email") {
      CHECK(n["state"] == "sent");
      email_events.insert(n["event"].get<std::string>());
    } else {
      CHECK(n["state"] == "unsent");
    }
    CHECK_FALSE(n.contains("text"));
  }
  CHECK(email_events ==
        std::set<std::string>{"submitted", "payment_confirmed", "approved", "completed"});
  std::set<std::string> ids;
  for (const auto& m : about(sink, app.business_no)) ids.insert(m["message_id"]);
  CHECK(ids.size() == 4);

  // No message holds the ID number, whole or masked (110105********002X): the decoded subject
  // and bodies are searched (the raw bytes may be base64), and the raw bytes for the whole number.
  const auto all = sink.messages();
  REQUIRE(all.size() == 4);
  for (std::size_t i = 0; i < all.size(); ++i) {
    CAPTURE(i);
    CHECK(sink.raw(i).find("11010519491231002X") == std::string::npos);
    for (const char* part : {"subject", "text", "html"}) {
      const std::string decoded = all[i][part].is_string() ? all[i][part].get<std::string>() : "";
      for (const std::string id : {"11010519491231002X", "110105", "002X", "****"}) {
        CAPTURE(part);
        CAPTURE(id);
        CHECK(decoded.find(id) == std::string::npos);
      }
    }
  }
  // The service's log names messages (id, event, channel), never their text or recipients.
  {
    std::ifstream in(s.dir().parent_path() / "server.log");
    REQUIRE(in);
    std::stringstream log;
    log << in.rdbuf();
    REQUIRE(log.str().find("notify: message") != std::string::npos);  // the worker did log
    for (const std::string body :
         {"续期申请已受理", "应付金额", "开户账号", "审核通过", "新证书有效期", "hu@example.cn",
          "13800138000", "11010519491231002X"}) {
      CAPTURE(body);
      CHECK(log.str().find(body) == std::string::npos);
    }
  }

  SUBCASE("English: rejected with the reason; cancelled") {
    Applicant b = Applicant::of(s);
    Submitted rejected = submit_in(s, b, "en");
    REQUIRE(
        s.post(kApps + "/" + rejected.business_no + "/cancel", nullptr, rejected.token).status ==
        200);
    REQUIRE(eventually([&] { return count_of(sink, rejected.business_no) == 2; }));
    auto mails = about(sink, rejected.business_no);
    CHECK(mails[0]["subject"].get<std::string>().find("Renewal application received") !=
          std::string::npos);
    CHECK(mails[0]["text"].get<std::string>().find("Amount due: CNY 200.00") != std::string::npos);
    CHECK(mails[1]["subject"].get<std::string>().find("cancelled") != std::string::npos);

    Applicant c = Applicant::of(s);
    Submitted other = submit_in(s, c, "en");
    pay_by_transfer(s, other);
    REQUIRE(s.post(kAdmin + "/" + other.business_no + "/reject",
                   {{"reason", "营业执照已过期 / business licence expired"}}, s.operator_token())
                .status == 200);
    REQUIRE(eventually([&] { return count_of(sink, other.business_no) == 3; }));
    json rejection = about(sink, other.business_no)[2];
    CHECK(rejection["subject"].get<std::string>().find("rejected") != std::string::npos);
    CHECK(rejection["text"].get<std::string>().find(
              "Reason: 营业执照已过期 / business licence expired") != std::string::npos);
  }
}

TEST_CASE("while the SMTP server is down the message is retried, and sent once it is back") {
  const int port = free_loopback_port();
  ServerProcess s;
  use_smtp(s, port);
  Applicant a = Applicant::of(s);
  Submitted app = submit_in(s, a);
  auto email = [&] {
    for (const auto& n : notifications(s, app))
      if (n["channel"] == "email") return n;
    return json();
  };
  REQUIRE(eventually([&] { return email()["attempts"].get<int>() >= 2; }));
  CHECK(email()["state"] == "pending");
  CHECK_FALSE(email()["last_error"].get<std::string>().empty());

  SmtpSink sink(port);
  REQUIRE(eventually([&] { return email()["state"] == "sent"; }));
  CHECK(count_of(sink, app.business_no) == 1);
}

TEST_CASE("killed in the middle of a delivery and restarted: still one message per event") {
  SmtpSink sink;
  ServerProcess s;
  use_smtp(s, sink.port());
  Applicant a = Applicant::of(s);
  sink.hang_on_next_message();
  Submitted app = submit_in(s, a);
  REQUIRE(eventually([&] { return count_of(sink, app.business_no) == 1; }));
  s.kill_now();  // the message is with the SMTP server, the outbox does not know
  s.start();
  // The claim runs out, the message goes again: with the same Message-ID, so the receiver can
  // tell it is the same message.
  REQUIRE(eventually([&] { return count_of(sink, app.business_no) == 2; }));
  auto mails = about(sink, app.business_no);
  CHECK(mails[0]["message_id"] == mails[1]["message_id"]);

  REQUIRE(s.post(kApps + "/" + app.business_no + "/cancel", nullptr, app.token).status == 200);
  REQUIRE(eventually([&] { return count_of(sink, app.business_no) == 3; }));
  std::set<std::string> ids;
  for (const auto& m : about(sink, app.business_no)) ids.insert(m["message_id"]);
  CHECK(ids.size() == 2);  // submitted (twice, one Message-ID), cancelled
}

TEST_CASE("expiry reminders: one per offset (90, 30, 7 days), none once renewed") {
  SmtpSink sink;
  ServerProcess::Options demo;
  demo.demo = true;  // the clock switch exists only in demo instances
  ServerProcess s(demo);
  use_smtp(s, sink.port());
  const auto in_89_days = std::chrono::system_clock::now() + std::chrono::days(89);
  Applicant renewed = Applicant::of(s, KeyKind::ec_p256, in_89_days);
  Applicant waiting = Applicant::of(s, KeyKind::ec_p256, in_89_days);
  const std::string renewed_serial = x509::parse_certificate(renewed.old_cert_der).serial_hex;
  const std::string waiting_serial = x509::parse_certificate(waiting.old_cert_der).serial_hex;
  // The service sees both certificates through an application each (then cancelled).
  for (const Applicant* a : {&renewed, &waiting}) {
    Submitted app = submit_in(s, *a);
    REQUIRE(s.post(kApps + "/" + app.business_no + "/cancel", nullptr, app.token).status == 200);
  }
  auto reminders = [&](const std::string& serial) {
    std::vector<std::string> subjects;
    for (const auto& m : about(sink, serial)) subjects.push_back(m["subject"]);
    return subjects.size();
  };
  REQUIRE(
      eventually([&] { return reminders(renewed_serial) == 1 && reminders(waiting_serial) == 1; }));
  CHECK(about(sink, renewed_serial)[0]["text"].get<std::string>().find("还剩 89 天") !=
        std::string::npos);
  // Exactly once: more sweeps (one a second) at the same offset queue nothing more.
  std::this_thread::sleep_for(std::chrono::seconds(3));
  CHECK(reminders(renewed_serial) == 1);
  CHECK(reminders(waiting_serial) == 1);

  s.stop();
  s.set_clock_offset(60 * 86400);  // 29 days left: the 30-day reminder
  s.start();
  REQUIRE(
      eventually([&] { return reminders(renewed_serial) == 2 && reminders(waiting_serial) == 2; }));
  CHECK(about(sink, waiting_serial)[1]["text"].get<std::string>().find("还剩 29 天") !=
        std::string::npos);

  // `renewed` renews (on the real clock), `waiting` does not.
  s.stop();
  s.set_clock_offset(0);
  s.start();
  Submitted renewal = submit_in(s, renewed);
  pay_by_transfer(s, renewal);
  REQUIRE(
      s.post(kAdmin + "/" + renewal.business_no + "/approve", nullptr, s.operator_token()).status ==
      200);

  s.stop();
  s.set_clock_offset(83 * 86400);  // 6 days left: the 7-day reminder, for `waiting` only
  s.start();
  REQUIRE(eventually([&] { return reminders(waiting_serial) == 3; }));
  // The sweep that queued it saw the renewed certificate too, and more sweeps ran since.
  std::this_thread::sleep_for(std::chrono::seconds(3));
  CHECK(reminders(renewed_serial) == 2);
  CHECK(reminders(waiting_serial) == 3);
  CHECK(about(sink, waiting_serial)[2]["text"].get<std::string>().find("还剩 6 天") !=
        std::string::npos);
}
