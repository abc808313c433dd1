// Issue 17, operability: health checks, the Prometheus endpoint on its own admin listener, the
// JSON access log without personal data — on a real certrenew-server process.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "free_port.hpp"
#include "server_process.hpp"
#include "text_file.hpp"

using namespace certrenew::testing;
using nlohmann::json;

namespace {

std::string server_log(const ServerProcess& s) {
  return read_text_file(s.dir().parent_path() / "server.log");
}

}  // namespace

TEST_CASE("/healthz and /readyz answer on the service's port") {
  ServerProcess s;
  auto health = s.get("/healthz");
  CHECK(health.status == 200);
  CHECK(health.body["status"] == "up");
  auto ready = s.get("/readyz");
  CHECK(ready.status == 200);
  CHECK(ready.body["status"] == "ready");
  CHECK(ready.body["checks"]["database"] == true);
  CHECK(ready.body["checks"]["ca_key"] == true);
}

TEST_CASE("/metrics is served on the admin listener only, in Prometheus text") {
  ServerProcess s;
  const int admin = free_port();
  s.reconfigure(
      [admin](json& c) { c["metrics"]["listen"] = "127.0.0.1:" + std::to_string(admin); });
  CHECK(s.get("/api/v1/info").status == 200);
  CHECK(s.get("/api/v1/info").status == 200);
  CHECK(s.get("/api/v1/no-such-thing").status == 404);
  CHECK(s.get("/metrics").status == 404);  // not on the public port

  httplib::Client client("127.0.0.1", admin);
  auto scrape = client.Get("/metrics");
  REQUIRE(scrape);
  CHECK(scrape->status == 200);
  const std::string& text = scrape->body;
  CHECK_MESSAGE(text.find("certrenew_http_requests_total{listener=\"api\",route=\"/api/v1/"
                          "info\",method=\"GET\",status=\"200\"} 2") != std::string::npos,
                text);
  CHECK(text.find("route=\"unmatched\",method=\"GET\",status=\"404\"} ") != std::string::npos);
  CHECK(text.find("certrenew_http_request_duration_seconds_bucket{listener=\"api\",route=\"/api/"
                  "v1/info\",le=\"+Inf\"} 2") != std::string::npos);
  CHECK(text.find("# TYPE certrenew_http_request_duration_seconds histogram") != std::string::npos);
  CHECK(text.find("certrenew_http_open_connections ") != std::string::npos);
  auto ready = client.Get("/readyz");
  REQUIRE(ready);
  CHECK(ready->status == 200);
}

TEST_CASE("the access log is JSON lines with business numbers and addresses masked") {
  ServerProcess s;
  const std::string no = "01202612040000042";
  CHECK(s.get("/api/v1/applications/" + no, "not-a-token").status == 404);
  CHECK(s.get("/api/v1/info").status == 200);
  s.stop();  // flushes the log
  const std::string log = server_log(s);
  CHECK(log.find(no) == std::string::npos);
  CHECK(log.find("not-a-token") == std::string::npos);
  bool seen = false;
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line.front() != '{') continue;
    const json entry = json::parse(line, nullptr, false);
    REQUIRE_MESSAGE(entry.is_object(), line);
    if (entry["route"] != "/api/v1/applications/(\\d{17})") continue;
    seen = true;
    CHECK(entry["path"] == "/api/v1/applications/0120*************");
    CHECK(entry["status"] == 404);
    CHECK(entry["method"] == "GET");
    CHECK(entry["remote"] == "127.0.0.0");
    CHECK(entry["duration_ms"].is_number());
  }
  CHECK(seen);
}

TEST_CASE("a console answer without a type of its own carries the default Content-Type") {
  ServerProcess s;
  auto answer = s.client()->Get("/console");  // 308 to /console/, no body of its own
  REQUIRE(answer);
  CHECK(answer->status == 308);
  CHECK(answer->get_header_value("Location") == "/console/");
  REQUIRE(answer->has_header("Content-Type"));
  CHECK(answer->get_header_value("Content-Type") == "text/plain; charset=utf-8");
}
