#include "service/curl_transfer.hpp"

#include <curl/curl.h>

#include <memory>
#include <mutex>

#include "certrenew/client/service/service_client.hpp"
#include "service/curl_common.hpp"

namespace certrenew::client::detail {

namespace {

constexpr std::size_t kMaxResponse = 4 * 1024 * 1024;

struct Sink {
  std::string data;
  bool too_large = false;
};

extern "C" size_t on_data(char* ptr, size_t size, size_t n, void* user) {
  auto* sink = static_cast<Sink*>(user);
  if (sink->data.size() + size * n > kMaxResponse) {
    sink->too_large = true;
    return 0;  // makes curl stop with CURLE_WRITE_ERROR
  }
  sink->data.append(ptr, size * n);
  return size * n;
}

ServiceError::Kind classify(CURLcode code) {
  switch (curl_failure(code)) {
    case CurlFailure::dns:
      return ServiceError::Kind::dns;
    case CurlFailure::timeout:
      return ServiceError::Kind::timeout;
    case CurlFailure::tls:
    case CurlFailure::trust_file:  // the trust to verify the service against is not usable
      return ServiceError::Kind::tls;
    case CurlFailure::connect:
    case CurlFailure::other:
      break;
  }
  return ServiceError::Kind::connect;
}

}  // namespace

CurlConnection::~CurlConnection() {
  if (handle_) curl_easy_cleanup(static_cast<CURL*>(handle_));
}

HttpResult CurlConnection::perform(const HttpExchange& x) {
  curl_start_once();
  std::lock_guard lock(mutex_);
  if (!handle_) handle_ = curl_easy_init();
  if (!handle_) throw ServiceError(ServiceError::Kind::connect, "libcurl could not start");
  CURL* c = static_cast<CURL*>(handle_);
  curl_easy_reset(c);  // forgets the last exchange's options, keeps its open connection
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(nullptr, curl_slist_free_all);
  for (const auto& h : x.headers) headers.reset(curl_slist_append(headers.release(), h.c_str()));
  if (x.method != "GET") {
    headers.reset(curl_slist_append(headers.release(), "Content-Type: application/json"));
    // No "Expect: 100-continue" round trip before a body: bodies here are small.
    headers.reset(curl_slist_append(headers.release(), "Expect:"));
  }

  Sink sink;
  char error[CURL_ERROR_SIZE] = {};
  set_service_options(c,
                      {x.url, x.trust_file.string(), x.connect_timeout, x.request_timeout, error});
  curl_easy_setopt(c, CURLOPT_TCP_NODELAY, 1L);
  curl_easy_setopt(c, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_USERAGENT, "certrenew-client/" CERTRENEW_VERSION);
  if (x.method == "POST" || x.method == "PUT") {
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, x.method.c_str());
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, x.body.c_str());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(x.body.size()));
  }

  CURLcode rc = curl_easy_perform(c);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, nullptr);  // the list goes when this call returns
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, nullptr);
  if (sink.too_large)
    throw ServiceError(ServiceError::Kind::protocol, "the service's answer is larger than 4 MiB");
  if (rc != CURLE_OK) {
    std::string detail = error[0] ? error : curl_easy_strerror(rc);
    throw ServiceError(classify(rc),
                       "cannot reach the renewal service at " + x.url + ": " + detail);
  }
  HttpResult result;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &result.status);
  result.body = std::move(sink.data);
  return result;
}

}  // namespace certrenew::client::detail
