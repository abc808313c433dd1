#pragma once
// What the client's two libcurl users (the service client and the diagnostics' probe of the
// service) share: libcurl's process-wide start, the settings of an exchange with the service, and
// one reading of libcurl's failure codes.

#include <curl/curl.h>

#include <chrono>
#include <string>

namespace certrenew::client::detail {

// curl_global_init, once per process, before the first easy handle.
void curl_start_once();

// What went wrong, as far as libcurl's code says.
enum class CurlFailure {
  dns,         // the host's (or the proxy's) name does not resolve
  connect,     // nothing answers at that address
  tls,         // the handshake failed, or the service's certificate does not verify
  trust_file,  // the configured trust file cannot be read
  timeout,     // no answer in time
  other,       // a closed connection and the like
};
CurlFailure curl_failure(CURLcode code);

// Every exchange with the service: https only, no redirects, the service's certificate verified
// against `trust_file` (empty: the system's store), the two timeouts, no signals (worker
// threads), libcurl's message for a failure into `error` (CURL_ERROR_SIZE bytes).
struct ServiceOptions {
  std::string url;
  std::string trust_file;
  std::chrono::seconds connect_timeout;
  std::chrono::seconds request_timeout;
  char* error;
};
void set_service_options(CURL* c, const ServiceOptions& options);

}  // namespace certrenew::client::detail
