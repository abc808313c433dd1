// The service lines of the diagnosis against real servers: a healthy certrenew-server, one that
// is down, one whose TLS certificate the configured trust does not know, one whose clock is off
// (serve --clock-offset-seconds), and in-process stubs with an expired or misnamed certificate.
#include <doctest/doctest.h>

#include <fstream>

#include "applicant.hpp"
#include "certrenew/client/diagnostics/service_checks.hpp"
#include "server_process.hpp"
#include "test_pki.hpp"
#include "tls_stub.hpp"

using namespace certrenew;
using namespace certrenew::client::diagnostics;
using namespace certrenew::testing;

namespace {

ServiceTarget target_for(const std::string& url, const std::filesystem::path& trust) {
  return {url, trust, std::chrono::seconds(5), std::chrono::seconds(20)};
}

// The probe as the diagnosis runs it, but with no proxy from the test machine's environment.
ServiceProbe probe(const ServiceTarget& target) {
  return probe_service(target, [](const char*) -> const char* { return nullptr; });
}

const Check& line(const std::vector<Check>& checks, const std::string& id) {
  for (const Check& c : checks)
    if (c.id == id) return c;
  FAIL("no line " << id);
  throw std::logic_error("unreachable");
}

bool has_line(const std::vector<Check>& checks, const std::string& id) {
  for (const Check& c : checks)
    if (c.id == id) return true;
  return false;
}

}  // namespace

TEST_CASE("a healthy service is green from name resolution to the clock") {
  ServerProcess server;
  const ServiceProbe p = probe(target_for(server.base_url(), server.tls_root()));
  CHECK(p.failed_at == ServiceProbe::Stage::done);
  CHECK(p.http_status == 200);
  CHECK(p.address == "127.0.0.1");
  CHECK(p.connect_seconds.has_value());
  CHECK(p.tls_seconds.has_value());
  REQUIRE(p.clock_offset.has_value());
  CHECK(std::abs(p.clock_offset->count()) <= 5);  // same machine, same clock
  const auto checks = service_checks(p);
  for (const Check& c : checks)
    CHECK_MESSAGE(c.status == Status::green, c.id << ": " << c.sentence.en);
  CHECK(line(checks, "service.api").details["api_version"] == 1);
  CHECK(line(checks, "service.clock").details["max_clock_skew_seconds"] == 600);
}

TEST_CASE("a service that is down is a red connect line that says so") {
  int port = 0;
  {
    ServerProcess server;
    port = server.port();
  }  // stopped: nothing listens on that port any more
  const std::string url = "https://127.0.0.1:" + std::to_string(port);
  TempDir dir;
  const ServiceProbe p = probe(target_for(url, write_unrelated_ca(dir.path())));
  CHECK(p.failed_at == ServiceProbe::Stage::connect);
  const auto checks = service_checks(p);
  CHECK(line(checks, "service.dns").status == Status::green);
  const Check& connect = line(checks, "service.connect");
  CHECK(connect.status == Status::red);
  CHECK(connect.sentence.en.find("Cannot connect to 127.0.0.1:" + std::to_string(port)) !=
        std::string::npos);
  CHECK(connect.sentence.en.find("connection refused") != std::string::npos);
  CHECK(connect.sentence.zh.find("连接被拒绝") != std::string::npos);
  CHECK_FALSE(has_line(checks, "service.tls"));
  CHECK_FALSE(has_line(checks, "service.clock"));
}

TEST_CASE("a certificate from a CA the trust file does not hold is a red unknown-CA line") {
  ServerProcess server;
  TempDir dir;
  const ServiceProbe p = probe(target_for(server.base_url(), write_unrelated_ca(dir.path())));
  CHECK(p.failed_at == ServiceProbe::Stage::tls);
  CHECK(p.tls_problem == TlsProblem::unknown_ca);
  CHECK(p.tls_verify_result != 0);
  const auto checks = service_checks(p);
  CHECK(line(checks, "service.connect").status == Status::green);
  const Check& tls = line(checks, "service.tls");
  CHECK(tls.status == Status::red);
  CHECK(tls.details["problem"] == "unknown_ca");
  CHECK(tls.sentence.en.find("unknown CA") != std::string::npos);
  CHECK(tls.sentence.zh.find("未知 CA") != std::string::npos);
  CHECK_FALSE(has_line(checks, "service.api"));
}

TEST_CASE("a missing trust file is named before any connection is tried") {
  ServerProcess server;
  const ServiceProbe p = probe(target_for(server.base_url(), "/nonexistent/ca.pem"));
  CHECK(p.failed_at == ServiceProbe::Stage::trust_file);
  const auto checks = service_checks(p);
  CHECK_FALSE(has_line(checks, "service.connect"));
  CHECK(line(checks, "service.tls").details["problem"] == "bad_trust_file");

  TempDir dir;
  std::ofstream(dir.path() / "garbage.pem") << "this is no certificate\n";
  const ServiceProbe garbage = probe(target_for(server.base_url(), dir.path() / "garbage.pem"));
  CHECK(garbage.tls_problem == TlsProblem::bad_trust_file);
  CHECK(line(service_checks(garbage), "service.tls").status == Status::red);
}

namespace {

// A probe of `stub` finds `problem`, and the TLS line is red and says `said`.
void check_tls_refused(const TlsStub& stub, TlsProblem problem, const std::string& said) {
  const ServiceProbe p = probe(target_for(stub.base_url(), stub.trust_file()));
  CHECK(p.tls_problem == problem);
  const Check tls = line(service_checks(p), "service.tls");
  CHECK(tls.status == Status::red);
  CHECK(tls.sentence.en.find(said) != std::string::npos);
}

}  // namespace

TEST_CASE("an expired service certificate and one for another name are told apart") {
  SUBCASE("expired") {
    TlsStub stub({{"IP:127.0.0.1"}, true, {}});
    check_tls_refused(stub, TlsProblem::expired, "has expired");
  }
  SUBCASE("name mismatch") {
    TlsStub stub({{"DNS:renew.example.cn"}, false, {}});
    check_tls_refused(stub, TlsProblem::name_mismatch, "name mismatch");
  }
  SUBCASE("the stub itself is fine when nothing is wrong with its certificate") {
    TlsStub stub({{"IP:127.0.0.1"}, false, {}});
    const ServiceProbe p = probe(target_for(stub.base_url(), stub.trust_file()));
    CHECK(p.failed_at == ServiceProbe::Stage::done);
    // Its fixed server_time (2020) is years away: red clock, and nothing else red.
    for (const Check& c : service_checks(p))
      CHECK((c.status == Status::green) != (c.id == "service.clock"));
  }
}

TEST_CASE("a service whose clock is off gives an amber or red clock line") {
  SUBCASE("an hour: beyond the service's 600 s, red") {
    ServerProcess::Options options;
    options.clock_offset_seconds = 3600;
    ServerProcess server(options);
    const ServiceProbe p = probe(target_for(server.base_url(), server.tls_root()));
    REQUIRE(p.clock_offset.has_value());
    CHECK(p.clock_offset->count() >= 3595);
    CHECK(p.clock_offset->count() <= 3605);
    const Check clock = line(service_checks(p), "service.clock");
    CHECK(clock.status == Status::red);
    CHECK(clock.sentence.en.find("behind the service's") != std::string::npos);
    CHECK(clock.sentence.en.find("Set the date, time and time zone") != std::string::npos);

    // Only the reported time moved: an application signed with the real time is still accepted.
    Applicant a = Applicant::of(server);
    CHECK(server.post("/api/v1/applications", a.body(a.content(server))).status == 201);
  }
  SUBCASE("five minutes ahead: amber") {
    ServerProcess::Options options;
    options.clock_offset_seconds = -300;
    ServerProcess server(options);
    const Check clock = line(
        service_checks(probe(target_for(server.base_url(), server.tls_root()))), "service.clock");
    CHECK(clock.status == Status::amber);
    CHECK(clock.sentence.en.find("ahead of the service's") != std::string::npos);
  }
}

TEST_CASE("the server refuses an absurd clock offset") {
  ServerProcess server;
  std::string output;
  const int rc =
      run_program({CERTRENEW_SERVER_BINARY, "serve", "--config", server.config_file().string(),
                   "--listen", "127.0.0.1:0", "--clock-offset-seconds", "999999999999"},
                  &output);
  CHECK(rc != 0);
  CHECK(output.find("--clock-offset-seconds") != std::string::npos);
}
