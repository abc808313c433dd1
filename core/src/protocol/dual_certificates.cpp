#include "certrenew/core/protocol/dual_certificates.hpp"

#include <cctype>

namespace certrenew::protocol {
namespace {

constexpr std::string_view kBegin = "-----BEGIN CERTIFICATE-----";
constexpr std::string_view kEnd = "-----END CERTIFICATE-----";

std::string_view trimmed(std::string_view s) {
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

std::size_t count(std::string_view text, std::string_view what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string_view::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

std::string certificate_pem(ByteView der) {
  const std::string b64 = to_base64(der);
  std::string pem(kBegin);
  pem += '\n';
  for (std::size_t at = 0; at < b64.size(); at += 64) {
    pem += b64.substr(at, 64);
    pem += '\n';
  }
  pem += kEnd;
  pem += '\n';
  return pem;
}

x509::Certificate decode_encryption_certificate(const Field& field) {
  const std::string text = field.text(kMaxEncryptionCertificatePem);
  const std::string_view pem = trimmed(text);
  // One block and nothing around it: the PEM reader would skip text before the block and keys
  // or further certificates after it, which must not ride along unnoticed.
  if (!pem.starts_with(kBegin) || !pem.ends_with(kEnd) || count(pem, "-----BEGIN") != 1 ||
      count(pem, "-----END") != 1)
    field.fail("not exactly one PEM certificate");
  x509::Certificate cert;
  try {
    cert = x509::parse_certificate(as_bytes(pem));
  } catch (const x509::CertificateError&) {
    field.fail("not a well-formed certificate");
  }
  if (cert.public_key.type != x509::KeyType::sm2) field.fail("not an SM2 certificate");
  return cert;
}

nlohmann::json encode(const EncryptionKeyDelivery& d) {
  return {{"certificate", certificate_pem(d.certificate.der)}, {"envelope", to_base64(d.envelope)}};
}

EncryptionKeyDelivery decode_encryption_key_delivery(const Field& field) {
  field.require_object();
  EncryptionKeyDelivery d;
  d.certificate = decode_encryption_certificate(field.at("certificate"));
  d.envelope = field.at("envelope").base64(kMaxEnvelopeBytes);
  if (d.envelope.empty()) field.at("envelope").fail("empty");
  return d;
}

void add_to_answer(const DualCertificateDownload& download, nlohmann::json& answer) {
  if (download.encryption) answer["encryption"] = encode(*download.encryption);
  if (download.recovered.empty()) return;
  nlohmann::json list = nlohmann::json::array();
  for (const auto& r : download.recovered) list.push_back(encode(r));
  answer["recovered"] = std::move(list);
}

DualCertificateDownload decode_dual_certificate_download(const Field& root) {
  DualCertificateDownload out;
  if (auto e = root.find("encryption")) out.encryption = decode_encryption_key_delivery(*e);
  if (auto list = root.find("recovered"))
    for (const Field& item : list->items(kMaxRecoveredKeys))
      out.recovered.push_back(decode_encryption_key_delivery(item));
  return out;
}

}  // namespace certrenew::protocol
