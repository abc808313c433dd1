#pragma once
// Reaching the renewal service step by step, so a failure says which step failed: name
// resolution, TCP connect, TLS handshake against the configured trust, the service's API version,
// the clock offset between this machine and the service, and the proxy settings in effect.
// probe_service() measures (one GET /api/v1/info through libcurl, verified exactly like the
// service client); service_checks() judges the measurement, so the judging is testable alone.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "certrenew/client/diagnostics/report.hpp"

namespace certrenew::client::diagnostics {

// The service API version this client speaks (docs/protocol.md).
inline constexpr int kSupportedApiVersion = 1;
// Clock offsets up to this are normal; above it the clock line turns amber, and red above the
// service's max_clock_skew_seconds (600 when the service does not say).
inline constexpr std::chrono::seconds kClockOffsetNotice{60};
inline constexpr std::chrono::seconds kDefaultMaxClockSkew{600};

// Why the service's certificate did not verify, sorted by what fixes it.
enum class TlsProblem {
  none,
  unknown_ca,      // not issued by a CA in the trust file (wrong trust file, intercepting proxy)
  name_mismatch,   // issued for another host name (wrong URL)
  expired,         // the service's certificate (or its chain) has expired, or this clock is ahead
  not_yet_valid,   // not valid yet: usually this machine's clock is behind
  revoked,         // the certificate was revoked
  handshake,       // the TLS handshake failed before any verification (protocol, cipher)
  bad_trust_file,  // the configured trust file cannot be read as PEM certificates
  other,           // another verification error (see the OpenSSL code)
};
std::string_view code(TlsProblem problem);
// Sorts an OpenSSL X509_V_ERR_* code (CURLINFO_SSL_VERIFYRESULT) after a failed verification into
// a TlsProblem. 0 (X509_V_OK) or 1 (libcurl's initial "not OK") mean the chain verified and
// libcurl's own host name check failed: name_mismatch.
TlsProblem classify_verify_result(long x509_verify_result);

// One proxy variable as libcurl reads it (value with credentials removed).
struct ProxyVariable {
  std::string name;  // "https_proxy", "NO_PROXY", ...
  std::string value;
};

struct ProxySettings {
  std::vector<ProxyVariable> variables;  // every proxy variable that is set
  std::string in_effect;                 // the proxy the service URL goes through; empty: direct
  std::string in_effect_from;            // the variable it came from
  bool bypassed_by_no_proxy = false;     // a proxy is set but no_proxy exempts the service's host
};

// Reads the proxy variables that libcurl honours for an https URL to `host`. `getenv` is a
// parameter so tests need not change the process environment.
ProxySettings proxy_settings_for(const std::string& host,
                                 const std::function<const char*(const char*)>& getenv);

struct ServiceTarget {
  std::string base_url;              // https://host:port[/prefix], as configured
  std::filesystem::path trust_file;  // empty: the system's trust store
  std::chrono::seconds connect_timeout{10};
  std::chrono::seconds request_timeout{20};
};

// What one probe found. Times are wall-clock durations from the start of the request.
struct ServiceProbe {
  std::string url;  // the /api/v1/info URL probed
  std::string host;
  long port = 0;
  ProxySettings proxy;
  std::filesystem::path trust_file;

  enum class Stage { done, bad_url, trust_file, dns, connect, tls, http, protocol, timeout };
  Stage failed_at = Stage::done;  // the first stage that failed, or done
  std::string error;              // libcurl's message for the failure (names no secret)

  std::optional<double> dns_seconds;      // CURLINFO_NAMELOOKUP_TIME
  std::optional<double> connect_seconds;  // CURLINFO_CONNECT_TIME
  std::optional<double> tls_seconds;      // CURLINFO_APPCONNECT_TIME
  std::optional<double> total_seconds;
  std::string address;  // the IP address connected to

  long tls_verify_result = 0;  // X509_V_ERR_* (CURLINFO_SSL_VERIFYRESULT)
  TlsProblem tls_problem = TlsProblem::none;

  long http_status = 0;
  nlohmann::json info;  // the parsed /api/v1/info answer (null unless it was a JSON object)

  // server_time minus this machine's time when the service answered; positive: this clock is
  // behind. Only when info carried a readable server_time.
  std::optional<std::chrono::seconds> clock_offset;
};

// Never throws for network trouble: every failure is recorded in the probe. `getenv` as above
// (std::getenv when empty).
ServiceProbe probe_service(const ServiceTarget& target,
                           const std::function<const char*(const char*)>& getenv = {});

// The service lines of the report (area service): dns, connect, tls, api, clock, proxy. Steps after
// the one that failed are left out, since they could not be tried.
std::vector<Check> service_checks(const ServiceProbe& probe);

}  // namespace certrenew::client::diagnostics
