// Judging a service probe: one line per step, each with a sentence a support engineer can act on.
#include "certrenew/client/diagnostics/service_checks.hpp"

#include <fmt/format.h>
#include <openssl/x509_vfy.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <tuple>
#include <utility>

#include "certrenew/core/lookup_table.hpp"
#include "diagnostics/wording.hpp"

namespace certrenew::client::diagnostics {

namespace {

using nlohmann::json;

// A check of the service titled by the catalogue's "<id>.title".
Check service_check(std::string id, Status status, Text sentence, json details) {
  Text title = service_text(id + ".title");
  return {Area::service,    std::move(id),       status,
          std::move(title), std::move(sentence), std::move(details)};
}

json seconds_json(const std::optional<double>& s) {
  return s ? json(*s) : json(nullptr);
}

std::string endpoint(const ServiceProbe& p) {
  const bool ipv6 = p.host.find(':') != std::string::npos;
  return (ipv6 ? "[" + p.host + "]" : p.host) + ":" + std::to_string(p.port);
}

bool through_proxy(const ServiceProbe& p) {
  return !p.proxy.in_effect.empty();
}

// Appended to network failures when a proxy is in the way, since it is then the first suspect.
Text proxy_hint(const ServiceProbe& p) {
  if (!through_proxy(p)) return {};
  return service_text("proxy_hint", p.proxy.in_effect, p.proxy.in_effect_from);
}

Check dns_check(const ServiceProbe& p) {
  json details = {{"host", p.host}, {"seconds", seconds_json(p.dns_seconds)}};
  if (p.failed_at == ServiceProbe::Stage::dns) {
    details["error"] = p.error;
    if (through_proxy(p) && p.error.find("proxy") != std::string::npos) {
      return service_check(
          "service.dns", Status::red,
          service_text("service.dns.proxy_unresolved", p.proxy.in_effect_from, p.proxy.in_effect),
          details);
    }
    return service_check("service.dns", Status::red, service_text("service.dns.unresolved", p.host),
                         details);
  }
  if (through_proxy(p)) {
    return service_check("service.dns", Status::green, service_text("service.dns.by_proxy", p.host),
                         details);
  }
  return service_check(
      "service.dns", Status::green,
      service_text(p.address.empty() ? "service.dns.resolved" : "service.dns.resolved_to", p.host,
                   p.address, format_duration(p.dns_seconds)),
      details);
}

Check connect_check(const ServiceProbe& p) {
  json details = {{"host", p.host},
                  {"port", p.port},
                  {"address", p.address},
                  {"seconds", seconds_json(p.connect_seconds)}};
  if (p.failed_at == ServiceProbe::Stage::connect) {
    details["error"] = p.error;
    const bool timed_out = p.error.find("imed out") != std::string::npos ||
                           p.error.find("imeout") != std::string::npos;
    return service_check(
        "service.connect", Status::red,
        service_text(timed_out ? "service.connect.timed_out" : "service.connect.refused",
                     endpoint(p), p.port) +
            proxy_hint(p),
        details);
  }
  return service_check(
      "service.connect", Status::green,
      service_text("service.connect.ok", p.address.empty() ? endpoint(p) : p.address, p.port,
                   format_duration(p.connect_seconds)),
      details);
}

// A TLS finding: its {0} is the trust file (or the system's trust store, in each language), {1}
// OpenSSL's text, {2} the host (host:port for a handshake), {3} the error or OpenSSL's number,
// {4} how long it took.
Text tls_text(std::string_view id, const ServiceProbe& p, const std::string& verify_text,
              const std::string& host, const std::string& error) {
  return format_text_in_words(catalogues::diagnostics_service().at(id), [&](Language language) {
    const std::string trust =
        p.trust_file.empty()
            ? std::string(catalogues::diagnostics_service().in("trust_store", language))
            : p.trust_file.string();
    return std::tuple(trust, verify_text, host, error, format_duration(p.tls_seconds));
  });
}

Text tls_failure_sentence(const ServiceProbe& p, const std::string& verify_text) {
  const std::string number = std::to_string(p.tls_verify_result);
  switch (p.tls_problem) {
    case TlsProblem::unknown_ca:
      return tls_text("service.tls.unknown_ca", p, verify_text, p.host, number) + proxy_hint(p);
    case TlsProblem::name_mismatch:
    case TlsProblem::expired:
    case TlsProblem::not_yet_valid:
    case TlsProblem::revoked:
    case TlsProblem::bad_trust_file:
      return tls_text("service.tls." + std::string(code(p.tls_problem)), p, verify_text, p.host,
                      number);
    case TlsProblem::handshake:
      return tls_text("service.tls.handshake", p, verify_text, endpoint(p), p.error) +
             proxy_hint(p);
    case TlsProblem::other:
    case TlsProblem::none:
      break;
  }
  return tls_text("service.tls.other", p, verify_text, p.host, number);
}

Check tls_check(const ServiceProbe& p) {
  const std::string verify_text =
      X509_verify_cert_error_string(p.tls_verify_result);  // static string from OpenSSL
  json details = {{"trust_file", p.trust_file.string()},
                  {"problem", code(p.tls_problem)},
                  {"verify_result", p.tls_verify_result},
                  {"verify_text", verify_text},
                  {"seconds", seconds_json(p.tls_seconds)}};
  if (p.failed_at == ServiceProbe::Stage::tls || p.failed_at == ServiceProbe::Stage::trust_file) {
    details["error"] = p.error;
    return service_check("service.tls", Status::red, tls_failure_sentence(p, verify_text), details);
  }
  return service_check("service.tls", Status::green,
                       tls_text("service.tls.ok", p, verify_text, p.host, p.error), details);
}

Check api_check(const ServiceProbe& p) {
  json details = {{"url", p.url}, {"http_status", p.http_status}};
  if (p.failed_at == ServiceProbe::Stage::timeout) {
    details["error"] = p.error;
    return service_check("service.api", Status::red, service_text("service.api.timeout", p.url),
                         details);
  }
  if (p.failed_at == ServiceProbe::Stage::http) {
    return service_check("service.api", Status::red,
                         service_text("service.api.http", p.url, p.http_status), details);
  }
  if (p.failed_at == ServiceProbe::Stage::protocol) {
    details["error"] = p.error;
    return service_check("service.api", Status::red,
                         service_text("service.api.not_protocol", p.url, p.error), details);
  }
  const auto version = p.info.find("api_version");
  if (version == p.info.end() || !version->is_number_integer()) {
    return service_check("service.api", Status::red, service_text("service.api.no_version"),
                         details);
  }
  const int v = version->get<int>();
  details["api_version"] = v;
  details["supported_api_version"] = kSupportedApiVersion;
  if (v != kSupportedApiVersion) {
    return service_check("service.api", Status::red,
                         service_text("service.api.version_mismatch", v, kSupportedApiVersion),
                         details);
  }
  return service_check("service.api", Status::green, service_text("service.api.ok", v), details);
}

Check clock_check(const ServiceProbe& p) {
  json details = {{"server_time", p.info.value("server_time", json(nullptr))}};
  if (!p.clock_offset) {
    return service_check("service.clock", Status::amber, service_text("service.clock.unknown"),
                         details);
  }
  const long long offset = p.clock_offset->count();
  long long max_skew = kDefaultMaxClockSkew.count();
  if (const auto m = p.info.find("max_clock_skew_seconds");
      m != p.info.end() && m->is_number_integer() && m->get<long long>() > 0)
    max_skew = m->get<long long>();
  details["offset_seconds"] = offset;
  details["max_clock_skew_seconds"] = max_skew;
  const long long size = std::llabs(offset);
  // A positive offset: the service's clock is ahead, so this machine's is behind.
  const std::string_view direction = offset > 0 ? "clock.behind" : "clock.ahead";
  const char* finding = size <= kClockOffsetNotice.count() ? "service.clock.ok"
                        : size <= max_skew                 ? "service.clock.drifting"
                                                           : "service.clock.wrong";
  const Status status = size <= kClockOffsetNotice.count() ? Status::green
                        : size <= max_skew                 ? Status::amber
                                                           : Status::red;
  return service_check(
      "service.clock", status,
      format_text_in_words(
          catalogues::diagnostics_service().at(finding),
          [&](Language language) {
            // Within the notice, "within 1 s" rather than "within 0 s".
            const long long shown = status == Status::green ? std::max(size, 1LL) : size;
            return std::tuple(format_seconds(shown, language),
                              catalogues::diagnostics_service().in(direction, language),
                              format_seconds(max_skew, language));
          }),
      details);
}

Check proxy_check(const ServiceProbe& p) {
  json variables = json::object();
  for (const ProxyVariable& v : p.proxy.variables) variables[v.name] = v.value;
  json details = {{"variables", variables},
                  {"in_effect", p.proxy.in_effect},
                  {"from", p.proxy.in_effect_from},
                  {"bypassed_by_no_proxy", p.proxy.bypassed_by_no_proxy}};
  auto proxy_text = [&](std::string_view id) {
    return service_text(id, p.proxy.in_effect, p.proxy.in_effect_from, p.host);
  };
  if (p.proxy.bypassed_by_no_proxy) {
    return service_check("service.proxy", Status::green, proxy_text("service.proxy.bypassed"),
                         details);
  }
  if (!through_proxy(p)) {
    return service_check("service.proxy", Status::green, proxy_text("service.proxy.none"), details);
  }
  const bool network_failed = p.failed_at == ServiceProbe::Stage::dns ||
                              p.failed_at == ServiceProbe::Stage::connect ||
                              p.failed_at == ServiceProbe::Stage::tls;
  return service_check("service.proxy", network_failed ? Status::amber : Status::green,
                       proxy_text("service.proxy.used"), details);
}

}  // namespace

constexpr auto kTlsProblemCodes = std::to_array<std::pair<TlsProblem, std::string_view>>({
    {TlsProblem::none, "none"},
    {TlsProblem::unknown_ca, "unknown_ca"},
    {TlsProblem::name_mismatch, "name_mismatch"},
    {TlsProblem::expired, "expired"},
    {TlsProblem::not_yet_valid, "not_yet_valid"},
    {TlsProblem::revoked, "revoked"},
    {TlsProblem::handshake, "handshake"},
    {TlsProblem::bad_trust_file, "bad_trust_file"},
    {TlsProblem::other, "other"},
});

std::string_view code(TlsProblem problem) {
  return lookup(kTlsProblemCodes, problem).value_or("other");
}

TlsProblem classify_verify_result(long result) {
  switch (result) {
    // The chain verified and libcurl's own host name check refused it: libcurl then leaves the
    // result at OK, or at the "not OK" (1, X509_V_ERR_UNSPECIFIED) it starts from.
    case X509_V_OK:
    case X509_V_ERR_UNSPECIFIED:
    case X509_V_ERR_HOSTNAME_MISMATCH:
    case X509_V_ERR_IP_ADDRESS_MISMATCH:
      return TlsProblem::name_mismatch;
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    case X509_V_ERR_CERT_UNTRUSTED:
    case X509_V_ERR_INVALID_CA:
      return TlsProblem::unknown_ca;
    case X509_V_ERR_CERT_HAS_EXPIRED:
      return TlsProblem::expired;
    case X509_V_ERR_CERT_NOT_YET_VALID:
      return TlsProblem::not_yet_valid;
    case X509_V_ERR_CERT_REVOKED:
      return TlsProblem::revoked;
    default:
      return TlsProblem::other;
  }
}

std::vector<Check> service_checks(const ServiceProbe& p) {
  using Stage = ServiceProbe::Stage;
  std::vector<Check> checks;
  if (p.failed_at == Stage::bad_url) {
    checks.push_back(service_check("service.config", Status::red,
                                   service_text("service.config.bad_url", p.error),
                                   {{"url", p.url}}));
    return checks;
  }
  const bool tried_network = p.failed_at != Stage::trust_file;
  if (tried_network) {
    checks.push_back(dns_check(p));
    if (p.failed_at != Stage::dns) checks.push_back(connect_check(p));
  }
  const bool connected =
      tried_network && p.failed_at != Stage::dns && p.failed_at != Stage::connect;
  if (connected || !tried_network) checks.push_back(tls_check(p));
  const bool tls_done = connected && p.failed_at != Stage::tls;
  if (tls_done) checks.push_back(api_check(p));
  if (tls_done && p.failed_at == Stage::done) checks.push_back(clock_check(p));
  checks.push_back(proxy_check(p));
  return checks;
}

}  // namespace certrenew::client::diagnostics
