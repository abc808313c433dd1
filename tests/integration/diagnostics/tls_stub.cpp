#include "tls_stub.hpp"

#include <openssl/pem.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <stdexcept>

namespace certrenew::testing {

namespace fs = std::filesystem;
using Clock = std::chrono::system_clock;

namespace {

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

void write_text(const fs::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

void write_key(const fs::path& file, EVP_PKEY* key) {
  std::unique_ptr<std::FILE, FileCloser> f(std::fopen(file.c_str(), "wb"));
  if (!f || PEM_write_PrivateKey(f.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1)
    throw std::runtime_error("cannot write " + file.string());
}

X509Ptr make_ca(EVP_PKEY* key, const std::string& name) {
  CertSpec spec;
  spec.subject = {{"C", "CN"}, {"O", "Diagnostics test"}, {"CN", name}};
  spec.not_before = Clock::now() - std::chrono::hours(24 * 30);
  spec.not_after = Clock::now() + std::chrono::hours(24 * 365);
  spec.is_ca = true;
  return issue_cert(spec, key, nullptr, key);
}

}  // namespace

TlsStub::TlsStub(const Spec& spec) {
  const EvpKey ca_key = make_key(KeyKind::ec_p256);
  const X509Ptr ca = make_ca(ca_key.get(), "Stub TLS root");
  const EvpKey key = make_key(KeyKind::ec_p256);
  CertSpec leaf;
  leaf.subject = {{"CN", "stub service"}};
  if (spec.expired) {
    leaf.not_before = Clock::now() - std::chrono::hours(24 * 60);
    leaf.not_after = Clock::now() - std::chrono::hours(24);
  } else {
    leaf.not_before = Clock::now() - std::chrono::hours(24);
    leaf.not_after = Clock::now() + std::chrono::hours(24 * 30);
  }
  leaf.key_usage = "digitalSignature";
  leaf.extended_key_usage = "serverAuth";
  leaf.san = spec.san;
  const X509Ptr cert = issue_cert(leaf, key.get(), ca.get(), ca_key.get());

  trust_file_ = dir_.path() / "stub-root.pem";
  write_text(trust_file_, cert_pem(ca.get()));
  const fs::path cert_file = dir_.path() / "stub.pem";
  write_text(cert_file, cert_pem(cert.get()));
  const fs::path key_file = dir_.path() / "stub.key";
  write_key(key_file, key.get());

  server_ = std::make_unique<httplib::SSLServer>(cert_file.c_str(), key_file.c_str());
  if (!server_->is_valid()) throw std::runtime_error("TlsStub: cannot load its certificate");
  if (spec.routes) {
    spec.routes(*server_);
  } else {
    server_->Get("/api/v1/info", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(R"({"api_version": 1, "server_time": "2020-01-01T00:00:00Z"})",
                      "application/json");
    });
  }
  port_ = server_->bind_to_any_port("127.0.0.1");  // listens from here on; accepts in the thread
  if (port_ <= 0) throw std::runtime_error("TlsStub: cannot listen");
  thread_ = std::thread([this] { server_->listen_after_bind(); });
}

TlsStub::~TlsStub() {
  // stop() only works once the accept loop runs; give the thread the time to get there.
  for (int i = 0; i < 500 && !server_->is_running(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  server_->stop();
  thread_.join();
}

fs::path write_unrelated_ca(const fs::path& dir) {
  const EvpKey key = make_key(KeyKind::ec_p256);
  const X509Ptr ca = make_ca(key.get(), "Unrelated root");
  const fs::path file = dir / "unrelated-root.pem";
  write_text(file, cert_pem(ca.get()));
  return file;
}

}  // namespace certrenew::testing
