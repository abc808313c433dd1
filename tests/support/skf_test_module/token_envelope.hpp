#pragma once
// TEST DOUBLE: the "chip's" side of dual certificates, with the driver kit's OpenSSL code
// (certrenew/driver_kit/sm2_envelope.hpp): opening an ENVELOPEDKEYBLOB with the container's
// signing key, as SKF_ImportECCKeyPair does, and unwrapping a session key with the encryption
// key, as SKF_ImportSessionKey does. Values are read in the layout the double writes its own
// blobs in (right-aligned, or left-aligned under the left_aligned fault): cbEncryptedPriKey holds
// the 32-byte SM4-ECB ciphertext of the private key in the same half as every other value.
#include <certrenew/skf/gmt0016.h>

#include <string>

#include "device_store.hpp"

namespace certrenew::skf_testdouble {

// The encryption key pair as PEM, or "" when the blob does not open to a consistent pair (other
// half of a field not zero, not SM4-ECB, sealed to another key, tampered).
std::string open_enveloped_blob(const std::string& sign_pem, const ENVELOPEDKEYBLOB& head,
                                const BYTE* cipher, bool left_aligned);
// The 16-byte SM4 key wrapped to the encryption key; empty when it does not unwrap.
Bytes unwrap_session_key(const std::string& enc_pem, const ECCCIPHERBLOB& head, const BYTE* cipher,
                         bool left_aligned);
// SM4-ECB decryption without padding; empty on failure.
Bytes sm4_ecb_decrypt(const Bytes& key, const Bytes& data);

}  // namespace certrenew::skf_testdouble
