// The diagnostic checks of the renewal service: name resolution, connection, TLS, the API, the
// clock and the proxy. Ids are "<check id>.title" and "<check id>.<finding>"; {} are filled as
// each comment says (the zh-CN text may use them in another order, by number).
#include <array>

#include "certrenew/client/catalogues.hpp"

namespace certrenew::client::catalogues {
namespace {

constexpr auto kEntries = std::to_array<CatalogueEntry>({
    {"service.config.title", "服务地址", "Service address"},
    {"service.config.none", "未检查服务：没有可用的配置，客户端不知道服务地址（见上方“配置”）。",
     "The service was not checked: without a usable configuration the client does not know where "
     "it is (see Configuration above)."},
    // {0} = the configured URL's problem.
    {"service.config.bad_url", "配置的服务地址不可用（{0}）：必须形如 https://主机[:端口][/路径]。",
     "The configured service URL cannot be used ({0}): it must be https://host[:port][/path]."},
    // Appended to network failures: {0} = the proxy, {1} = where it is set.
    {"proxy_hint", "请求经过代理 {0}（来自 {1}），也请检查该代理。",
     " Requests go through the proxy {0} (from {1}): check it too."},
    // {0} = the host, {1} = its address, {2} = how long it took; proxy: {0} = where the proxy is
    // set, {1} = the proxy.
    {"service.dns.title", "域名解析", "Name resolution"},
    {"service.dns.proxy_unresolved", "代理设置 {0}（{1}）中的主机名无法解析。请更正代理设置或 DNS 服务器。",
     "The proxy's host name in {0} ({1}) does not resolve. Correct the proxy setting or the DNS "
     "server."},
    {"service.dns.unresolved",
     "无法解析服务器名称 {0}。请检查配置中的服务地址、网络连接和 DNS 服务器（可用 nslookup {0} 测试）。",
     "The service's host name {0} does not resolve. Check the service URL in the configuration, "
     "the network connection and the DNS server (try nslookup {0})."},
    {"service.dns.by_proxy", "{0} 由代理负责解析。", "{0} is resolved by the proxy."},
    {"service.dns.resolved_to", "{0} 已解析为 {1}，用时 {2}。", "{0} resolved to {1} in {2}."},
    {"service.dns.resolved", "{0} 已解析，用时 {2}。", "{0} resolved in {2}."},
    // {0} = host:port, {1} = the port, {2} = how long it took.
    {"service.connect.title", "TCP 连接", "TCP connection"},
    {"service.connect.timed_out", "连接 {0} 超时：防火墙或代理可能丢弃了连接。请确认本机可以访问服务的 {1} 端口。",
     "Connecting to {0} timed out: a firewall or proxy probably drops the connection. Check that "
     "this computer may reach port {1} of the service."},
    {"service.connect.refused",
     "无法连接 {0}：该地址无响应（连接被拒绝）。服务可能未运行，或防火墙阻止了该端口：请确认服务正在"
     "运行，且本机可以访问端口 {1}。",
     "Cannot connect to {0}: nothing answers there (connection refused). The service may be down, "
     "or a firewall blocks the port: check that the service runs and that port {1} is open from "
     "this computer."},
    {"service.connect.ok", "已连接 {0}，用时 {2}。", "Connected to {0} in {2}."},
    // TLS: {0} = the trust file (or trust_store), {1} = OpenSSL's text, {2} = the host or
    // host:port, {3} = the error or OpenSSL's number, {4} = how long it took.
    {"trust_store", "系统信任库", "the system's trust store"},
    {"service.tls.title", "TLS 握手与证书", "TLS handshake and certificate"},
    {"service.tls.unknown_ca",
     "服务器证书不是由 {0} 中的 CA 签发的（未知 CA：{1}）。请使用 CA 随客户端提供的信任文件；如果公司"
     "代理会解密 HTTPS，请让网管将服务地址设为例外。",
     "The service's certificate is not issued by a CA in {0} (unknown CA: {1}). Use the trust "
     "file the CA distributes with the client; if a company proxy inspects HTTPS, have the "
     "service's host exempted."},
    {"service.tls.name_mismatch",
     "服务器证书与主机名 {2} 不符（名称不匹配）。请检查配置中的服务地址，使用 CA 公布的主机名。",
     "The service's certificate is for another host name than {2} (name mismatch). Check the "
     "service URL in the configuration: use the host name the CA published."},
    {"service.tls.expired",
     "服务器证书已过期（或本机时钟超前）。请先检查本机日期；如果日期正确，请通知 CA 其服务证书已过期。",
     "The service's certificate has expired (or this computer's clock is ahead). Check this "
     "computer's date first; if it is right, tell the CA that its service certificate expired."},
    {"service.tls.not_yet_valid", "服务器证书尚未生效：本机时钟可能落后。请设置正确的日期、时间和时区。",
     "The service's certificate is not valid yet: this computer's clock is probably behind. Set "
     "the correct date, time and time zone."},
    {"service.tls.revoked", "服务器证书已被吊销。请不要继续操作，并联系 CA。",
     "The service's certificate was revoked. Do not continue; contact the CA."},
    {"service.tls.handshake",
     "与 {2} 的 TLS 握手失败（{3}）。本机与服务之间可能有干扰（代理、防火墙、过旧的 TLS 版本），或该"
     "端口不是 HTTPS 服务。",
     "The TLS handshake with {2} failed ({3}). Something between this computer and the service "
     "interferes (proxy, firewall, an old TLS version), or this port is not the HTTPS service."},
    {"service.tls.bad_trust_file",
     "信任文件 {0} 不存在或不含 PEM 证书。请放入 CA 的服务根证书（随客户端提供），或更正配置中的 "
     "\"trust\"。",
     "The trust file {0} is missing or holds no PEM certificate. Put the CA's service root "
     "certificate there (it comes with the client), or correct \"trust\" in the configuration."},
    {"service.tls.other", "服务器证书无法通过 {0} 验证（OpenSSL 错误 {3}：{1}）。请将本报告发给 CA 技术支持。",
     "The service's certificate does not verify against {0} (OpenSSL error {3}: {1}). Send this "
     "report to the CA's support."},
    {"service.tls.ok", "服务器证书已通过 {0} 验证，用时 {4}。",
     "The service's certificate verified against {0} in {4}."},
    // The API: {0} = the URL, {1} = the HTTP status or the problem; versions: {0} = the
    // service's, {1} = this client's.
    {"service.api.title", "服务接口", "Service API"},
    {"service.api.timeout",
     "服务已接受连接，但未及时响应 {0}。服务可能过载或异常：请稍后重试，如持续出现请通知 CA。",
     "The service accepted the connection but did not answer {0} in time. It may be overloaded or "
     "stuck: try again later, and tell the CA if it persists."},
    {"service.api.http", "服务对 {0} 返回 HTTP {1}。配置的服务地址可能不是续期服务（请检查路径），或服务出现故障。",
     "The service answered HTTP {1} for {0}. The service URL probably does not point to the "
     "renewal service (check its path), or the service has a fault."},
    {"service.api.not_protocol", "{0} 的应答不是续期服务的应答（{1}）。请检查服务地址。",
     "The answer from {0} is not the renewal service's ({1}). Check the service URL."},
    {"service.api.no_version", "服务应答中没有接口版本：它可能不是续期服务。请检查服务地址。",
     "The service's answer has no API version: it is probably not the renewal service. Check the "
     "service URL."},
    {"service.api.version_mismatch", "服务的接口版本为 {0}，本客户端为 {1}。请安装 CA 当前发布的客户端版本。",
     "The service speaks API version {0}; this client speaks version {1}. Install the client "
     "version the CA currently distributes."},
    {"service.api.ok", "续期服务应答正常，接口版本 {0}。", "The renewal service answers, API version {0}."},
    // The clock: {0} = how far off, {1} = behind/ahead (below), {2} = the most the service accepts.
    {"service.clock.title", "系统时钟", "Clock"},
    {"service.clock.unknown", "服务未提供可读的时间，无法比对本机时钟。请手动检查日期、时间和时区。",
     "The service did not report a readable time, so this computer's clock could not be compared "
     "with it. Check the date, time and time zone by hand."},
    {"service.clock.ok", "本机时钟与服务器相差不超过 {0}。",
     "This computer's clock is within {0} of the service's."},
    {"service.clock.drifting",
     "本机时钟比服务器{1} {0}。续期仍可进行，但请校准时钟（开启自动同步时间）：相差超过 {2} 时服务将"
     "拒绝请求。",
     "This computer's clock is {0} {1} the service's. Renewal still works, but set the clock right "
     "(turn on automatic time) before it drifts further: beyond {2} the service refuses "
     "requests."},
    {"service.clock.wrong",
     "本机时钟比服务器{1} {0}，超过服务允许的 {2}：申请将被拒绝，证书也可能显示为已过期或尚未生效。"
     "请正确设置日期、时间和时区（开启自动同步时间）。",
     "This computer's clock is {0} {1} the service's, more than the {2} the service accepts: "
     "applications will be refused and certificates may look expired or not yet valid. Set the "
     "date, time and time zone correctly (turn on automatic time)."},
    {"clock.behind", "慢", "behind"},
    {"clock.ahead", "快", "ahead of"},
    // The proxy: {0} = the proxy, {1} = where it is set, {2} = the service's host.
    {"service.proxy.title", "代理", "Proxy"},
    {"service.proxy.bypassed", "已设置代理，但 no_proxy 豁免了 {2}：直接访问服务。",
     "A proxy is set, but no_proxy exempts {2}: the service is reached directly."},
    {"service.proxy.none", "未设置 HTTPS 代理：直接访问服务。",
     "No proxy is set for HTTPS: the service is reached directly."},
    {"service.proxy.used",
     "访问服务的请求经过代理 {0}（来自 {1}）。如果无法访问服务，请检查该代理，或用 no_proxy 豁免 {2}。",
     "Requests to the service go through the proxy {0} (from {1}). If the service cannot be "
     "reached, check this proxy or exempt {2} with no_proxy."},
});

}  // namespace

const Catalogue& diagnostics_service() {
  static constexpr Catalogue catalogue{"client_diagnostics_service", kEntries};
  return catalogue;
}

}  // namespace certrenew::client::catalogues
