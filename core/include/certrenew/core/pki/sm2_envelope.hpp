#pragma once
// The SM2 digital envelope that delivers a CA-generated encryption key pair to a token (issue 21):
// GM/T 0009-2012 section 7.4
//
//   SM2EnvelopedKey ::= SEQUENCE {
//     symAlgID               AlgorithmIdentifier,  -- SM4 (ECB): the only one accepted
//     symEncryptedKey        SM2Cipher,            -- the SM4 key, SM2-encrypted to the holder's
//                                                  -- signing public key
//     sm2PublicKey           SM2PublicKey,         -- BIT STRING 04 || X || Y of the encryption key
//     sm2EncryptedPrivateKey BIT STRING }          -- SM4-ECB of the encryption private key
//   SM2Cipher ::= SEQUENCE { XCoordinate INTEGER, YCoordinate INTEGER,
//                            HASH OCTET STRING (SIZE(32)), CipherText OCTET STRING }  -- C1 C3 C2
//
// Envelope layout choice (documented in docs/protocol.md and tested): sm2EncryptedPrivateKey is the
// SM4-ECB encryption, without padding, of the 32-byte big-endian private key, so 32 bytes; the
// symmetric key is 16 bytes, so CipherText is 16 bytes. Anything else is refused.
//
// The service seals (seal_sm2_envelope); the host decodes what it downloaded with the one strict
// decoder (decode_sm2_enveloped_key) and hands the fields to the token driver; a software token
// opens it (open_sm2_envelope) with the signing private key.

#include <array>
#include <cstdint>

#include "certrenew/core/bytes.hpp"
#include "certrenew/core/openssl_ptr.hpp"
#include "certrenew/core/pki/error.hpp"

namespace certrenew::pki {

inline constexpr std::size_t kSm2FieldSize = 32;  // a coordinate, a private key, an SM3 hash
inline constexpr std::size_t kSm4KeySize = 16;
using Sm2Field = std::array<std::uint8_t, kSm2FieldSize>;  // big-endian, left-padded with zeros

// An SM2 ciphertext (GM/T 0009 SM2Cipher, also what OpenSSL's SM2 encryption outputs as DER).
struct Sm2Cipher {
  Sm2Field x{};  // C1, the ephemeral point
  Sm2Field y{};
  Sm2Field hash{};   // C3 = SM3(x2 || M || y2)
  Bytes ciphertext;  // C2, as long as the message

  bool operator==(const Sm2Cipher&) const = default;
};

struct Sm2EnvelopedKey {
  // symAlgID is always SM4 in ECB mode: the decoder refuses any other algorithm.
  Sm2Cipher encrypted_key;  // the 16-byte SM4 key, SM2-encrypted to the signing key
  Sm2Field public_x{};      // the encryption public key (a point on the SM2 curve)
  Sm2Field public_y{};
  Bytes encrypted_private_key;  // SM4-ECB(private key), 32 bytes

  bool operator==(const Sm2EnvelopedKey&) const = default;
};

// The strict decoders: DER only (the input must be the encoder's output for the decoded value, so
// no BER, no trailing bytes, no over-long lengths), SM4 only, field sizes as above, points on the
// SM2 curve. Throw PkiError: malformed, or unsupported_algorithm for another symAlgID.
Sm2EnvelopedKey decode_sm2_enveloped_key(ByteView der);
Sm2Cipher decode_sm2_cipher(ByteView der);

// DER of the structures; throws PkiError(invalid_argument) for fields the decoder would refuse.
Bytes encode_sm2_enveloped_key(const Sm2EnvelopedKey& envelope);
Bytes encode_sm2_cipher(const Sm2Cipher& cipher);

// The service's side: a fresh random SM4 key, SM2-encrypted to `signing_public_key`; the private
// key of `encryption_key` SM4-ECB encrypted; the DER SM2EnvelopedKey. Both keys must be SM2 keys
// (PkiError key_mismatch otherwise). Intermediate secrets are wiped.
Bytes seal_sm2_envelope(const EVP_PKEY* signing_public_key, const EVP_PKEY* encryption_key);
// The same with the signing public key as DER SubjectPublicKeyInfo (from the holder's request).
Bytes seal_sm2_envelope(ByteView signing_spki_der, const EVP_PKEY* encryption_key);

// Data sealed to an SM2 encryption key (a digital envelope, as sealed tender bids are), in the
// form a token's open_sealed takes: a fresh 16-byte SM4 key SM2-encrypted to the key, and the
// data SM4-ECB encrypted with it. `blocks` is whole 16-byte blocks (the caller pads);
// PkiError invalid_argument otherwise, key_mismatch for a key that is not SM2.
struct SealedData {
  Sm2Cipher wrapped_key;
  Bytes data;
};
SealedData seal_data(ByteView recipient_spki_der, ByteView blocks);
// SM2 encryption of a short message to an SM2 public key (what `openssl pkeyutl -encrypt` does).
Sm2Cipher sm2_encrypt(const EVP_PKEY* recipient, ByteView message);

// The DER SubjectPublicKeyInfo of the encryption public key an envelope carries (to compare with
// the encryption certificate and with what the token lists after the import).
Bytes public_key_spki(const Sm2EnvelopedKey& envelope);

// A software token's side: the encryption key pair inside `envelope`, opened with the signing
// private key. Throws PkiError: key_mismatch when the envelope was not sealed to this key or its
// private key does not match its public key (a tampered envelope), malformed otherwise.
ossl::EvpPkeyPtr open_sm2_envelope(const Sm2EnvelopedKey& envelope,
                                   const EVP_PKEY* signing_private_key);

}  // namespace certrenew::pki
