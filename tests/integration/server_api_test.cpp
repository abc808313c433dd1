// Integration tests: a real certrenew-server process on loopback, driven over TLS.
#include <doctest/doctest.h>

#include <openssl/x509.h>

#include <chrono>
#include <thread>

#include "application_steps.hpp"
#include "ca/authority.hpp"
#include "certrenew/core/pki/csr.hpp"
#include "certrenew/core/protocol/back_office_answers.hpp"
#include "certrenew/core/x509/certificate.hpp"

using namespace certrenew;
using namespace certrenew::testing;
using nlohmann::json;

namespace {

// Polls the application until `pred` holds or about ten seconds pass.
json wait_for(const ServerProcess& s, const Submitted& app,
              const std::function<bool(const json&)>& pred) {
  json last;
  for (int i = 0; i < 100; ++i) {
    last = s.get(kApps + "/" + app.business_no, app.token).body;
    if (pred(last)) return last;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return last;
}

}  // namespace

TEST_CASE("public endpoints describe the service without authentication") {
  ServerProcess s;
  auto info = s.get("/api/v1/info");
  CHECK(info.status == 200);
  CHECK(info.body["api_version"] == 1);
  CHECK(info.body["sm2_signer_id"] == "1234567812345678");
  auto fees = s.get("/api/v1/fees");
  CHECK(fees.body["periods"].size() == 3);
  CHECK(fees.body["periods"][1]["items"][0]["name_zh"] == "证书服务费用");
  CHECK(fees.body["delivery"]["zh"] == "货到付款");
  auto zh = s.get("/api/v1/agreement?lang=zh-CN");
  auto en = s.get("/api/v1/agreement?lang=en");
  CHECK(zh.body["text"].get<std::string>().find("数字证书续期服务协议") != std::string::npos);
  CHECK(en.body["language"] == "en");
  CHECK(zh.body["sha256"] != en.body["sha256"]);
}

TEST_CASE(
    "the whole renewal: apply, bank transfer, confirm, approve, download, install — across "
    "restarts") {
  ServerProcess s;
  Applicant a = Applicant::of(s);
  Submitted app = submit(s, a);
  CHECK(app.business_no.size() == 17);
  CHECK(app.business_no.substr(0, 2) == "01");
  CHECK(app.application["state"]["zh"] == "已录入");
  CHECK(app.application["payment_state"]["zh"] == "未支付");
  CHECK(app.application["total_fen"] == 20000);
  CHECK(app.application["fees"]["items"][0]["quantity"] == 2);
  CHECK(app.application["operator"]["id_number"] == "110105********002X");
  CHECK(app.application["operator"]["mobile"] == "13800138000");  // normalised
  CHECK(app.application["order"]["order_no"].get<std::string>().size() == 15);

  s.stop();
  s.start();  // nothing acknowledged is lost
  auto saved = s.put(kApps + "/" + app.business_no + "/bank-transfers", bank_transfer(), app.token);
  REQUIRE_MESSAGE(saved.status == 200, saved.body.dump());
  CHECK(saved.body["payment_state"]["code"] == "confirming");
  CHECK(saved.body["bank_transfers"][0]["amount_fen"] == 20000);
  CHECK(saved.body["actions"]["cancel"] == true);

  s.stop();
  s.start();
  auto confirmed =
      s.post(kAdmin + "/" + app.business_no + "/confirm-payment", nullptr, s.operator_token());
  REQUIRE_MESSAGE(confirmed.status == 200, confirmed.body.dump());
  CHECK(confirmed.body["state"]["code"] == "under_review");
  // Masked for operators too; the whole number only through the audited reveal.
  CHECK(confirmed.body["operator"]["id_number"] == "110105********002X");
  auto revealed =
      s.post(kAdmin + "/" + app.business_no + "/reveal-id", nullptr, s.operator_token());
  REQUIRE_MESSAGE(revealed.status == 200, revealed.body.dump());
  const auto reveal = protocol::decode_id_reveal(protocol::Field(revealed.body));
  CHECK(reveal.business_no == app.business_no);
  CHECK(reveal.id_number == "11010519491231002X");
  CHECK(s.post(kAdmin + "/" + app.business_no + "/reveal-id", nullptr, "wrong").status == 403);
  CHECK(s.post(kApps + "/" + app.business_no + "/cancel", nullptr, app.token).status == 409);

  auto approved = s.post(kAdmin + "/" + app.business_no + "/approve", nullptr, s.operator_token());
  REQUIRE_MESSAGE(approved.status == 200, approved.body.dump());
  CHECK(approved.body["state"]["code"] == "approved");

  s.stop();
  s.start();
  auto status = s.get(kApps + "/" + app.business_no, app.token);
  CHECK(status.body["actions"]["install"] == true);
  auto cert = s.get(kApps + "/" + app.business_no + "/certificate", app.token);
  REQUIRE(cert.status == 200);
  auto issued = x509::parse_certificate(from_base64(cert.body["certificate"].get<std::string>()));
  auto old = x509::parse_certificate(a.old_cert_der);
  CHECK(issued.public_key.spki_der == spki_der(a.new_key.get()));
  CHECK(issued.subject.der == old.subject.der);
  auto expected = server::add_months(std::chrono::system_clock::time_point(old.not_after), 24);
  CHECK(std::chrono::system_clock::time_point(issued.not_after) == expected);
  CHECK(issued.serial_hex != old.serial_hex);
  CHECK(cert.body["chain"].size() == 1);

  auto done = s.post(kApps + "/" + app.business_no + "/installed", nullptr, app.token);
  CHECK(done.body["state"]["code"] == "completed");
  auto shown = s.get(kAdmin + "/" + app.business_no, s.operator_token());
  CHECK(shown.body["state"]["code"] == "completed");
  std::vector<std::string> kinds;
  for (const auto& e : shown.body["events"]) kinds.push_back(e["kind"]);
  CHECK(kinds == std::vector<std::string>{"created", "bank_transfer_saved", "payment_confirmed",
                                          "approved", "certificate_issued", "installed",
                                          "superseded_certificate_revoked"});
}

TEST_CASE("the same signed request sent twice returns the same application") {
  ServerProcess s;
  Applicant a = Applicant::of(s);
  json body = a.body(a.content(s));
  auto first = s.post(kApps, body);
  auto second = s.post(kApps, body);
  CHECK(first.status == 201);
  CHECK(second.status == 200);
  CHECK(first.body["application"]["business_no"] == second.body["application"]["business_no"]);
  CHECK(first.body["capability_token"] == second.body["capability_token"]);
  CHECK(s.get(kAdmin, s.operator_token()).body["applications"].size() == 1);
  // The first answer is built from what intake just stored, without reading it back (issue 17);
  // it must be the view the stored application gives, field for field.
  CHECK(first.body["application"] == second.body["application"]);
  const auto business_no = first.body["application"]["business_no"].get<std::string>();
  const auto token = first.body["capability_token"].get<std::string>();
  const auto status = s.get(kApps + "/" + business_no, token);
  CHECK(status.body == first.body["application"]);
}

TEST_CASE("cancel before payment; a cancelled certificate may apply again") {
  ServerProcess s;
  Applicant a = Applicant::of(s);
  Submitted app = submit(s, a);
  auto second = s.post(kApps, a.body(a.content(s)));
  CHECK(second.status == 409);
  CHECK(code_of(second) == "application_open");
  auto cancelled = s.post(kApps + "/" + app.business_no + "/cancel", nullptr, app.token);
  CHECK(cancelled.status == 200);
  CHECK(cancelled.body["state"]["zh"] == "已撤销");
  CHECK(cancelled.body["actions"]["pay_online"] == false);
  CHECK(
      s.put(kApps + "/" + app.business_no + "/bank-transfers", bank_transfer(), app.token).status ==
      409);
  CHECK(s.post(kApps, a.body(a.content(s))).status == 201);
}

TEST_CASE("rejection carries the reason to the applicant") {
  ServerProcess s;
  Applicant a = Applicant::of(s);
  Submitted app = submit(s, a, 12);
  s.put(kApps + "/" + app.business_no + "/bank-transfers", bank_transfer("100.00"), app.token);
  auto early =
      s.post(kAdmin + "/" + app.business_no + "/reject", {{"reason", "x"}}, s.operator_token());
  CHECK(early.status == 409);  // not paid yet: nothing to review
  s.post(kAdmin + "/" + app.business_no + "/confirm-payment", nullptr, s.operator_token());
  auto no_reason =
      s.post(kAdmin + "/" + app.business_no + "/reject", json::object(), s.operator_token());
  CHECK(no_reason.status == 400);
  auto rejected = s.post(kAdmin + "/" + app.business_no + "/reject",
                         {{"reason", "付款账户名与证书单位不符"}}, s.operator_token());
  CHECK(rejected.status == 200);
  auto seen = s.get(kApps + "/" + app.business_no, app.token);
  CHECK(seen.body["state"]["code"] == "rejected");
  CHECK(seen.body["reject_reason"] == "付款账户名与证书单位不符");
  CHECK(s.get(kApps + "/" + app.business_no + "/certificate", app.token).status == 409);
}

TEST_CASE("a short bank transfer is not confirmed") {
  ServerProcess s;
  Applicant a = Applicant::of(s);
  Submitted app = submit(s, a, 24);
  s.put(kApps + "/" + app.business_no + "/bank-transfers", bank_transfer("100.00"), app.token);
  auto r = s.post(kAdmin + "/" + app.business_no + "/confirm-payment", nullptr, s.operator_token());
  CHECK(r.status == 409);
  CHECK(code_of(r) == "payment_short");
}

TEST_CASE("online payment through the sandbox gateway; forged notifications are refused") {
  ServerProcess s({.auto_approve = true, .demo = true});  // the sandbox exists only in demos
  Applicant a = Applicant::of(s);
  Submitted app = submit(s, a);
  auto started = s.post(kApps + "/" + app.business_no + "/online-payments", nullptr, app.token);
  REQUIRE_MESSAGE(started.status == 201, started.body.dump());
  std::string pay_url = started.body["pay_url"];
  CHECK(started.body["qr_text"] == pay_url);
  CHECK(started.body["amount_fen"] == 20000);
  std::string payment_id = started.body["payment_id"];

  json forged = {{"payment_id", payment_id}, {"amount_fen", 20000}, {"gateway_ref", "FAKE"}};
  auto refused =
      s.send_raw("POST", "/api/v1/payments/notify", forged.dump(), "application/json",
                 {{"X-Gateway-Signature", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}});
  CHECK(refused.status == 401);
  CHECK(code_of(refused) == "bad_notification_signature");
  CHECK(s.get(kApps + "/" + app.business_no, app.token).body["payment_state"]["code"] == "unpaid");

  std::string pay_path = pay_url.substr(pay_url.find("/sandbox-gateway/"));
  auto page = s.client()->Get(pay_path.c_str());
  REQUIRE(page);
  CHECK(page->body.find("200.00") != std::string::npos);
  auto paid = s.client()->Post(pay_path.c_str(), "", "application/x-www-form-urlencoded");
  REQUIRE(paid);
  CHECK(paid->status == 200);
  // Approved, then issued right after (the built-in CA): the holder waits for actions.install.
  json after = wait_for(s, app, [](const json& v) { return v["actions"]["install"] == true; });
  CHECK(after["payment_state"]["code"] == "paid");
  CHECK(after["state"]["code"] == "approved");  // auto-approve policy
  CHECK(after["actions"]["install"] == true);
}

TEST_CASE("bad input gets a clear error and changes nothing") {
  ServerProcess s;
  Applicant a = Applicant::of(s);

  SUBCASE("transport-level mistakes") {
    auto r = s.send_raw("POST", kApps, "{not json", "application/json");
    CHECK(r.status == 400);
    CHECK(code_of(r) == "malformed_json");
    CHECK(s.send_raw("POST", kApps, "{}", "text/plain").status == 415);
    CHECK(code_of(s.post(kApps, {{"signed_application", 42}})) == "malformed_json");
    CHECK(code_of(s.post(kApps, {{"signed_application", "@@@"}})) == "malformed_json");
    auto big = s.send_raw("POST", kApps, std::string(300 * 1024, 'x'), "application/json");
    CHECK(big.status == 413);
    CHECK(code_of(big) == "payload_too_large");
    CHECK(code_of(s.post(kApps, {{"signed_application", to_base64(as_bytes("garbage"))}})) ==
          "malformed_signed_data");
  }

  SUBCASE("forged or tampered signatures") {
    Bytes signed_app = a.sign(a.content(s));
    // Flip one byte near the end (inside the signature value).
    signed_app[signed_app.size() - 5] ^= 0x01;
    auto r = s.post(kApps, {{"signed_application", to_base64(signed_app)}});
    CHECK(r.status == 400);
    CHECK(code_of(r) == "bad_signature");
  }

  SUBCASE("certificates that may not renew online") {
    Applicant expired = Applicant::of(s, KeyKind::ec_p256,
                                      std::chrono::system_clock::now() - std::chrono::hours(1));
    auto r = s.post(kApps, expired.body(expired.content(s)));
    CHECK(r.status == 403);
    CHECK(code_of(r) == "certificate_expired");
    CHECK(r.body["error"]["message_zh"].get<std::string>().find("营业厅") != std::string::npos);

    Applicant early = Applicant::of(s, KeyKind::ec_p256,
                                    std::chrono::system_clock::now() + std::chrono::days(200));
    CHECK(code_of(s.post(kApps, early.body(early.content(s)))) == "renewal_window_not_open");

    ServerProcess other;  // another CA
    Applicant foreign = Applicant::of(other);
    CHECK(code_of(s.post(kApps, foreign.body(foreign.content(s)))) == "certificate_not_ours");
  }

  SUBCASE("application content rules") {
    json c = a.content(s);
    c["time"] = iso_now(std::chrono::hours(-2));
    CHECK(code_of(s.post(kApps, a.body(c))) == "stale_request");
    c = a.content(s);
    c["period_months"] = 18;
    CHECK(code_of(s.post(kApps, a.body(c))) == "period_not_offered");
    c = a.content(s);
    c["agreement"]["version"] = "2019.1";
    CHECK(code_of(s.post(kApps, a.body(c))) == "agreement_outdated");
    c = a.content(s);
    c["type"] = "something-else";
    CHECK(code_of(s.post(kApps, a.body(c))) == "malformed_application");
    c = a.content(s);
    c.erase("nonce");
    CHECK(code_of(s.post(kApps, a.body(c))) == "malformed_application");
    c = a.content(s);
    c["period_months"] = "24";  // a number as text: wrong type
    CHECK(code_of(s.post(kApps, a.body(c))) == "malformed_application");
    c = a.content(s);
    c["operator"] = "胡某";  // an object expected: the wire format's problem, not the form's
    auto wrong = s.post(kApps, a.body(c));
    CHECK(code_of(wrong) == "malformed_application");
    CHECK(wrong.body["error"]["details"]["field"] == "operator");
  }

  SUBCASE("the certificate request must carry a new key for the same subject") {
    json c = a.content(s);
    OpenSslKeySigner old_signer(a.old_key.get());
    c["csr"] =
        to_base64(pki::build_csr(old_signer, x509::parse_certificate(a.old_cert_der).subject.der));
    CHECK(code_of(s.post(kApps, a.body(c))) == "key_reused");
    c = a.content(s);
    OpenSslKeySigner new_signer(a.new_key.get());
    c["csr"] =
        to_base64(pki::build_csr(new_signer, std::vector<pki::NameAttribute>{{"CN", "张三"}}));
    CHECK(code_of(s.post(kApps, a.body(c))) == "subject_mismatch");
    c = a.content(s);
    c["csr"] = to_base64(as_bytes("not a csr"));
    CHECK(code_of(s.post(kApps, a.body(c))) == "bad_csr");
  }

  SUBCASE("every bad form field is listed") {
    json c = a.content(s);
    c["operator"]["id_number"] = "110105194912310021";  // wrong check character
    c["operator"]["mobile"] = "12345";
    c["recipient"]["address"] = "佛山";
    auto r = s.post(kApps, a.body(c));
    CHECK(r.status == 422);
    CHECK(code_of(r) == "validation_failed");
    std::vector<std::string> fields;
    for (const auto& f : r.body["error"]["details"]["fields"]) fields.push_back(f["field"]);
    CHECK(fields ==
          std::vector<std::string>{"operator.id_number", "operator.mobile", "recipient.address"});
    CHECK(r.body["error"]["details"]["fields"][0]["reason"] == "resident_id.bad_checksum");
  }

  SUBCASE("replayed nonce under a fresh signature") {
    json c = a.content(s);
    CHECK(s.post(kApps, a.body(c)).status == 201);
    Applicant b = Applicant::of(s);
    json again = b.content(s);
    again["nonce"] = c["nonce"];
    auto r = s.post(kApps, b.body(again));
    CHECK(r.status == 409);
    CHECK(code_of(r) == "replayed");
  }

  SUBCASE("SQL metacharacters are data") {
    json c = a.content(s);
    c["recipient"]["address"] = "广东省'); DROP TABLE applications; --";
    auto r = s.post(kApps, a.body(c));
    REQUIRE(r.status == 201);
    auto token = r.body["capability_token"].get<std::string>();
    auto no = r.body["application"]["business_no"].get<std::string>();
    CHECK(s.get(kApps + "/" + no, token).body["recipient"]["address"] ==
          "广东省'); DROP TABLE applications; --");
    CHECK(s.get(kAdmin + "?state=entered'--", s.operator_token()).status == 400);
  }

  // Whatever failed above, nothing was created by it.
  auto list = s.get(kAdmin, s.operator_token());
  CHECK(list.body["applications"].size() <= 1);
}

TEST_CASE("capability tokens and operator credentials are checked on every call") {
  ServerProcess s;
  Applicant a = Applicant::of(s), b = Applicant::of(s);
  Submitted mine = submit(s, a), theirs = submit(s, b);
  CHECK(s.get(kApps + "/" + mine.business_no).status == 401);
  CHECK(s.get(kApps + "/" + mine.business_no, "wrong").status == 404);
  CHECK(s.get(kApps + "/" + theirs.business_no, mine.token).status == 404);  // another applicant's
  CHECK(s.post(kApps + "/" + theirs.business_no + "/cancel", nullptr, mine.token).status == 404);
  CHECK(s.get(kApps + "/" + theirs.business_no, theirs.token).body["state"]["code"] == "entered");
  CHECK(s.get(kApps + "/01209901010000001", mine.token).status == 404);

  CHECK(s.get(kAdmin).status == 401);
  CHECK(s.get(kAdmin, "not-an-operator").status == 403);
  CHECK(s.get(kAdmin, mine.token).status == 403);  // an applicant is no operator
  CHECK(s.post(kAdmin + "/" + mine.business_no + "/approve", nullptr, "x").status == 403);

  auto bad_transfer = s.put(kApps + "/" + mine.business_no + "/bank-transfers",
                            {{"records",
                              {{{"payer_account", "6222"},
                                {"payer_name", "某公司"},
                                {"amount", "-5"},
                                {"paid_on", "2999-01-01"}}}}},
                            mine.token);
  CHECK(bad_transfer.status == 422);
  CHECK(bad_transfer.body["error"]["details"]["fields"].size() == 2);
  CHECK(s.get(kApps + "/" + mine.business_no, mine.token).body["payment_state"]["code"] ==
        "unpaid");
}

TEST_CASE("the admin command line drives a running instance") {
  ServerProcess s;
  Applicant a = Applicant::of(s);
  Submitted app = submit(s, a);
  // The admin command reads host and port from the config; point it at this instance's port.
  std::string out;
  int rc = run_program({CERTRENEW_SERVER_BINARY, "admin", "--config", s.config_file().string(),
                        "--listen", "127.0.0.1:" + std::to_string(s.port()), "list"},
                       &out);
  CHECK_MESSAGE(rc == 0, out);
  CHECK(out.find(app.business_no) != std::string::npos);
  rc =
      run_program({CERTRENEW_SERVER_BINARY, "admin", "--config", s.config_file().string(),
                   "--listen", "127.0.0.1:" + std::to_string(s.port()), "approve", app.business_no},
                  &out);
  CHECK(rc == 1);  // not paid: refused, with the service's reason
  CHECK(out.find("cannot approve") != std::string::npos);
}

TEST_CASE("the same signed request sent twice at the same moment still makes one application") {
  ServerProcess s;
  Applicant a = Applicant::of(s);
  json body = a.body(a.content(s));
  ServerProcess::Reply first, second;
  std::thread t1([&] { first = s.post(kApps, body); });
  std::thread t2([&] { second = s.post(kApps, body); });
  t1.join();
  t2.join();
  CHECK(first.body["application"]["business_no"] == second.body["application"]["business_no"]);
  CHECK(first.body["capability_token"] == second.body["capability_token"]);
  CHECK(first.status + second.status == 401);  // one 201, one 200
  CHECK(s.get(kAdmin, s.operator_token()).body["applications"].size() == 1);
}

TEST_CASE("an SM2 CA renews an SM2 customer: GM/T 0010 application, SM2-signed certificate") {
  ServerProcess s({.ca_key = "sm2"});
  Applicant a = Applicant::of(s, KeyKind::sm2);
  Submitted app = submit(s, a, 12);
  s.put(kApps + "/" + app.business_no + "/bank-transfers", bank_transfer("100.00"), app.token);
  REQUIRE(s.post(kAdmin + "/" + app.business_no + "/confirm-payment", nullptr, s.operator_token())
              .status == 200);
  REQUIRE(s.post(kAdmin + "/" + app.business_no + "/approve", nullptr, s.operator_token()).status ==
          200);
  auto cert = s.get(kApps + "/" + app.business_no + "/certificate", app.token);
  REQUIRE(cert.status == 200);
  auto issued = x509::parse_certificate(from_base64(cert.body["certificate"].get<std::string>()));
  CHECK(issued.public_key.type == x509::KeyType::sm2);
  CHECK(issued.signature_algorithm_oid == "1.2.156.10197.1.501");
  CHECK(issued.public_key.spki_der == spki_der(a.new_key.get()));
}
