// Issue 17 (ops): the metrics the database gives — applications by state, read at each scrape,
// and the database errors the storage layer met — on a real certrenew-server process, on SQLite
// and on a throwaway PostgreSQL.
#include <doctest/doctest.h>

#include <string>

#include "applicant.hpp"
#include "free_port.hpp"
#include "postgres_cluster.hpp"
#include "server_process.hpp"
#include "skip_without_postgres.hpp"

using namespace certrenew::testing;
using nlohmann::json;

namespace {

// The value of one series (`name{labels}`) in a scrape, or -1 when it is absent.
double series_value(const std::string& text, const std::string& series) {
  const std::string line_start = "\n" + series + " ";
  const auto at = text.find(line_start);
  if (at == std::string::npos) return -1;
  return std::stod(text.substr(at + line_start.size()));
}

std::string scrape(int admin_port) {
  httplib::Client client("127.0.0.1", admin_port);
  auto answer = client.Get("/metrics");
  REQUIRE(answer);
  REQUIRE(answer->status == 200);
  return answer->body;
}

double applications(const std::string& text, const std::string& state) {
  return series_value(text, "certrenew_applications{state=\"" + state + "\"}");
}

void applications_by_state_follow_the_database(ServerProcess& s) {
  const int admin = free_port();
  s.reconfigure(
      [admin](json& c) { c["metrics"]["listen"] = "127.0.0.1:" + std::to_string(admin); });

  std::string text = scrape(admin);
  for (const char* state :
       {"entered", "under_review", "approved", "rejected", "completed", "cancelled"})
    CHECK_MESSAGE(applications(text, state) == 0, state);  // every state, none yet
  CHECK(series_value(text, "certrenew_database_up") == 1);
  for (const char* kind : {"conflict", "serialization", "connection", "other"})
    CHECK(series_value(text,
                       std::string("certrenew_database_errors_total{kind=\"") + kind + "\"}") == 0);

  Applicant x = Applicant::of(s), y = Applicant::of(s);
  auto first = s.post(kApps, x.body(x.content(s)));
  REQUIRE_MESSAGE(first.status == 201, first.body.dump());
  auto second = s.post(kApps, y.body(y.content(s)));
  REQUIRE_MESSAGE(second.status == 201, second.body.dump());
  text = scrape(admin);
  CHECK(applications(text, "entered") == 2);
  CHECK(applications(text, "cancelled") == 0);

  const std::string no = first.body["application"]["business_no"];
  auto cancelled = s.post(kApps + "/" + no + "/cancel", json::object(),
                          first.body["capability_token"].get<std::string>());
  REQUIRE_MESSAGE(cancelled.status == 200, cancelled.body.dump());
  // A refused request (a second application for y's certificate: 409) is no database error.
  CHECK(s.post(kApps, y.body(y.content(s))).status == 409);
  text = scrape(admin);
  CHECK(applications(text, "entered") == 1);
  CHECK(applications(text, "cancelled") == 1);
  CHECK(series_value(text, "certrenew_database_errors_total{kind=\"conflict\"}") == 0);
  CHECK(series_value(text, "certrenew_database_errors_total{kind=\"other\"}") == 0);
}

}  // namespace

TEST_CASE("/metrics counts applications by state from the database: SQLite") {
  ServerProcess s;
  applications_by_state_follow_the_database(s);
}

TEST_CASE("/metrics counts applications by state from the database: PostgreSQL") {
  if (skip_without_postgres()) return;
  PostgresCluster cluster;
  ServerProcess s({.database = cluster.create_database("metrics")});
  applications_by_state_follow_the_database(s);
}
