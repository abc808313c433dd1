#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "attributes.hpp"
#include "driver_config.hpp"
#include "mechanisms.hpp"

namespace certrenew::pkcs11 {

struct GeneratedPair {
  Bytes id;    // CKA_ID of both halves
  Bytes spki;  // DER SubjectPublicKeyInfo of the public half
};

// Generates a key pair on the token with `m.keygen`: the private half on the token, private,
// sensitive and never extractable; the public half on the token and public. Afterwards the
// private key's CKA_NEVER_EXTRACTABLE, CKA_ALWAYS_SENSITIVE (and the other protections) are read
// back: a token that did not honour them gets the pair deleted and an error. `bits` is the RSA
// modulus size (0: 2048). The session must be logged in.
//
// The CKA_ID is 20 random bytes, set in the generation template itself. A SHA-1 of the public
// key (OpenSC's habit) would need a C_SetAttributeValue after generation, which some tokens
// refuse and which leaves a window where the pair exists under a temporary id; a random id is
// fixed from the first moment and as unique.
GeneratedPair generate_key_pair(SessionRef s, const SignMechanism& m, std::uint32_t bits,
                                const std::string& label, const std::optional<Sm2Config>& sm2);

}  // namespace certrenew::pkcs11
