// Judging service probes: which line turns red or amber, and what it says. The probes are built
// by hand here; tests/integration/diagnostics makes real ones against a real server.
#include <doctest/doctest.h>
#include <openssl/x509_vfy.h>

#include <map>

#include "certrenew/client/diagnostics/service_checks.hpp"

using namespace certrenew::client::diagnostics;
using nlohmann::json;

namespace {

ServiceProbe healthy() {
  ServiceProbe p;
  p.url = "https://renew.example.cn:8443/api/v1/info";
  p.host = "renew.example.cn";
  p.port = 8443;
  p.trust_file = "/etc/certrenew/ca.pem";
  p.dns_seconds = 0.004;
  p.connect_seconds = 0.010;
  p.tls_seconds = 0.030;
  p.address = "192.0.2.7";
  p.http_status = 200;
  p.info = {
      {"api_version", 1}, {"server_time", "2026-11-24T02:00:00Z"}, {"max_clock_skew_seconds", 600}};
  p.clock_offset = std::chrono::seconds(2);
  return p;
}

std::vector<std::string> ids(const std::vector<Check>& checks) {
  std::vector<std::string> out;
  for (const Check& c : checks) out.push_back(c.id);
  return out;
}

const Check& find(const std::vector<Check>& checks, const std::string& id) {
  for (const Check& c : checks)
    if (c.id == id) return c;
  FAIL("no check " << id);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("a healthy service is green on every line") {
  const auto checks = service_checks(healthy());
  CHECK(ids(checks) == std::vector<std::string>{"service.dns", "service.connect", "service.tls",
                                                "service.api", "service.clock", "service.proxy"});
  for (const Check& c : checks) {
    CHECK(c.area == Area::service);
    CHECK_MESSAGE(c.status == Status::green, c.id << ": " << c.sentence.en);
    CHECK_FALSE(c.sentence.en.empty());
    CHECK_FALSE(c.sentence.zh.empty());
  }
}

TEST_CASE("steps after the failed one are left out") {
  ServiceProbe p = healthy();
  p.failed_at = ServiceProbe::Stage::dns;
  p.error = "Could not resolve host: renew.example.cn";
  auto checks = service_checks(p);
  CHECK(ids(checks) == std::vector<std::string>{"service.dns", "service.proxy"});
  CHECK(find(checks, "service.dns").status == Status::red);
  CHECK(find(checks, "service.dns").sentence.en.find("nslookup renew.example.cn") !=
        std::string::npos);

  p = healthy();
  p.failed_at = ServiceProbe::Stage::connect;
  p.error = "Failed to connect to renew.example.cn port 8443: Connection refused";
  checks = service_checks(p);
  CHECK(ids(checks) == std::vector<std::string>{"service.dns", "service.connect", "service.proxy"});
  CHECK(find(checks, "service.connect").status == Status::red);
  CHECK(find(checks, "service.connect").sentence.en.find("connection refused") !=
        std::string::npos);

  p = healthy();
  p.failed_at = ServiceProbe::Stage::http;
  p.http_status = 404;
  checks = service_checks(p);
  CHECK(find(checks, "service.api").status == Status::red);
  CHECK(find(checks, "service.api").sentence.en.find("HTTP 404") != std::string::npos);
  const auto names = ids(checks);
  CHECK(std::count(names.begin(), names.end(), "service.clock") == 0);
}

TEST_CASE("TLS verification errors are sorted by what fixes them") {
  CHECK(classify_verify_result(X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN) == TlsProblem::unknown_ca);
  CHECK(classify_verify_result(X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY) ==
        TlsProblem::unknown_ca);
  CHECK(classify_verify_result(X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT) == TlsProblem::unknown_ca);
  CHECK(classify_verify_result(X509_V_ERR_CERT_HAS_EXPIRED) == TlsProblem::expired);
  CHECK(classify_verify_result(X509_V_ERR_CERT_NOT_YET_VALID) == TlsProblem::not_yet_valid);
  CHECK(classify_verify_result(X509_V_ERR_HOSTNAME_MISMATCH) == TlsProblem::name_mismatch);
  // libcurl's own host name check leaves OK or its initial "not OK" (1).
  CHECK(classify_verify_result(X509_V_OK) == TlsProblem::name_mismatch);
  CHECK(classify_verify_result(X509_V_ERR_UNSPECIFIED) == TlsProblem::name_mismatch);
  CHECK(classify_verify_result(X509_V_ERR_CERT_REVOKED) == TlsProblem::revoked);
  CHECK(classify_verify_result(X509_V_ERR_CERT_SIGNATURE_FAILURE) == TlsProblem::other);

  const std::map<TlsProblem, std::string> expected{
      {TlsProblem::unknown_ca, "unknown CA"},
      {TlsProblem::name_mismatch, "name mismatch"},
      {TlsProblem::expired, "has expired"},
      {TlsProblem::not_yet_valid, "clock is probably behind"},
      {TlsProblem::bad_trust_file, "trust file"},
  };
  for (const auto& [problem, words] : expected) {
    ServiceProbe p = healthy();
    p.failed_at = ServiceProbe::Stage::tls;
    p.tls_problem = problem;
    const Check tls = find(service_checks(p), "service.tls");
    CHECK(tls.status == Status::red);
    CHECK_MESSAGE(tls.sentence.en.find(words) != std::string::npos, tls.sentence.en);
    CHECK(tls.details["problem"] == std::string(code(problem)));
  }
}

TEST_CASE("the clock line is green within a minute, amber up to the service's limit, red beyond") {
  ServiceProbe p = healthy();
  p.clock_offset = std::chrono::seconds(-59);
  CHECK(find(service_checks(p), "service.clock").status == Status::green);
  p.clock_offset = std::chrono::seconds(61);
  const Check amber = find(service_checks(p), "service.clock");
  CHECK(amber.status == Status::amber);
  CHECK(amber.sentence.en.find("1 min 1 s behind") != std::string::npos);
  CHECK(amber.sentence.en.find("beyond 10 min the service refuses") != std::string::npos);
  CHECK(amber.sentence.zh.find("本机时钟比服务器慢 1 分钟 1 秒。") != std::string::npos);
  CHECK(amber.sentence.zh.find("相差超过 10 分钟 时") != std::string::npos);
  p.clock_offset = std::chrono::seconds(-600);
  CHECK(find(service_checks(p), "service.clock").status == Status::amber);
  p.clock_offset = std::chrono::seconds(3600);
  const Check red = find(service_checks(p), "service.clock");
  CHECK(red.status == Status::red);
  CHECK(red.details["offset_seconds"] == 3600);
  CHECK(red.sentence.en.find("1 h behind the service's") != std::string::npos);
  CHECK(red.sentence.zh.find("本机时钟比服务器慢 1 小时，") != std::string::npos);
  CHECK(red.sentence.zh.find("比服务器慢 1 小时") != std::string::npos);
  // Without the service's limit the default (600 s) applies.
  p.info.erase("max_clock_skew_seconds");
  p.clock_offset = std::chrono::seconds(-601);
  const Check ahead = find(service_checks(p), "service.clock");
  CHECK(ahead.status == Status::red);
  CHECK(ahead.sentence.en.find("ahead of") != std::string::npos);
  p.clock_offset.reset();
  CHECK(find(service_checks(p), "service.clock").status == Status::amber);
}

TEST_CASE("a service speaking another API version is red") {
  ServiceProbe p = healthy();
  p.info["api_version"] = 2;
  const Check api = find(service_checks(p), "service.api");
  CHECK(api.status == Status::red);
  CHECK(api.details["api_version"] == 2);
}

TEST_CASE("proxy variables are read as libcurl reads them, without credentials") {
  std::map<std::string, std::string> env{{"https_proxy", "http://bob:hunter22@proxy.corp:3128"},
                                         {"http_proxy", "http://plain.corp:80"},
                                         {"no_proxy", "localhost, .internal.cn"}};
  const auto getenv = [&](const char* name) -> const char* {
    const auto it = env.find(name);
    return it == env.end() ? nullptr : it->second.c_str();
  };
  ProxySettings s = proxy_settings_for("renew.example.cn", getenv);
  CHECK(s.in_effect == "http://[removed]@proxy.corp:3128");
  CHECK(s.in_effect_from == "https_proxy");
  for (const ProxyVariable& v : s.variables) CHECK(v.value.find("hunter22") == std::string::npos);

  s = proxy_settings_for("renew.internal.cn", getenv);
  CHECK(s.in_effect.empty());
  CHECK(s.bypassed_by_no_proxy);

  env = {{"http_proxy", "http://plain.corp:80"}};  // does not apply to https
  s = proxy_settings_for("renew.example.cn", getenv);
  CHECK(s.in_effect.empty());
  CHECK(s.variables.size() == 1);

  env = {{"ALL_PROXY", "socks5://proxy.corp:1080"}};
  ServiceProbe p = healthy();
  p.proxy = proxy_settings_for(p.host, getenv);
  CHECK(p.proxy.in_effect_from == "ALL_PROXY");
  CHECK(find(service_checks(p), "service.proxy").status == Status::green);
  p.failed_at = ServiceProbe::Stage::connect;
  p.error = "Failed to connect";
  const auto failed = service_checks(p);
  CHECK(find(failed, "service.proxy").status == Status::amber);
  CHECK(find(failed, "service.connect").sentence.en.find("socks5://proxy.corp:1080") !=
        std::string::npos);
}
