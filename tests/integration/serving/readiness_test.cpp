// Issue 17 (ops): /readyz takes an instance out of a load balancer's rotation while its database
// is down, and puts it back when the database returns; /healthz (the process is up) stays 200.
// PostgreSQL is really stopped under a running certrenew-server.
#include <doctest/doctest.h>

#include <string>

#include "free_port.hpp"
#include "not_ready.hpp"
#include "postgres_cluster.hpp"
#include "server_process.hpp"
#include "skip_without_postgres.hpp"

using namespace certrenew::testing;
using nlohmann::json;

TEST_CASE("/readyz: 503 naming the database while PostgreSQL is down, 200 again when it is back") {
  if (skip_without_postgres()) return;
  PostgresCluster cluster;
  ServerProcess s({.database = cluster.create_database("readiness")});
  const int admin = free_port();
  s.reconfigure(
      [admin](json& c) { c["metrics"]["listen"] = "127.0.0.1:" + std::to_string(admin); });
  httplib::Client admin_client("127.0.0.1", admin);
  REQUIRE(s.get("/api/v1/info").status == 200);  // a pooled connection to the database is open
  auto ready = s.get("/readyz");
  CHECK(ready.status == 200);
  CHECK_FALSE(ready.body.contains("reasons"));

  cluster.pause();
  for (int probe = 0; probe < 2; ++probe) {  // the pooled connection fails, then connecting does
    check_not_ready(s.get("/readyz"), "database", "ca_key", "database_unreachable");
  }
  auto health = s.get("/healthz");
  CHECK(health.status == 200);
  CHECK(health.body["status"] == "up");
  auto admin_ready = admin_client.Get("/readyz");  // the admin listener says the same
  REQUIRE(admin_ready);
  CHECK(admin_ready->status == 503);
  auto scrape = admin_client.Get("/metrics");
  REQUIRE(scrape);
  CHECK(scrape->status == 200);
  CHECK(scrape->body.find("\ncertrenew_database_up 0\n") != std::string::npos);
  CHECK(scrape->body.find("\ncertrenew_applications{") == std::string::npos);
  CHECK(scrape->body.find("certrenew_database_errors_total{kind=\"connection\"} 0\n") ==
        std::string::npos);

  cluster.resume();
  ready = s.get("/readyz");
  CHECK(ready.status == 200);
  CHECK(ready.body["status"] == "ready");
  CHECK(ready.body["checks"]["database"] == true);
  scrape = admin_client.Get("/metrics");
  REQUIRE(scrape);
  CHECK(scrape->body.find("\ncertrenew_database_up 1\n") != std::string::npos);
}
