#pragma once
// SM2 dual certificates on the wire (issue 21, docs/protocol.md "Dual certificates"): the holder's
// current encryption certificate in the application, and the new encryption certificate with its
// key pair, sealed to the new signing key (GM/T 0009 SM2EnvelopedKey), in the download answer.
// One strict decoder each, shared by the service and the client.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "certrenew/core/bytes.hpp"
#include "certrenew/core/protocol/json_field.hpp"
#include "certrenew/core/x509/certificate.hpp"

namespace certrenew::protocol {

// A PEM certificate is under 4 KiB; an SM2EnvelopedKey under 300 bytes.
inline constexpr std::size_t kMaxEncryptionCertificatePem = 16 * 1024;
inline constexpr std::size_t kMaxEnvelopeBytes = 4 * 1024;
inline constexpr std::size_t kMaxRecoveredKeys = 16;

// A certificate as PEM text ("-----BEGIN CERTIFICATE-----", base64 in 64-character lines).
std::string certificate_pem(ByteView der);

// An SM2 encryption certificate as PEM, strictly: the text is exactly one CERTIFICATE block
// (whitespace around it allowed, nothing else: no second certificate, no key, no DER), the
// certificate parses and its key is SM2. Throws DecodeError at `field`'s path. Whether its subject
// is the right one is the caller's business (it knows the signing certificate).
x509::Certificate decode_encryption_certificate(const Field& field);

// One encryption key pair delivered to the holder: {"certificate": "<PEM>", "envelope": "<base64
// DER SM2EnvelopedKey>"}, the envelope sealed to the holder's new signing key.
struct EncryptionKeyDelivery {
  x509::Certificate certificate;
  Bytes envelope;
};
nlohmann::json encode(const EncryptionKeyDelivery& delivery);
EncryptionKeyDelivery decode_encryption_key_delivery(const Field& field);

// The dual-certificate part of the certificate download answer: "encryption" (the new encryption
// certificate, when the approval issued one) and "recovered" (escrowed keys an operator
// re-delivered to this application). Both absent for a single-certificate renewal.
struct DualCertificateDownload {
  std::optional<EncryptionKeyDelivery> encryption;
  std::vector<EncryptionKeyDelivery> recovered;
};
// Adds the members to `answer` (an object); absent parts add nothing.
void add_to_answer(const DualCertificateDownload& download, nlohmann::json& answer);
// Reads them from the download answer `root` (both optional).
DualCertificateDownload decode_dual_certificate_download(const Field& root);

}  // namespace certrenew::protocol
