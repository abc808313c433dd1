#include "notify/sms/http_post.hpp"

#include <curl/curl.h>

#include <memory>

namespace certrenew::server {

namespace {

struct Collected {
  std::string body;
  bool overflow = false;
};

extern "C" std::size_t collect(char* data, std::size_t size, std::size_t count, void* user) {
  auto* out = static_cast<Collected*>(user);
  const std::size_t n = size * count;
  if (out->body.size() + n > HttpPostAnswer::kMaxAnswerBytes) {
    out->overflow = true;
    return 0;  // aborts the transfer: no provider's status answer is this long
  }
  out->body.append(data, n);
  return n;
}

}  // namespace

bool loopback_http(const std::string& url) {
  for (const char* p : {"http://127.", "http://localhost:", "http://localhost/", "http://[::1]"})
    if (url.rfind(p, 0) == 0) return true;
  return false;
}

bool acceptable_endpoint(const std::string& url) {
  return (url.rfind("https://", 0) == 0 || loopback_http(url)) &&
         url.find_first_of(" \r\n") == std::string::npos;
}

HttpPostAnswer http_post(const std::string& url, const std::vector<std::string>& header_lines,
                         const std::string& body, const std::filesystem::path& ca_file,
                         int timeout_seconds) {
  static const bool curl_ready = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  HttpPostAnswer answer;
  std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_ready ? curl_easy_init() : nullptr,
                                              curl_easy_cleanup);
  if (!curl) {
    answer.error = "libcurl could not start";
    return answer;
  }
  CURL* c = curl.get();
  curl_slist* headers = nullptr;
  for (const auto& h : header_lines) headers = curl_slist_append(headers, h.c_str());
  std::unique_ptr<curl_slist, void (*)(curl_slist*)> header_list(headers, curl_slist_free_all);
  Collected collected;
  char error[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, ca_file.c_str());
  curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(timeout_seconds));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &collected);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  const CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) {
    answer.error = collected.overflow ? "the answer was longer than expected"
                   : error[0]         ? error
                                      : curl_easy_strerror(rc);
    return answer;
  }
  answer.reached = true;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &answer.status);
  answer.body = std::move(collected.body);
  return answer;
}

}  // namespace certrenew::server
