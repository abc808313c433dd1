// Every request body of docs/protocol.md against a real certrenew-server: each field replaced in
// turn by a value of each wrong JSON type (generated from core/protocol's request schemas) gets
// 4xx naming the field, and the decoding defects of issue 15 get 4xx, never 500.
#include <doctest/doctest.h>

#include <functional>
#include <map>

#include "application_steps.hpp"
#include "certrenew/core/pki/csr.hpp"
#include "certrenew/core/protocol/request_schema.hpp"
#include "certrenew/core/x509/certificate.hpp"
#include "service/digest.hpp"
#include "service/renewal_service.hpp"
#include "wrong_bodies.hpp"

using namespace certrenew;
using namespace certrenew::testing;
using nlohmann::json;

namespace {

struct Fixture {
  // A demo instance: the payment notification is only mounted with the sandbox gateway.
  ServerProcess server{ServerProcess::Options{.demo = true}};
  Applicant applicant = Applicant::of(server);
  std::string business_no;
  std::string token;

  Fixture() {
    auto r = server.post(kApps, applicant.body(applicant.content(server)));
    REQUIRE_MESSAGE(r.status == 201, r.body.dump());
    business_no = r.body["application"]["business_no"];
    token = r.body["capability_token"];
  }
};

void check_names_field(const ServerProcess::Reply& r, const std::string& field) {
  CAPTURE(r.body.dump());
  CHECK(r.status >= 400);
  CHECK(r.status < 500);
  CHECK(r.body["error"]["details"]["field"] == field);
  CHECK(r.body["error"]["message"].get<std::string>().rfind(field + ": ", 0) == 0);
}

json transfers(const std::string& amount, int count = 1) {
  const json record = bank_transfer(amount)["records"][0];
  return {{"records", json(static_cast<std::size_t>(count), record)}};
}

}  // namespace

TEST_CASE("every request body, each field of each wrong JSON type, gets 4xx naming the field") {
  Fixture f;
  const ServerProcess& s = f.server;
  const std::string app = kApps + "/" + f.business_no;
  const auto gateway_key = server::read_secret_file(s.dir() / "secrets" / "gateway.key");
  std::map<std::string_view, int> bodies_sent;

  // Each schema with a valid body and the way it is sent.
  const std::map<std::string_view, std::function<ServerProcess::Reply(const json&)>> send = {
      {"submit", [&](const json& b) { return s.post(kApps, b); }},
      {"application_content", [&](const json& c) { return s.post(kApps, f.applicant.body(c)); }},
      {"bank_transfers", [&](const json& b) { return s.put(app + "/bank-transfers", b, f.token); }},
      {"payment_notification",
       [&](const json& b) {
         const std::string text = b.dump();
         return s.send_raw(
             "POST", "/api/v1/payments/notify", text, "application/json",
             {{"X-Gateway-Signature", server::hmac_sha256_b64url(gateway_key, text)}});
       }},
      {"reject",
       [&](const json& b) {
         return s.post(kAdmin + "/" + f.business_no + "/reject", b, s.operator_token());
       }},
      {"recover_encryption_key",
       [&](const json& b) {
         return s.post(kAdmin + "/" + f.business_no + "/recover-encryption-key", b,
                       s.operator_token());
       }},
  };
  const json content = f.applicant.content(s);
  const std::map<std::string_view, json> valid = {
      {"submit", f.applicant.body(f.applicant.content(s))},
      {"application_content", content},
      {"bank_transfers", transfers("200.00")},
      {"payment_notification", {{"payment_id", "P0"}, {"amount_fen", 1}, {"gateway_ref", "r"}}},
      {"reject", {{"reason", "资料不全"}}},
      {"recover_encryption_key", {{"serial", "0A1B"}}},
  };

  for (const protocol::RequestSchema* schema : protocol::request_schemas()) {
    CAPTURE(schema->name);
    REQUIRE(send.count(schema->name) == 1);
    for_each_wrong_body(*schema, valid.at(schema->name),
                        [&](const json& body, const std::string& field) {
                          CAPTURE(field);
                          check_names_field(send.at(schema->name)(body), field);
                          ++bodies_sent[schema->name];
                        });
  }
  CHECK(bodies_sent["application_content"] >= 19 * 4);
  CHECK(bodies_sent["bank_transfers"] >= 7 * 4);

  // None of it changed anything.
  auto status = s.get(app, f.token);
  CHECK(status.body["state"]["code"] == "entered");
  CHECK(status.body["payment_state"]["code"] == "unpaid");
  CHECK(status.body["bank_transfers"].empty());
}

TEST_CASE("decoding defects of issue 15 answer 4xx, never 500") {
  Fixture f;
  const ServerProcess& s = f.server;
  const std::string app = kApps + "/" + f.business_no;

  SUBCASE("a number out of range in a body") {
    for (const char* body :
         {"1e999", "{\"records\": 1e999}", "{\"records\": [{\"amount\": -1e999}]}"}) {
      auto r = s.send_raw("PUT", app + "/bank-transfers", body, "application/json",
                          {{"Authorization", "Bearer " + f.token}});
      CHECK(r.status == 400);
      CHECK(r.body["error"]["code"] == "malformed_json");
    }
  }

  SUBCASE("period_months beyond int is refused, not truncated") {
    json c = f.applicant.content(s);
    c["period_months"] = 4294967308ULL;  // 2^32 + 12
    auto r = s.post(kApps, f.applicant.body(c));
    CHECK(r.status == 400);
    CHECK(r.body["error"]["details"]["field"] == "period_months");
  }

  SUBCASE("an admin filter with an invalid UTF-8 byte is refused without echoing it") {
    auto r = s.send_raw("GET", "/api/v1/admin/applications?state=%FFpaid", "", "application/json",
                        {{"Authorization", "Bearer " + s.operator_token()}});
    CHECK(r.status == 400);
    CHECK(r.body["error"]["code"] == "bad_filter");
    CHECK(r.body["error"]["message"].get<std::string>().find("paid") == std::string::npos);
  }

  SUBCASE("a signing certificate with an invalid time is malformed, not a crash") {
    Applicant broken = Applicant::of(s);
    json c = broken.content(s);
    // The CSR first (it needs the good certificate's subject), then break notAfter's month.
    OpenSslKeySigner new_signer(broken.new_key.get());
    c["csr"] = to_base64(
        pki::build_csr(new_signer, x509::parse_certificate(broken.old_cert_der).subject.der));
    Bytes& der = broken.old_cert_der;
    int seen = 0;
    for (std::size_t i = 0; i + 15 < der.size(); ++i) {
      if (der[i] == 0x17 && der[i + 1] == 13 && ++seen == 2) {  // the second UTCTime: notAfter
        der[i + 2 + 2] = '1';
        der[i + 2 + 3] = '3';  // month 13
        break;
      }
    }
    REQUIRE(seen == 2);
    CHECK_THROWS_AS(x509::parse_certificate(der), x509::CertificateError);
    auto r = s.post(kApps, broken.body(c));
    CHECK(r.status == 400);
    CHECK(r.body["error"]["code"] == "malformed_signed_data");
  }

  SUBCASE("absurd transfer amounts are refused with 422 and cannot add up to paid") {
    // 92233720368547758.07 yuan is INT64_MAX fen: two of them used to wrap around to "paid".
    auto r = s.put(app + "/bank-transfers", transfers("92233720368547758.07", 2), f.token);
    CHECK(r.status == 422);
    CHECK(r.body["error"]["details"]["fields"][0]["field"] == "records[0].amount");
    CHECK(r.body["error"]["details"]["fields"][1]["field"] == "records[1].amount");
    r = s.put(app + "/bank-transfers", transfers("20000.01"),
              f.token);  // due 200.00; bound 20000.00
    CHECK(r.status == 422);
    CHECK(r.body["error"]["details"]["fields"][0]["reason"] == "amount.implausible");
    r = s.put(app + "/bank-transfers", transfers("20000.00"), f.token);
    CHECK(r.status == 200);
    r = s.put(app + "/bank-transfers", transfers("99999999999999999999"), f.token);
    CHECK(r.status == 422);
    CHECK(s.get(app, f.token).body["bank_transfers"][0]["amount_fen"] == 2000000);
  }
}
