#include "service/dual_certificates.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <algorithm>

#include "ca/key_identity.hpp"
#include "certrenew/core/pki/sm2_envelope.hpp"
#include "certrenew/core/pki/trust.hpp"
#include "service/catalogue_errors.hpp"

namespace certrenew::server {
namespace {

// PKCS#8 DER of the private key, in a buffer wiped when it goes.
SecureBuffer private_key_der(EVP_PKEY* key) {
  std::unique_ptr<PKCS8_PRIV_KEY_INFO, decltype(&PKCS8_PRIV_KEY_INFO_free)> info(
      EVP_PKEY2PKCS8(key), PKCS8_PRIV_KEY_INFO_free);
  unsigned char* der = nullptr;
  const int len = info ? i2d_PKCS8_PRIV_KEY_INFO(info.get(), &der) : -1;
  if (len <= 0) throw IssuanceError("cannot encode the encryption private key");
  SecureBuffer out(
      std::string_view(reinterpret_cast<const char*>(der), static_cast<std::size_t>(len)));
  OPENSSL_clear_free(der, static_cast<std::size_t>(len));
  return out;
}

PkeyPtr generate_sm2_key() {
  PkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "SM2"));
  if (!key) throw IssuanceError("the KMC could not make an SM2 key pair");
  return key;
}

x509::Certificate parsed(const Bytes& der) {
  return x509::parse_certificate(der);
}

}  // namespace

KeyManagementCentre::KeyManagementCentre(const KmcConfig& config) {
  if (!config.enabled) return;
  policy_ = config.dual_certificates;
  escrow_.emplace(KeyEscrow::load(config));
}

DualCertificatePolicy KeyManagementCentre::policy() const {
  return enabled() ? policy_ : DualCertificatePolicy::never;
}

bool KeyManagementCentre::dual(bool carried, bool sm2) const {
  switch (policy()) {
    case DualCertificatePolicy::when_present:
      return carried && sm2;
    case DualCertificatePolicy::always_sm2:
      return sm2;
    case DualCertificatePolicy::never:
      break;
  }
  return false;
}

const KeyEscrow& KeyManagementCentre::escrow() const {
  if (!escrow_) throw std::logic_error("the key management centre is not configured");
  return *escrow_;
}

std::string KeyManagementCentre::binding(std::int64_t application_id,
                                         const std::string& serial_hex) {
  return "certrenew-kmc-escrow-v1|application:" + std::to_string(application_id) +
         "|certificate:" + serial_hex;
}

PkeyPtr KeyManagementCentre::open(const EscrowedKeyRecord& record) const {
  if (record.master_key_id != escrow().key_id())
    throw EscrowError("the key " + record.serial_hex + " was escrowed under master key " +
                      record.master_key_id + ", not the configured " + escrow().key_id());
  const SecureBuffer der =
      escrow().open(record.sealed_private_key, binding(record.application_id, record.serial_hex));
  const unsigned char* p = der.bytes().data();
  std::unique_ptr<PKCS8_PRIV_KEY_INFO, decltype(&PKCS8_PRIV_KEY_INFO_free)> info(
      d2i_PKCS8_PRIV_KEY_INFO(nullptr, &p, static_cast<long>(der.size())),
      PKCS8_PRIV_KEY_INFO_free);
  PkeyPtr key(info ? EVP_PKCS82PKEY(info.get()) : nullptr);
  if (!key || EVP_PKEY_is_a(key.get(), "SM2") != 1)
    throw EscrowError("the escrowed key " + record.serial_hex + " is not an SM2 private key");
  return key;
}

void check_encryption_certificate(const x509::Certificate& encryption,
                                  const x509::Certificate& signing, const pki::CsrInfo& csr,
                                  const pki::SharedCertificate& ca_anchor, Clock::time_point now) {
  if (encryption.subject.der != signing.subject.der)
    throw kmc_error(400, "encryption_subject_mismatch", "encryption.subject_mismatch");
  // Issued by this CA, checked at a moment of its validity: an expired encryption certificate
  // still belongs to the holder, whose documents sealed to it must stay readable.
  pki::TrustOptions trust;
  trust.decoded_anchors.push_back(ca_anchor);
  const auto now_seconds = std::chrono::floor<std::chrono::seconds>(now);
  trust.at = encryption.not_after < now_seconds ? Clock::time_point(encryption.not_after) : now;
  if (!pki::check_chain(encryption.der, trust).trusted)
    throw kmc_error(403, "encryption_certificate_not_ours", "encryption.not_ours");
  if (csr.public_key == nullptr || EVP_PKEY_is_a(csr.public_key.get(), "SM2") != 1)
    throw kmc_error(400, "encryption_needs_sm2_key", "encryption.needs_sm2_key");
}

void issue_encryption_pair(StoreTx& tx, Issuer& issuer, const KeyManagementCentre& kmc,
                           const ApplicationRecord& r, const x509::Certificate& signing,
                           Clock::time_point now, const std::string& actor) {
  if (!kmc.enabled()) return;
  const bool carried = tx.encryption_request(r.id).has_value();
  if (!kmc.dual(carried, signing.public_key.type == x509::KeyType::sm2)) return;

  PkeyPtr key = generate_sm2_key();
  const Bytes spki = canonical_spki(key.get());
  const Bytes cert_der = issuer.issue_encryption({signing.der, spki, now, r.business_no});
  const x509::Certificate cert = parsed(cert_der);
  if (cert.public_key.spki_der != spki || cert.subject.der != signing.subject.der)
    throw IssuanceError("the issuer's encryption certificate is not for the KMC's key and subject");

  const std::int64_t at =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  EscrowedKeyRecord escrowed;
  escrowed.serial_hex = cert.serial_hex;
  escrowed.application_id = r.id;
  escrowed.subject_der = cert.subject.der;
  escrowed.certificate_der = cert_der;
  escrowed.master_key_id = kmc.escrow().key_id();
  escrowed.sealed_private_key = kmc.escrow().seal(
      private_key_der(key.get()).bytes(), KeyManagementCentre::binding(r.id, cert.serial_hex));
  escrowed.envelope = pki::seal_sm2_envelope(signing.public_key.spki_der, key.get());
  escrowed.created_at = at;
  tx.put_escrowed_key(escrowed);
  tx.append_event(r.id, {at, actor, "encryption_certificate_issued",
                         "encryption certificate " + cert.serial_hex + ", key escrowed"});
}

protocol::DualCertificateDownload dual_certificate_download(StoreTx& tx,
                                                            const ApplicationRecord& r) {
  protocol::DualCertificateDownload out;
  if (auto own = tx.escrowed_key_of(r.id))
    out.encryption = protocol::EncryptionKeyDelivery{parsed(own->certificate_der), own->envelope};
  for (const KeyRecoveryRecord& recovery : tx.key_recoveries(r.id))
    if (auto key = tx.escrowed_key(recovery.serial_hex))
      out.recovered.push_back({parsed(key->certificate_der), recovery.envelope});
  return out;
}

}  // namespace certrenew::server
