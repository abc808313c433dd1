#include "service/curl_common.hpp"

#include <array>
#include <mutex>
#include <utility>

#include "certrenew/core/lookup_table.hpp"

namespace certrenew::client::detail {

void curl_start_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// Codes missing here are CurlFailure::other.
constexpr auto kCurlFailures = std::to_array<std::pair<CURLcode, CurlFailure>>({
    {CURLE_COULDNT_RESOLVE_HOST, CurlFailure::dns},
    {CURLE_COULDNT_RESOLVE_PROXY, CurlFailure::dns},
    {CURLE_COULDNT_CONNECT, CurlFailure::connect},
    {CURLE_PEER_FAILED_VERIFICATION, CurlFailure::tls},
    {CURLE_SSL_CONNECT_ERROR, CurlFailure::tls},
    {CURLE_SSL_CERTPROBLEM, CurlFailure::tls},
    {CURLE_SSL_ISSUER_ERROR, CurlFailure::tls},
    {CURLE_SSL_CIPHER, CurlFailure::tls},
    {CURLE_SSL_CACERT_BADFILE, CurlFailure::trust_file},
    {CURLE_OPERATION_TIMEDOUT, CurlFailure::timeout},
});

CurlFailure curl_failure(CURLcode code) {
  return lookup(kCurlFailures, code).value_or(CurlFailure::other);
}

void set_service_options(CURL* c, const ServiceOptions& o) {
  curl_easy_setopt(c, CURLOPT_URL, o.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https");  // never plain HTTP, not even by redirect
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  // Empty: libcurl's default bundle, i.e. the system's trust store. Verification stays on.
  if (!o.trust_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, o.trust_file.c_str());
  curl_easy_setopt(c, CURLOPT_CAPATH, nullptr);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(o.connect_timeout.count() * 1000));
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(o.request_timeout.count() * 1000));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // safe in worker threads
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, o.error);
}

}  // namespace certrenew::client::detail
