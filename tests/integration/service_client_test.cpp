// The client library's service client (libcurl) against a real certrenew-server over TLS.
#include <doctest/doctest.h>

#include "applicant.hpp"
#include "certrenew/client/service/service_client.hpp"

using namespace certrenew;
using namespace certrenew::client;
using namespace certrenew::testing;
using nlohmann::json;

namespace {

ServiceClient client_for(const ServerProcess& s) {
  return ServiceClient(
      {s.base_url(), s.tls_root(), std::chrono::seconds(5), std::chrono::seconds(20), 1});
}

ServiceError::Kind kind_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const ServiceError& e) {
    return e.kind();
  }
  FAIL("no ServiceError was thrown");
  return ServiceError::Kind::protocol;
}

}  // namespace

TEST_CASE("the service client walks an application through the API") {
  ServerProcess s;
  ServiceClient c = client_for(s);
  CHECK(c.info().api_version == 1);
  CHECK(c.fees().periods.size() == 3);
  CHECK(c.agreement("en").language == "en");

  Applicant a = Applicant::of(s);
  Bytes signed_app = a.sign(a.content(s));
  SubmitAnswer first = c.submit(signed_app);
  SubmitAnswer again = c.submit(signed_app);  // what a retry after a lost answer does
  const std::string no = first.application.business_no;
  const std::string cap = first.capability_token;
  CHECK(again.application.business_no == no);
  CHECK(again.capability_token == cap);
  CHECK(c.status(no, cap).state == protocol::BusinessState::entered);

  const std::vector<BankTransferRecord> records = {
      {"6222 0202 0000 1234 567", "广州某某贸易有限公司", "200.00", iso_now().substr(0, 10), ""}};
  ApplicationView saved = c.save_bank_transfers(no, cap, records);
  CHECK(saved.payment_state == protocol::PaymentState::confirming);
  CHECK(saved.bank_transfers.at(0).amount.to_string() == "200.00");
  REQUIRE(s.admin_action(no, "confirm-payment").status == 200);
  REQUIRE(s.admin_action(no, "approve").status == 200);
  CertificateDownload cert = c.certificate(no, cap);
  CHECK_FALSE(cert.certificate.empty());
  CHECK(cert.chain.size() == 1);
  CHECK(c.confirm_installed(no, cap).state == protocol::BusinessState::completed);
  CHECK(c.confirm_installed(no, cap).state == protocol::BusinessState::completed);  // repeatable
}

TEST_CASE("service errors arrive sorted by what the user can do about them") {
  ServerProcess s;
  ServiceClient c = client_for(s);

  SUBCASE("the service's own refusals keep their code and both languages") {
    try {
      c.status("01209901010000001", "no-such-token");
      FAIL("no error");
    } catch (const ServiceError& e) {
      CHECK(e.kind() == ServiceError::Kind::http);
      CHECK(e.http_status() == 404);
      CHECK(e.code() == "not_found");
      CHECK_FALSE(e.message_zh().empty());
    }
    Applicant a = Applicant::of(s);
    json content = a.content(s);
    content["operator"]["mobile"] = "12345";
    try {
      c.submit(a.sign(content));
      FAIL("no error");
    } catch (const ServiceError& e) {
      CHECK(e.http_status() == 422);
      CHECK(e.details()["fields"][0]["field"] == "operator.mobile");
    }
  }

  SUBCASE("a service whose certificate does not chain to the configured trust is refused") {
    ServerProcess other;
    ServiceClient wrong_trust(
        {s.base_url(), other.tls_root(), std::chrono::seconds(5), std::chrono::seconds(10), 2});
    CHECK(kind_of([&] { wrong_trust.info(); }) == ServiceError::Kind::tls);
  }

  SUBCASE("nothing listening") {
    std::string url = s.base_url();
    s.stop();
    ServiceClient down({url, s.tls_root(), std::chrono::seconds(2), std::chrono::seconds(5), 1});
    CHECK(kind_of([&] { down.info(); }) == ServiceError::Kind::connect);
  }

  SUBCASE("bad endpoints are refused before anything is sent") {
    CHECK(kind_of([&] {
            ServiceClient({"http://127.0.0.1:1", s.tls_root()});
          }) == ServiceError::Kind::bad_endpoint);
    CHECK(kind_of([&] {
            ServiceClient({s.base_url(), s.dir() / "missing.pem"});
          }) == ServiceError::Kind::bad_endpoint);
  }
}
