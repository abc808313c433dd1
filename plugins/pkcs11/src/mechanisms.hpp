#pragma once

#include <certrenew/token_driver.h>

#include <optional>
#include <vector>

#include "driver_config.hpp"
#include "module.hpp"
#include "pkcs11.hpp"

namespace certrenew::pkcs11 {

// How one ABI signature algorithm is done on one token.
//
// The bridge prefers the "raw" mechanisms, with the host hashing: CKM_RSA_PKCS (the driver adds
// the SHA-256 DigestInfo) and CKM_ECDSA (r || s out, which the host DER-encodes). Nearly every
// token and smart card offers those two, while the hash-and-sign mechanisms (CKM_SHA256_RSA_PKCS,
// CKM_ECDSA_SHA256) are often missing on hardware, and hashing on the host sends 32 bytes over
// USB instead of the whole message. A token that has only the hash-and-sign mechanism gets it,
// with the whole message as input.
struct SignMechanism {
  std::uint32_t algorithm = 0;  // CRT_SIG_*
  CK_MECHANISM_TYPE mechanism = 0;
  std::uint32_t input = CRT_INPUT_DIGEST;   // CRT_INPUT_*
  std::uint32_t format = CRT_SIGFMT_PLAIN;  // CRT_SIGFMT_*
  std::optional<CK_MECHANISM_TYPE> keygen;  // set when generate_key can make such keys
  std::uint32_t min_bits = 256, max_bits = 256;
};

// The algorithms the token in `slot` offers (RSA PKCS#1 v1.5 SHA-256, ECDSA P-256 SHA-256, and
// SM2 with SM3 when the configuration names the vendor's SM2 mechanism and the token lists it).
std::vector<SignMechanism> token_mechanisms(const Module& module, CK_SLOT_ID slot,
                                            const std::optional<Sm2Config>& sm2);

// The entry for `algorithm`, or DriverError(CRT_ERR_NOT_SUPPORTED).
const SignMechanism& mechanism_for(const std::vector<SignMechanism>& mechanisms,
                                   std::uint32_t algorithm);

crt_mechanism_info to_abi(const SignMechanism& mechanism);

}  // namespace certrenew::pkcs11
