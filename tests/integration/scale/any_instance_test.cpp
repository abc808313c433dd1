// Issue 17: two certrenew-server processes on one PostgreSQL are one service. Whatever instance
// a load balancer picks answers the same: a capability token made on one works on the other,
// operators act on either, a gateway's notification may land on either, the same signed request
// sent to both is one application, and a second application for a certificate is refused by the
// other instance too.
#include <doctest/doctest.h>

#include <fstream>

#include "application_steps.hpp"
#include "certrenew/core/bytes.hpp"
#include "postgres_cluster.hpp"
#include "service/digest.hpp"
#include "skip_without_postgres.hpp"

using namespace certrenew;
using namespace certrenew::testing;
using nlohmann::json;

TEST_CASE("two instances on one PostgreSQL: any instance answers any request") {
  if (skip_without_postgres()) return;
  PostgresCluster cluster;
  ServerProcess a({.demo = true, .database = cluster.create_database("any_instance")});
  auto b = a.another_instance();
  REQUIRE(a.port() != b->port());

  // Submitted on A; the same signed request again on B is the same application.
  Applicant x = Applicant::of(a);
  const json body = x.body(x.content(a));
  auto created = a.post(kApps, body);
  REQUIRE_MESSAGE(created.status == 201, created.body.dump());
  const std::string no = created.body["application"]["business_no"];
  const std::string token = created.body["capability_token"];
  auto again = b->post(kApps, body);
  CHECK(again.status == 200);
  CHECK(again.body["application"]["business_no"] == no);
  CHECK(again.body["capability_token"] == token);

  // Another application for the same certificate, on B: 409 naming A's.
  auto second = b->post(kApps, x.body(x.content(*b)));
  CHECK(second.status == 409);
  CHECK(second.body["error"]["code"] == "application_open");
  CHECK(second.body["error"]["details"]["business_no"] == no);

  // The capability token made on A works on B; a wrong one is refused on both.
  auto status = b->get(kApps + "/" + no, token);
  REQUIRE_MESSAGE(status.status == 200, status.body.dump());
  CHECK(status.body["business_no"] == no);
  CHECK(b->get(kApps + "/" + no, token + "x").status == 404);
  CHECK(a.get(kApps + "/" + no, "forged").status == 404);

  // The whole renewal, each step on the other instance than the last.
  CHECK(b->put(kApps + "/" + no + "/bank-transfers", bank_transfer(), token).status == 200);
  auto confirmed = a.post(kAdmin + "/" + no + "/confirm-payment", nullptr, a.operator_token());
  CHECK_MESSAGE(confirmed.status == 200, confirmed.body.dump());
  auto approved = b->post(kAdmin + "/" + no + "/approve", nullptr, a.operator_token());
  CHECK_MESSAGE(approved.status == 200, approved.body.dump());
  CHECK(a.get(kApps + "/" + no + "/certificate", token).status == 200);
  auto done = b->post(kApps + "/" + no + "/installed", nullptr, token);
  CHECK(done.body["state"]["code"] == "completed");
  auto shown = a.get(kAdmin + "/" + no, a.operator_token());
  CHECK(shown.body["state"]["code"] == "completed");

  // An online payment started on B; the gateway's signed notification arrives at A.
  Applicant y = Applicant::of(a);
  auto other = b->post(kApps, y.body(y.content(*b)));
  REQUIRE_MESSAGE(other.status == 201, other.body.dump());
  const std::string other_no = other.body["application"]["business_no"];
  const std::string other_token = other.body["capability_token"];
  CHECK(other_no != no);
  auto started = b->post(kApps + "/" + other_no + "/online-payments", nullptr, other_token);
  REQUIRE_MESSAGE(started.status == 201, started.body.dump());
  std::string key_hex;
  std::ifstream(a.dir() / "secrets" / "gateway.key") >> key_hex;
  const std::string notification = json{
      {"payment_id", started.body["payment_id"]},
      {"amount_fen", 20000},
      {"gateway_ref",
       "SBX-any-instance"}}.dump();
  auto notified = a.send_raw(
      "POST", "/api/v1/payments/notify", notification, "application/json",
      {{"X-Gateway-Signature", server::hmac_sha256_b64url(from_hex(key_hex), notification)}});
  CHECK_MESSAGE(notified.status == 200, notified.body.dump());
  CHECK(b->get(kApps + "/" + other_no, other_token).body["payment_state"]["code"] == "paid");
}
