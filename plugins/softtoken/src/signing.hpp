#pragma once

// Signatures with a token key: RSA PKCS#1 v1.5 SHA-256, ECDSA P-256 SHA-256 (DER) and SM2 with
// SM3 and a signer ID (DER). Input is always the whole message (CRT_INPUT_DATA).

#include "key_material.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace certrenew::softtoken {

// The GM/T 0009 default signer ID, used when the caller gives none.
inline constexpr char kDefaultSm2Id[] = "1234567812345678";

// The largest signature the key can make (the size to announce in the two-call pattern).
std::size_t max_signature_size(const EVP_PKEY* key);

std::vector<std::uint8_t> sign_message(EVP_PKEY* key, std::uint32_t algorithm,
                                       std::span<const std::uint8_t> signer_id,
                                       std::span<const std::uint8_t> message);

}  // namespace certrenew::softtoken
