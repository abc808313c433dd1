#pragma once
// OpenSSL's mock CMP server (`openssl cmp -port …`) as a child process on a free loopback port,
// for the CMP issuer's tests. It answers every certification request with the certificate given
// as `response`, after checking the request's protection against `client_trust` (signature) or
// `secret` (MAC). Stopped (SIGTERM, then SIGKILL) when the object goes, and killed with the test
// process if that dies first.

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace certrenew::testing {

class CmpMockServer {
 public:
  struct Options {
    std::filesystem::path server_certificate;  // signs the answers
    std::filesystem::path server_key;
    std::filesystem::path client_trust;  // checks the RA's signature protection
    std::string secret;                  // or: the MAC secret ("pass:" is added)
    std::filesystem::path response;      // the certificate every request gets
    int poll_count = 0;                  // answers "waiting" this many times first
    bool accept_raverified = false;      // kur with the RA vouching for the proof of possession
    std::filesystem::path log;           // its output
  };
  explicit CmpMockServer(const Options& options);
  ~CmpMockServer();
  CmpMockServer(const CmpMockServer&) = delete;
  CmpMockServer& operator=(const CmpMockServer&) = delete;

  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/pkix/"; }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace certrenew::testing
