#pragma once
// An HTTPS server inside the test process with a certificate made for the test (expired, or for
// another host name), so the diagnosis can be shown TLS failures that a correctly set up
// certrenew-server never has. By default it answers GET /api/v1/info like the renewal service;
// a test that needs other answers (the e2e suite's reverse proxy) installs its own routes.

#include <httplib.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "test_pki.hpp"

namespace certrenew::testing {

class TlsStub {
 public:
  struct Spec {
    std::vector<std::string> san = {"IP:127.0.0.1"};  // subjectAltName entries of the certificate
    bool expired = false;                             // valid until yesterday
    // Installs the routes instead of the default /api/v1/info; called before it listens.
    std::function<void(httplib::SSLServer&)> routes;
  };
  explicit TlsStub(const Spec& spec);
  ~TlsStub();
  TlsStub(const TlsStub&) = delete;
  TlsStub& operator=(const TlsStub&) = delete;

  std::string base_url() const { return "https://127.0.0.1:" + std::to_string(port_); }
  // The CA that issued the stub's certificate: trusting it leaves only the defect under test.
  const std::filesystem::path& trust_file() const { return trust_file_; }

 private:
  TempDir dir_;
  std::filesystem::path trust_file_;
  std::unique_ptr<httplib::SSLServer> server_;
  std::thread thread_;
  int port_ = 0;
};

// A self-signed CA that has nothing to do with any server, as a PEM file in `dir`.
std::filesystem::path write_unrelated_ca(const std::filesystem::path& dir);

}  // namespace certrenew::testing
