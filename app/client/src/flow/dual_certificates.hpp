#pragma once
// SM2 dual certificates on the holder's side (issue 21): an encryption certificate is recognised
// next to the signing one on the token, and at installation the new encryption key pair (sealed
// by the CA's KMC to the new signing key) and its certificate are written next to the new
// signing key and read back. The previous encryption pair stays on the token (key history):
// documents sealed to it must still open.

#include <optional>
#include <string>
#include <vector>

#include "certrenew/client/flow/renewal_flow.hpp"
#include "certrenew/client/flow/token_inventory.hpp"
#include "certrenew/client/service/service_api.hpp"
#include "certrenew/core/pki/sm2_envelope.hpp"
#include "certrenew/core/pki/trust.hpp"
#include "certrenew/core/token/session.hpp"

namespace certrenew::client {

// An encryption certificate: the token lists it as an encryption key's, or its keyUsage allows
// key/data encipherment and not signatures.
bool is_encryption_certificate(const x509::Certificate& certificate, token::KeyUsage listed);

// The newest encryption certificate on the token with `signing`'s subject (DER), if any, other
// than `not_this` (the one being installed, on a repeated installation).
std::optional<Bytes> encryption_partner(const std::vector<token::TokenObject>& objects,
                                        const x509::Certificate& signing,
                                        const std::optional<Bytes>& not_this = std::nullopt);

// Takes the encryption certificates out of `entries` (they are renewed with their signing
// certificate, never alone) and notes each on the signing certificate of its token and subject.
void pair_encryption_certificates(std::vector<CertificateEntry>& entries);

// The token's facts (can it hold encryption keys?); FlowError(token_missing) when it is gone.
token::TokenInfo session_token_info(const TokenInventory& inventory, const std::string& token_id);

// A delivered encryption key pair, checked before anything is written.
struct CheckedDelivery {
  Bytes certificate;  // DER
  pki::Sm2EnvelopedKey envelope;
  Bytes spki;  // of the encryption public key, in both the certificate and the envelope
};

// Checks what the download delivers for the encryption side before the signing certificate is
// written: the token can hold encryption keys, each envelope decodes, each certificate chains to
// the issuer, is for the envelope's key, has the signing certificate's subject and allows
// key/data encipherment (and, against the previous encryption certificate when there is one,
// keeps its subject). Throws FlowError(certificate_rejected / token_failure).
std::vector<CheckedDelivery> check_encryption_deliveries(const CertificateDownload& download,
                                                         const token::TokenInfo& token,
                                                         const Bytes& new_signing,
                                                         const std::optional<Bytes>& old_encryption,
                                                         const pki::TrustOptions& trust);

// Writes the first delivery (the new encryption pair) next to the new signing key (before the
// signing certificate, so that a delivery the token refuses, FlowError(certificate_rejected),
// leaves nothing written) and reads it back; later ones (keys recovered from escrow) too where the
// token has room (a GM/T 0016 container holds one pair: those that do not fit are reported in
// `not_stored`). Safe to repeat: what is on the token already is not written again. Throws
// TokenError / FlowError.
struct EncryptionWritten {
  std::optional<token::ObjectId> id;  // of the new encryption pair
  std::vector<std::string> not_stored;
};
EncryptionWritten write_encryption_keys(token::Session& session,
                                        const token::ObjectId& new_signing_key_id,
                                        const std::vector<CheckedDelivery>& deliveries);

}  // namespace certrenew::client
