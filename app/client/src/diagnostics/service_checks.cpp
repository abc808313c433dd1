// Judging a service probe: one line per step, each with a sentence a support engineer can act on.
#include "certrenew/client/diagnostics/service_checks.hpp"

#include <fmt/format.h>
#include <openssl/x509_vfy.h>

#include <cstdlib>

#include "diagnostics/wording.hpp"

namespace certrenew::client::diagnostics {

namespace {

using nlohmann::json;

Check service_check(std::string id, Status status, Text title, Text sentence, json details) {
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
  return {fmt::format(" Requests go through the proxy {} (from {}): check it too.",
                      p.proxy.in_effect, p.proxy.in_effect_from),
          fmt::format("请求经过代理 {}（来自 {}），也请检查该代理。", p.proxy.in_effect,
                      p.proxy.in_effect_from)};
}

Text operator+(Text a, const Text& b) {
  a.en += b.en;
  a.zh += b.zh;
  return a;
}

Check dns_check(const ServiceProbe& p) {
  json details = {{"host", p.host}, {"seconds", seconds_json(p.dns_seconds)}};
  const Text title{"Name resolution", "域名解析"};
  if (p.failed_at == ServiceProbe::Stage::dns) {
    details["error"] = p.error;
    if (through_proxy(p) && p.error.find("proxy") != std::string::npos) {
      return service_check(
          "service.dns", Status::red, title,
          {fmt::format("The proxy's host name in {} ({}) does not resolve. Correct the proxy "
                       "setting or the DNS server.",
                       p.proxy.in_effect_from, p.proxy.in_effect),
           fmt::format("代理设置 {}（{}）中的主机名无法解析。请更正代理设置或 DNS 服务器。",
                       p.proxy.in_effect_from, p.proxy.in_effect)},
          details);
    }
    return service_check(
        "service.dns", Status::red, title,
        {fmt::format("The service's host name {} does not resolve. Check the service URL in the "
                     "configuration, the network connection and the DNS server (try nslookup {}).",
                     p.host, p.host),
         fmt::format("无法解析服务器名称 {}。请检查配置中的服务地址、网络连接和 DNS 服务器"
                     "（可用 nslookup {} 测试）。",
                     p.host, p.host)},
        details);
  }
  if (through_proxy(p)) {
    return service_check("service.dns", Status::green, title,
                         {fmt::format("{} is resolved by the proxy.", p.host),
                          fmt::format("{} 由代理负责解析。", p.host)},
                         details);
  }
  return service_check(
      "service.dns", Status::green, title,
      {fmt::format("{} resolved{} in {}.", p.host, p.address.empty() ? "" : " to " + p.address,
                   format_duration(p.dns_seconds)),
       fmt::format("{} 已解析{}，用时 {}。", p.host, p.address.empty() ? "" : "为 " + p.address,
                   format_duration(p.dns_seconds))},
      details);
}

Check connect_check(const ServiceProbe& p) {
  json details = {{"host", p.host},
                  {"port", p.port},
                  {"address", p.address},
                  {"seconds", seconds_json(p.connect_seconds)}};
  const Text title{"TCP connection", "TCP 连接"};
  if (p.failed_at == ServiceProbe::Stage::connect) {
    details["error"] = p.error;
    const bool timed_out = p.error.find("imed out") != std::string::npos ||
                           p.error.find("imeout") != std::string::npos;
    if (timed_out) {
      return service_check(
          "service.connect", Status::red, title,
          Text{fmt::format("Connecting to {} timed out: a firewall or proxy probably drops the "
                           "connection. Check that this computer may reach port {} of the service.",
                           endpoint(p), p.port),
               fmt::format("连接 {} 超时：防火墙或代理可能丢弃了连接。请确认本机可以访问服务的 {} "
                           "端口。",
                           endpoint(p), p.port)} +
              proxy_hint(p),
          details);
    }
    return service_check(
        "service.connect", Status::red, title,
        Text{fmt::format("Cannot connect to {}: nothing answers there (connection refused). The "
                         "service may be down, or a firewall blocks the port: check that the "
                         "service runs and that port {} is open from this computer.",
                         endpoint(p), p.port),
             fmt::format("无法连接 {}：该地址无响应（连接被拒绝）。服务可能未运行，或防火墙阻止了"
                         "该端口：请确认服务正在运行，且本机可以访问端口 {}。",
                         endpoint(p), p.port)} +
            proxy_hint(p),
        details);
  }
  return service_check(
      "service.connect", Status::green, title,
      {fmt::format("Connected to {} in {}.", p.address.empty() ? endpoint(p) : p.address,
                   format_duration(p.connect_seconds)),
       fmt::format("已连接 {}，用时 {}。", p.address.empty() ? endpoint(p) : p.address,
                   format_duration(p.connect_seconds))},
      details);
}

std::string trust_name(const ServiceProbe& p) {
  return p.trust_file.empty() ? "the system's trust store" : p.trust_file.string();
}
std::string trust_name_zh(const ServiceProbe& p) {
  return p.trust_file.empty() ? "系统信任库" : p.trust_file.string();
}

Text tls_failure_sentence(const ServiceProbe& p, const std::string& verify_text) {
  switch (p.tls_problem) {
    case TlsProblem::unknown_ca:
      return Text{fmt::format("The service's certificate is not issued by a CA in {} (unknown CA: "
                              "{}). Use the trust file the CA distributes with the client; if a "
                              "company proxy inspects HTTPS, have the service's host exempted.",
                              trust_name(p), verify_text),
                  fmt::format("服务器证书不是由 {} 中的 CA 签发的（未知 CA：{}）。请使用 CA "
                              "随客户端提供的信任文件；如果公司代理会解密 HTTPS，请让网管将服务地址"
                              "设为例外。",
                              trust_name_zh(p), verify_text)} +
             proxy_hint(p);
    case TlsProblem::name_mismatch:
      return {fmt::format("The service's certificate is for another host name than {} (name "
                          "mismatch). Check the service URL in the configuration: use the host "
                          "name the CA published.",
                          p.host),
              fmt::format("服务器证书与主机名 {} 不符（名称不匹配）。请检查配置中的服务地址，"
                          "使用 CA 公布的主机名。",
                          p.host)};
    case TlsProblem::expired:
      return {
          "The service's certificate has expired (or this computer's clock is ahead). Check "
          "this computer's date first; if it is right, tell the CA that its service "
          "certificate expired.",
          "服务器证书已过期（或本机时钟超前）。请先检查本机日期；如果日期正确，请通知 CA "
          "其服务证书已过期。"};
    case TlsProblem::not_yet_valid:
      return {
          "The service's certificate is not valid yet: this computer's clock is probably "
          "behind. Set the correct date, time and time zone.",
          "服务器证书尚未生效：本机时钟可能落后。请设置正确的日期、时间和时区。"};
    case TlsProblem::revoked:
      return {"The service's certificate was revoked. Do not continue; contact the CA.",
              "服务器证书已被吊销。请不要继续操作，并联系 CA。"};
    case TlsProblem::handshake:
      return Text{fmt::format("The TLS handshake with {} failed ({}). Something between this "
                              "computer and the service interferes (proxy, firewall, an old TLS "
                              "version), or this port is not the HTTPS service.",
                              endpoint(p), p.error),
                  fmt::format("与 {} 的 TLS 握手失败（{}）。本机与服务之间可能有干扰（代理、"
                              "防火墙、过旧的 TLS 版本），或该端口不是 HTTPS 服务。",
                              endpoint(p), p.error)} +
             proxy_hint(p);
    case TlsProblem::bad_trust_file:
      return {fmt::format("The trust file {} is missing or holds no PEM certificate. Put the CA's "
                          "service root certificate there (it comes with the client), or correct "
                          "\"trust\" in the configuration.",
                          trust_name(p)),
              fmt::format("信任文件 {} 不存在或不含 PEM 证书。请放入 CA 的服务根证书（随客户端"
                          "提供），或更正配置中的 \"trust\"。",
                          trust_name_zh(p))};
    case TlsProblem::other:
    case TlsProblem::none:
      break;
  }
  return {fmt::format("The service's certificate does not verify against {} (OpenSSL error {}: "
                      "{}). Send this report to the CA's support.",
                      trust_name(p), p.tls_verify_result, verify_text),
          fmt::format("服务器证书无法通过 {} 验证（OpenSSL 错误 {}：{}）。请将本报告发给 CA "
                      "技术支持。",
                      trust_name_zh(p), p.tls_verify_result, verify_text)};
}

Check tls_check(const ServiceProbe& p) {
  const std::string verify_text =
      X509_verify_cert_error_string(p.tls_verify_result);  // static string from OpenSSL
  json details = {{"trust_file", p.trust_file.string()},
                  {"problem", code(p.tls_problem)},
                  {"verify_result", p.tls_verify_result},
                  {"verify_text", verify_text},
                  {"seconds", seconds_json(p.tls_seconds)}};
  const Text title{"TLS handshake and certificate", "TLS 握手与证书"};
  if (p.failed_at == ServiceProbe::Stage::tls || p.failed_at == ServiceProbe::Stage::trust_file) {
    details["error"] = p.error;
    return service_check("service.tls", Status::red, title, tls_failure_sentence(p, verify_text),
                         details);
  }
  return service_check("service.tls", Status::green, title,
                       {fmt::format("The service's certificate verified against {} in {}.",
                                    trust_name(p), format_duration(p.tls_seconds)),
                        fmt::format("服务器证书已通过 {} 验证，用时 {}。", trust_name_zh(p),
                                    format_duration(p.tls_seconds))},
                       details);
}

Check api_check(const ServiceProbe& p) {
  json details = {{"url", p.url}, {"http_status", p.http_status}};
  const Text title{"Service API", "服务接口"};
  if (p.failed_at == ServiceProbe::Stage::timeout) {
    details["error"] = p.error;
    return service_check(
        "service.api", Status::red, title,
        {fmt::format("The service accepted the connection but did not answer {} in time. It may be "
                     "overloaded or stuck: try again later, and tell the CA if it persists.",
                     p.url),
         fmt::format("服务已接受连接，但未及时响应 {}。服务可能过载或异常：请稍后重试，"
                     "如持续出现请通知 CA。",
                     p.url)},
        details);
  }
  if (p.failed_at == ServiceProbe::Stage::http) {
    return service_check(
        "service.api", Status::red, title,
        {fmt::format("The service answered HTTP {} for {}. The service URL probably does not point "
                     "to the renewal service (check its path), or the service has a fault.",
                     p.http_status, p.url),
         fmt::format("服务对 {1} 返回 HTTP {0}。配置的服务地址可能不是续期服务（请检查路径），"
                     "或服务出现故障。",
                     p.http_status, p.url)},
        details);
  }
  if (p.failed_at == ServiceProbe::Stage::protocol) {
    details["error"] = p.error;
    return service_check(
        "service.api", Status::red, title,
        {fmt::format("The answer from {} is not the renewal service's ({}). Check the service URL.",
                     p.url, p.error),
         fmt::format("{} 的应答不是续期服务的应答（{}）。请检查服务地址。", p.url, p.error)},
        details);
  }
  const auto version = p.info.find("api_version");
  if (version == p.info.end() || !version->is_number_integer()) {
    return service_check(
        "service.api", Status::red, title,
        {"The service's answer has no API version: it is probably not the renewal service. Check "
         "the service URL.",
         "服务应答中没有接口版本：它可能不是续期服务。请检查服务地址。"},
        details);
  }
  const int v = version->get<int>();
  details["api_version"] = v;
  details["supported_api_version"] = kSupportedApiVersion;
  if (v != kSupportedApiVersion) {
    return service_check(
        "service.api", Status::red, title,
        {fmt::format("The service speaks API version {}; this client speaks version {}. Install "
                     "the client version the CA currently distributes.",
                     v, kSupportedApiVersion),
         fmt::format("服务的接口版本为 {}，本客户端为 {}。请安装 CA 当前发布的客户端版本。", v,
                     kSupportedApiVersion)},
        details);
  }
  return service_check("service.api", Status::green, title,
                       {fmt::format("The renewal service answers, API version {}.", v),
                        fmt::format("续期服务应答正常，接口版本 {}。", v)},
                       details);
}

Check clock_check(const ServiceProbe& p) {
  const Text title{"Clock", "系统时钟"};
  json details = {{"server_time", p.info.value("server_time", json(nullptr))}};
  if (!p.clock_offset) {
    return service_check(
        "service.clock", Status::amber, title,
        {"The service did not report a readable time, so this computer's clock could not be "
         "compared with it. Check the date, time and time zone by hand.",
         "服务未提供可读的时间，无法比对本机时钟。请手动检查日期、时间和时区。"},
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
  const std::string amount_en = format_seconds(size, Language::en);
  const std::string amount_zh = format_seconds(size, Language::zh_CN);
  // A positive offset: the service's clock is ahead, so this machine's is behind.
  const std::string direction_en = offset > 0 ? "behind" : "ahead of";
  const std::string direction_zh = offset > 0 ? "慢" : "快";
  if (size <= kClockOffsetNotice.count()) {
    return service_check("service.clock", Status::green, title,
                         {fmt::format("This computer's clock is within {} of the service's.",
                                      format_seconds(std::max(size, 1LL), Language::en)),
                          fmt::format("本机时钟与服务器相差不超过 {}。",
                                      format_seconds(std::max(size, 1LL), Language::zh_CN))},
                         details);
  }
  if (size <= max_skew) {
    return service_check(
        "service.clock", Status::amber, title,
        {fmt::format("This computer's clock is {} {} the service's. Renewal still works, but set "
                     "the clock right (turn on automatic time) before it drifts further: beyond "
                     "{} the service refuses requests.",
                     amount_en, direction_en, format_seconds(max_skew, Language::en)),
         fmt::format("本机时钟比服务器{} {}。续期仍可进行，但请校准时钟（开启自动同步时间）："
                     "相差超过 {} 时服务将拒绝请求。",
                     direction_zh, amount_zh, format_seconds(max_skew, Language::zh_CN))},
        details);
  }
  return service_check(
      "service.clock", Status::red, title,
      {fmt::format(
           "This computer's clock is {} {} the service's, more than the {} the service "
           "accepts: applications will be refused and certificates may look expired or not "
           "yet valid. Set the date, time and time zone correctly (turn on automatic time).",
           amount_en, direction_en, format_seconds(max_skew, Language::en)),
       fmt::format("本机时钟比服务器{} {}，超过服务允许的 {}：申请将被拒绝，证书也可能显示为"
                   "已过期或尚未生效。请正确设置日期、时间和时区（开启自动同步时间）。",
                   direction_zh, amount_zh, format_seconds(max_skew, Language::zh_CN))},
      details);
}

Check proxy_check(const ServiceProbe& p) {
  json variables = json::object();
  for (const ProxyVariable& v : p.proxy.variables) variables[v.name] = v.value;
  json details = {{"variables", variables},
                  {"in_effect", p.proxy.in_effect},
                  {"from", p.proxy.in_effect_from},
                  {"bypassed_by_no_proxy", p.proxy.bypassed_by_no_proxy}};
  const Text title{"Proxy", "代理"};
  if (p.proxy.bypassed_by_no_proxy) {
    return service_check(
        "service.proxy", Status::green, title,
        {fmt::format("A proxy is set, but no_proxy exempts {}: the service is reached directly.",
                     p.host),
         fmt::format("已设置代理，但 no_proxy 豁免了 {}：直接访问服务。", p.host)},
        details);
  }
  if (!through_proxy(p)) {
    return service_check("service.proxy", Status::green, title,
                         {"No proxy is set for HTTPS: the service is reached directly.",
                          "未设置 HTTPS 代理：直接访问服务。"},
                         details);
  }
  const bool network_failed = p.failed_at == ServiceProbe::Stage::dns ||
                              p.failed_at == ServiceProbe::Stage::connect ||
                              p.failed_at == ServiceProbe::Stage::tls;
  return service_check(
      "service.proxy", network_failed ? Status::amber : Status::green, title,
      {fmt::format("Requests to the service go through the proxy {} (from {}). If the service "
                   "cannot be reached, check this proxy or exempt {} with no_proxy.",
                   p.proxy.in_effect, p.proxy.in_effect_from, p.host),
       fmt::format("访问服务的请求经过代理 {}（来自 {}）。如果无法访问服务，请检查该代理，"
                   "或用 no_proxy 豁免 {}。",
                   p.proxy.in_effect, p.proxy.in_effect_from, p.host)},
      details);
}

}  // namespace

std::string_view code(TlsProblem problem) {
  switch (problem) {
    case TlsProblem::none:
      return "none";
    case TlsProblem::unknown_ca:
      return "unknown_ca";
    case TlsProblem::name_mismatch:
      return "name_mismatch";
    case TlsProblem::expired:
      return "expired";
    case TlsProblem::not_yet_valid:
      return "not_yet_valid";
    case TlsProblem::revoked:
      return "revoked";
    case TlsProblem::handshake:
      return "handshake";
    case TlsProblem::bad_trust_file:
      return "bad_trust_file";
    case TlsProblem::other:
      return "other";
  }
  return "other";
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
    checks.push_back(service_check(
        "service.config", Status::red, {"Service address", "服务地址"},
        {fmt::format("The configured service URL cannot be used ({}): it must be "
                     "https://host[:port][/path].",
                     p.error),
         fmt::format("配置的服务地址不可用（{}）：必须形如 https://主机[:端口][/路径]。", p.error)},
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
