#include "certrenew/client/flow/issuer_trust.hpp"

#include <fstream>
#include <iterator>

#include <spdlog/spdlog.h>

#include "certrenew/client/store/atomic_file.hpp"
#include "certrenew/client/store/client_config.hpp"
#include "certrenew/core/x509/certificate.hpp"

namespace certrenew::client {

namespace {

namespace fs = std::filesystem;

// A CA certificate file is small; anything bigger is not one.
constexpr std::uintmax_t kMaxAnchorFileSize = 256 * 1024;

IssuerAnchor describe(Bytes der, IssuerAnchor::Source source, fs::path file) {
  const x509::Certificate cert = x509::parse_certificate(der);
  IssuerAnchor a;
  a.subject = cert.subject.display();
  a.fingerprint = x509::format_fingerprint(cert.sha256_fingerprint);
  a.der = cert.der;
  a.source = source;
  a.file = std::move(file);
  return a;
}

IssuerAnchor read_anchor(const fs::path& file, IssuerAnchor::Source source) {
  const bool configured = source == IssuerAnchor::Source::configured;
  auto fail = [&](const std::string& en, const std::string& zh) -> IssuerAnchor {
    throw ConfigError("issuer_ca",
                      (configured ? "The issuing CA certificate " : "The pinned issuing CA ") +
                          file.string() + " " + en,
                      (configured ? "签发 CA 证书文件 " : "已固定的签发 CA 证书文件 ") +
                          file.string() + " " + zh);
  };
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  if (ec) return fail("cannot be read.", "无法读取。");
  if (size > kMaxAnchorFileSize) return fail("is too large.", "过大。");
  std::ifstream in(file, std::ios::binary);
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (!in && !in.eof()) return fail("cannot be read.", "无法读取。");
  try {
    return describe(Bytes(text.begin(), text.end()), source, file);
  } catch (const x509::CertificateError& e) {
    if (configured)
      return fail(std::string("is not a certificate: ") + e.what() + ".",
                  std::string("不是证书：") + e.what() + "。");
    return fail(std::string("is damaged (") + e.what() +
                    "). Delete it to pin the service's CA again at the next contact, after "
                    "checking with the CA which CA that is.",
                std::string("已损坏（") + e.what() +
                    "）。请先向证书机构核实签发 CA，再删除该文件，下次联系服务时将重新固定。");
  }
}

}  // namespace

std::string_view code(IssuerAnchor::Source source) {
  return source == IssuerAnchor::Source::configured ? "configured" : "pinned";
}

IssuerTrust::IssuerTrust(fs::path configured, fs::path pin_file)
    : configured_(std::move(configured)), pin_file_(std::move(pin_file)) {}

std::optional<IssuerAnchor> IssuerTrust::read_locked() const {
  if (!configured_.empty()) return read_anchor(configured_, IssuerAnchor::Source::configured);
  if (pinned_in_memory_) return pinned_in_memory_;
  if (pin_file_.empty()) return std::nullopt;
  std::error_code ec;
  if (!fs::exists(pin_file_, ec)) return std::nullopt;
  return read_anchor(pin_file_, IssuerAnchor::Source::pinned);
}

std::optional<IssuerAnchor> IssuerTrust::anchor() const {
  const std::lock_guard lock(mutex_);
  return read_locked();
}

IssuerAnchor IssuerTrust::on_contact(ByteView service_ca) {
  const std::lock_guard lock(mutex_);
  if (auto in_force = read_locked()) {
    if (!std::equal(in_force->der.begin(), in_force->der.end(), service_ca.begin(),
                    service_ca.end()))
      spdlog::warn(
          "the service names an issuing CA other than the {} one ({}); renewed "
          "certificates are checked against the {} one",
          code(in_force->source), in_force->fingerprint, code(in_force->source));
    return *in_force;
  }
  IssuerAnchor pinned = describe(Bytes(service_ca.begin(), service_ca.end()),
                                 IssuerAnchor::Source::pinned, pin_file_);
  if (pin_file_.empty()) {
    pinned_in_memory_ = pinned;
  } else {
    fs::create_directories(pin_file_.parent_path());
    write_file_atomically(
        pin_file_,
        std::string_view(reinterpret_cast<const char*>(pinned.der.data()), pinned.der.size()));
  }
  spdlog::info("issuing CA pinned at first contact: {} ({})", pinned.subject, pinned.fingerprint);
  return pinned;
}

}  // namespace certrenew::client
