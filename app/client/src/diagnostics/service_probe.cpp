// One measured GET /api/v1/info: the same libcurl settings as the service client (https only,
// verified against the configured trust, no redirects), plus the timing and verification facts
// that the service client has no use for.
#include <curl/curl.h>

#include <cstdlib>
#include <memory>
#include <mutex>

#include "certrenew/client/diagnostics/service_checks.hpp"
#include "certrenew/client/store/application_record.hpp"
#include "certrenew/core/version.hpp"
#include "service/curl_common.hpp"

namespace certrenew::client::diagnostics {

namespace {

using Clock = std::chrono::system_clock;
constexpr std::size_t kMaxAnswer = 1024 * 1024;  // the info answer is a few KiB

struct Sink {
  std::string data;
};

extern "C" size_t on_probe_data(char* ptr, size_t size, size_t n, void* user) {
  auto* sink = static_cast<Sink*>(user);
  if (sink->data.size() + size * n > kMaxAnswer) return 0;  // curl stops with CURLE_WRITE_ERROR
  sink->data.append(ptr, size * n);
  return size * n;
}

struct UrlDeleter {
  void operator()(CURLU* url) const { curl_url_cleanup(url); }
};
struct CurlDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};

// Host and port of an https URL; false when libcurl cannot read it or it is not https.
bool split_url(const std::string& url, std::string& host, long& port) {
  std::unique_ptr<CURLU, UrlDeleter> handle(curl_url());
  if (!handle || curl_url_set(handle.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK)
    return false;
  const auto part = [&](CURLUPart which, unsigned flags) -> std::string {
    char* value = nullptr;
    if (curl_url_get(handle.get(), which, &value, flags) != CURLUE_OK || !value) return {};
    std::string out(value);
    curl_free(value);
    return out;
  };
  if (part(CURLUPART_SCHEME, 0) != "https") return false;
  host = part(CURLUPART_HOST, 0);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  const std::string port_text = part(CURLUPART_PORT, CURLU_DEFAULT_PORT);
  port = port_text.empty() ? 443 : std::strtol(port_text.c_str(), nullptr, 10);
  return !host.empty();
}

std::optional<double> seconds_info(CURL* curl, CURLINFO what) {
  curl_off_t micros = 0;
  if (curl_easy_getinfo(curl, what, &micros) != CURLE_OK || micros <= 0) return std::nullopt;
  return static_cast<double>(micros) / 1e6;
}

ServiceProbe::Stage stage_for(CURLcode code, const ServiceProbe& probe) {
  using Stage = ServiceProbe::Stage;
  // A timeout, a closed connection and the like are reported at the step that was under way:
  // before TLS completed it is the handshake that broke.
  const Stage under_way = !probe.connect_seconds ? Stage::connect
                          : !probe.tls_seconds   ? Stage::tls
                                                 : Stage::protocol;
  if (code == CURLE_WRITE_ERROR) return Stage::protocol;  // the answer outgrew kMaxAnswer
  switch (detail::curl_failure(code)) {
    case detail::CurlFailure::dns:
      return Stage::dns;
    case detail::CurlFailure::connect:
      return Stage::connect;
    case detail::CurlFailure::tls:
      return Stage::tls;
    case detail::CurlFailure::trust_file:
      return Stage::trust_file;
    case detail::CurlFailure::timeout:
      return under_way == Stage::protocol ? Stage::timeout : under_way;
    case detail::CurlFailure::other:
      break;
  }
  return under_way;
}

}  // namespace

ServiceProbe probe_service(const ServiceTarget& target,
                           const std::function<const char*(const char*)>& getenv_fn) {
  detail::curl_start_once();
  const std::function<const char*(const char*)> env =
      getenv_fn ? getenv_fn : [](const char* name) -> const char* { return std::getenv(name); };

  ServiceProbe probe;
  std::string base = target.base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  probe.url = base + "/api/v1/info";
  probe.trust_file = target.trust_file;
  if (!split_url(probe.url, probe.host, probe.port)) {
    probe.failed_at = ServiceProbe::Stage::bad_url;
    probe.error = "the service URL must be https://host[:port][/path]";
    return probe;
  }
  probe.proxy = proxy_settings_for(probe.host, env);
  std::error_code ec;
  if (!target.trust_file.empty() && !std::filesystem::is_regular_file(target.trust_file, ec)) {
    probe.failed_at = ServiceProbe::Stage::trust_file;
    probe.tls_problem = TlsProblem::bad_trust_file;
    probe.error = "the trust file does not exist";
    return probe;
  }

  std::unique_ptr<CURL, CurlDeleter> handle(curl_easy_init());
  if (!handle) {
    probe.failed_at = ServiceProbe::Stage::connect;
    probe.error = "libcurl could not start";
    return probe;
  }
  CURL* c = handle.get();
  Sink sink;
  char error[CURL_ERROR_SIZE] = {};
  detail::set_service_options(c, {probe.url, target.trust_file.string(), target.connect_timeout,
                                  target.request_timeout, error});
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_probe_data);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
  // A fresh connection every time, so DNS, connect and TLS are really measured.
  curl_easy_setopt(c, CURLOPT_FRESH_CONNECT, 1L);
  curl_easy_setopt(c, CURLOPT_FORBID_REUSE, 1L);
  curl_easy_setopt(c, CURLOPT_DNS_CACHE_TIMEOUT, 0L);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "certrenew-diagnostics/" CERTRENEW_VERSION);

  const Clock::time_point started = Clock::now();
  const CURLcode rc = curl_easy_perform(c);

  probe.dns_seconds = seconds_info(c, CURLINFO_NAMELOOKUP_TIME_T);
  probe.connect_seconds = seconds_info(c, CURLINFO_CONNECT_TIME_T);
  probe.tls_seconds = seconds_info(c, CURLINFO_APPCONNECT_TIME_T);
  probe.total_seconds = seconds_info(c, CURLINFO_TOTAL_TIME_T);
  char* address = nullptr;
  if (curl_easy_getinfo(c, CURLINFO_PRIMARY_IP, &address) == CURLE_OK && address)
    probe.address = address;
  long verify = 0;
  if (curl_easy_getinfo(c, CURLINFO_SSL_VERIFYRESULT, &verify) == CURLE_OK)
    probe.tls_verify_result = verify;

  if (rc != CURLE_OK) {
    probe.error = error[0] ? error : curl_easy_strerror(rc);
    probe.failed_at = stage_for(rc, probe);
    if (probe.failed_at == ServiceProbe::Stage::tls)
      probe.tls_problem = rc == CURLE_PEER_FAILED_VERIFICATION
                              ? classify_verify_result(probe.tls_verify_result)
                              : TlsProblem::handshake;
    if (probe.failed_at == ServiceProbe::Stage::trust_file)
      probe.tls_problem = TlsProblem::bad_trust_file;
    return probe;
  }

  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &probe.http_status);
  if (probe.http_status != 200) {
    probe.failed_at = ServiceProbe::Stage::http;
    return probe;
  }
  nlohmann::json info = nlohmann::json::parse(sink.data, nullptr, false);
  if (info.is_discarded() || !info.is_object()) {
    probe.failed_at = ServiceProbe::Stage::protocol;
    probe.error = "the answer is not a JSON object";
    return probe;
  }
  probe.info = std::move(info);

  // The service read its clock between sending the request and the first byte of the answer;
  // compare with this machine's clock at the middle of that interval. server_time is truncated
  // to the second, so its true value is half a second later on average.
  const auto server_time = probe.info.find("server_time");
  if (server_time != probe.info.end() && server_time->is_string()) {
    if (auto parsed = parse_utc_iso(server_time->get<std::string>())) {
      const double pre = seconds_info(c, CURLINFO_PRETRANSFER_TIME_T).value_or(0);
      const double first = seconds_info(c, CURLINFO_STARTTRANSFER_TIME_T).value_or(pre);
      const auto local = started + std::chrono::duration_cast<Clock::duration>(
                                       std::chrono::duration<double>((pre + first) / 2));
      const auto server = *parsed + std::chrono::milliseconds(500);
      // In milliseconds: a server_time of 9999 in nanoseconds would overflow.
      probe.clock_offset = std::chrono::round<std::chrono::seconds>(
          server - std::chrono::floor<std::chrono::milliseconds>(local));
    }
  }
  return probe;
}

}  // namespace certrenew::client::diagnostics
