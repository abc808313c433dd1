#pragma once
// OpenSSL's mock CMP server (`openssl cmp -port …`) as a child process on a loopback port, for
// the CMP issuer's tests. It answers every certification request with the certificate given as
// `response`, after checking the request's protection against `client_trust` (signature) or
// `secret` (MAC). And a TLS front for it (the mock speaks plain HTTP only): socat terminating
// TLS with a given certificate and forwarding to the mock.

#include <filesystem>
#include <string>

#include "loopback_daemon.hpp"

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
    int port = 0;                        // 0: a free loopback port (a CA that comes back: its old)
  };
  explicit CmpMockServer(const Options& options);

  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/pkix/"; }

 private:
  int port_;
  LoopbackDaemon process_;
};

class TlsFront {
 public:
  TlsFront(const std::filesystem::path& certificate, const std::filesystem::path& key,
           int backend_port, const std::filesystem::path& log);
  int port() const { return port_; }
  // As a client names it: the host name the certificate must carry.
  std::string url(const std::string& host) const {
    return "https://" + host + ":" + std::to_string(port_) + "/pkix/";
  }

 private:
  int port_;
  LoopbackDaemon process_;
};

}  // namespace certrenew::testing
