#pragma once
// Issue 21 test support: an SM2 dual-certificate holder of a real certrenew-server's CA (signing
// certificate and key as Applicant has them, plus the encryption certificate the CA's KMC issued
// earlier), and the steps of a dual renewal over the real protocol.

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "applicant.hpp"
#include "application_steps.hpp"
#include "certrenew/core/openssl_ptr.hpp"
#include "certrenew/core/protocol/dual_certificates.hpp"
#include "server_process.hpp"
#include "storage/console_store.hpp"

namespace certrenew::testing {

struct DualHolder {
  Applicant applicant;        // SM2 signing key pair and certificate; the new signing key
  Bytes encryption_cert_der;  // the current encryption certificate (same subject, this CA)

  static DualHolder of(const ServerProcess& server);
  std::string encryption_pem() const;
  // The application content with the encryption certificate in it.
  nlohmann::json content(const ServerProcess& server) const;
};

// A dual holder's application costs the 12-month fee.
inline constexpr const char* kDualFee = "100.00";

// GET the certificate answer (REQUIREs 200) and its dual-certificate part, strictly decoded.
nlohmann::json download_answer(const ServerProcess& server, const Submitted& application);
protocol::DualCertificateDownload dual_part(const nlohmann::json& answer);

// The encryption key pair in an SM2EnvelopedKey, opened with the signing private key.
ossl::EvpPkeyPtr open_envelope(const Bytes& envelope, EVP_PKEY* signing_private_key);
// Whether `key`'s public half is the certificate's public key.
bool is_key_of(EVP_PKEY* key, const Bytes& certificate_der);
// `openssl verify` of a certificate against the instance's CA (SM2 signer ID given); its exit
// status, the tool's output in `out`.
int openssl_verify(const ServerProcess& server, const Bytes& certificate_der, std::string* out);
// `openssl pkeyutl -encrypt` of `message` to the certificate (as a relying party seals a bid),
// decrypted in process with `private_key`.
std::string sealed_and_opened(const ServerProcess& server, const Bytes& certificate_der,
                              EVP_PKEY* private_key, const std::string& message);

// A holder who lost the token: a dual renewal approved (its encryption key escrowed, serial
// `escrowed_serial`), then an application of the same subject from a new token (an SM2 key, no
// encryption certificate), paid and under review: where key recovery applies.
struct LostToken {
  DualHolder holder;
  Submitted first;
  std::string escrowed_serial;
  Applicant fresh;
  Submitted second;
};
LostToken lost_token(const ServerProcess& server);

// Operators with roles (certrenew-server operator add/token); the token's text.
std::string operator_with_role(const ServerProcess& server, const std::string& name,
                               const std::string& role);

// After the server stopped: the entry of one action in its audit log, which must be its only one;
// the whole chain checked intact.
server::AuditEntry only_audit_entry_of(const ServerProcess& server, const std::string& action);

// How many members of the JSON array `list` have `field` equal to `value` (an application's audit
// entries by action, its events by kind).
std::size_t count_where(const nlohmann::json& list, const std::string& field,
                        const std::string& value);

}  // namespace certrenew::testing
