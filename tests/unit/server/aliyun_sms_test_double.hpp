#pragma once
// TEST DOUBLE of Alibaba Cloud SMS (dysmsapi SendSms), which cannot be reached from here: a real
// HTTP server on loopback (cpp-httplib) that checks each request the way the provider documents
// it ("Signature mechanism", see docs/operations.md) with its own implementation: the common
// parameters, the AccessKey, the signature recomputed over the canonicalised query (encoding by
// libcurl, not by the code under test), a nonce used once, a timestamp within 15 minutes, then
// SendSms's own parameters against the templates registered with it. It answers the way the
// provider does: JSON with Code and Message (and RequestId, BizId), HTTP 400/404 for
// authentication failures, HTTP 200 with an isv.* Code for a refused message.

#include <httplib.h>

#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace certrenew::testing {

class AliyunSmsTestDouble {
 public:
  struct Delivered {
    std::string phone, sign_name, template_code, out_id;
    std::string text;  // the template filled in, with 【SignName】 in front, as the phone shows it
  };

  // `templates`: TemplateCode -> registered text with ${name} variables.
  AliyunSmsTestDouble(std::string access_key_id, std::string access_key_secret,
                      std::string sign_name, std::map<std::string, std::string> templates);
  ~AliyunSmsTestDouble();

  std::string url() const;
  void set_clock(std::int64_t unix_seconds);
  // The next requests with a valid signature answer this Code (HTTP 200) instead of sending.
  void force_code(std::string code);

  std::vector<Delivered> delivered() const;
  std::vector<std::string> refusals() const;  // the Code of every request not delivered

 private:
  void handle(const httplib::Request& req, httplib::Response& res);

  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  const std::string key_id_, key_secret_, sign_name_;
  const std::map<std::string, std::string> templates_;
  mutable std::mutex mutex_;
  std::int64_t clock_ = 0;
  std::string forced_code_;
  std::set<std::string> nonces_;
  std::vector<Delivered> delivered_;
  std::vector<std::string> refusals_;
};

}  // namespace certrenew::testing
