#pragma once
// The applicant's side of the protocol for server tests: a customer certificate issued by the
// instance's CA (as the CA's enrollment would), and signed applications built with the real
// core/pki code. The keys are OpenSSL keys behind the OpenSslKeySigner test double; the real
// client with a token is tested in the client-flow suites.

#include <chrono>
#include <string>

#include <nlohmann/json.hpp>

#include "certrenew/core/bytes.hpp"
#include "openssl_key_signer.hpp"
#include "server_process.hpp"
#include "test_pki.hpp"

namespace certrenew::server {
class CertificateAuthority;
}

namespace certrenew::testing {

struct Applicant {
  EvpKey old_key;
  Bytes old_cert_der;
  EvpKey new_key;

  // A customer of `server`'s CA whose certificate ends `not_after` (default: in 20 days).
  static Applicant of(const ServerProcess& server, KeyKind kind = KeyKind::ec_p256,
                      std::chrono::system_clock::time_point not_after =
                          std::chrono::system_clock::now() + std::chrono::days(20));
  // The same with the CA in hand, for in-process users (bench/server).
  static Applicant of(const server::CertificateAuthority& ca, KeyKind kind,
                      std::chrono::system_clock::time_point not_after);

  // The application content with valid defaults; tests change fields before signing.
  nlohmann::json content(const ServerProcess& server, int period_months = 24) const;
  // The same for a given agreement ({"version", "sha256"}, as GET /api/v1/agreement returns it).
  nlohmann::json content(const nlohmann::json& agreement, int period_months = 24) const;
  // Signs `content` (adding the CSR for new_key unless it has one) with the old key.
  Bytes sign(nlohmann::json content) const;
  // {"signed_application": base64(sign(content))}
  nlohmann::json body(const nlohmann::json& content) const;
};

std::string fresh_nonce();
std::string iso_now(std::chrono::seconds offset = std::chrono::seconds(0));

}  // namespace certrenew::testing
