#pragma once
// The names of the key usage bits (RFC 5280 4.2.1.3), for the certificate model and for messages
// that say which usage a certificate lost.

#include <cstdint>
#include <string>
#include <vector>

namespace certrenew::x509 {

// The RFC 5280 names ("digitalSignature", ...) of the key usage bits set in `bits` (OpenSSL's
// KU_* values, as X509_get_key_usage gives them), in bit order.
std::vector<std::string> key_usage_names(std::uint32_t bits);

}  // namespace certrenew::x509
