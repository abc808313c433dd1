#include "certrenew/client/flow/issuer_trust.hpp"

#include <fstream>
#include <iterator>

#include <spdlog/spdlog.h>

#include "certrenew/client/store/atomic_file.hpp"
#include "certrenew/client/store/client_config.hpp"
#include "certrenew/core/x509/certificate.hpp"
#include "flow_text.hpp"

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
  // problem: the end of an "issuer_ca.configured.*" or "issuer_ca.pinned.*" id.
  auto fail = [&](std::string_view problem, std::string_view why = {}) -> IssuerAnchor {
    const std::string id = std::string(configured ? "issuer_ca.configured." : "issuer_ca.pinned.") +
                           std::string(problem);
    throw ConfigError("issuer_ca", flow_error(id, file.string(), why));
  };
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  if (ec) return fail("unreadable");
  if (size > kMaxAnchorFileSize) return fail("too_large");
  std::ifstream in(file, std::ios::binary);
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (!in && !in.eof()) return fail("unreadable");
  try {
    return describe(Bytes(text.begin(), text.end()), source, file);
  } catch (const x509::CertificateError& e) {
    return fail(configured ? "not_a_certificate" : "damaged", e.what());
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
