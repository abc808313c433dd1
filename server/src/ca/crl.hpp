#pragma once
// The built-in CA's certificate revocation list (RFC 5280 v2 CRL): signed like the CA's
// certificates (SHA-256, or SM3 with the GM/T 0009 ID for an SM2 CA), with a CRL number and the
// authority key identifier.

#include <cstdint>
#include <string>
#include <vector>

#include "ca/authority.hpp"

namespace certrenew::server {

struct CrlEntry {
  std::string serial_hex;
  Clock::time_point revoked_at;
  int reason = 0;  // RFC 5280 CRLReason; 0 (unspecified) is left out, as RFC 5280 asks
};

std::vector<std::uint8_t> make_crl(const CertificateAuthority& ca,
                                   const std::vector<CrlEntry>& entries, std::int64_t crl_number,
                                   Clock::time_point this_update, Clock::time_point next_update);

}  // namespace certrenew::server
