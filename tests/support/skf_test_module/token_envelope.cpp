// TEST DOUBLE: dual certificates behind the emulated chip (token_envelope.hpp).
#include "token_envelope.hpp"

#include <certrenew/driver_kit/sm2_envelope.hpp>

#include <openssl/bio.h>
#include <openssl/pem.h>

#include <algorithm>
#include <cstring>

#include "token_crypto.hpp"

namespace certrenew::skf_testdouble {

namespace {

namespace kit = driver_kit;

// The 32-byte value of a 64-byte field; false when the other half is not zero.
bool take(const BYTE (&field)[64], bool left_aligned, std::uint8_t* out) {
  const BYTE* value = field + (left_aligned ? 0 : 32);
  const BYTE* rest = field + (left_aligned ? 32 : 0);
  if (std::any_of(rest, rest + 32, [](BYTE b) { return b != 0; })) return false;
  std::memcpy(out, value, 32);
  return true;
}

bool cipher_fields(const ECCCIPHERBLOB& head, const BYTE* cipher, bool left_aligned,
                   crt_sm2_cipher& out) {
  std::memset(&out, 0, sizeof out);
  if (!take(head.XCoordinate, left_aligned, out.x) || !take(head.YCoordinate, left_aligned, out.y))
    return false;
  std::memcpy(out.hash, head.HASH, sizeof out.hash);
  out.ciphertext = cipher;
  out.ciphertext_len = head.CipherLen;
  return true;
}

}  // namespace

std::string open_enveloped_blob(const std::string& sign_pem, const ENVELOPEDKEYBLOB& head,
                                const BYTE* cipher, bool left_aligned) {
  crt_sm2_enveloped_key envelope;
  std::memset(&envelope, 0, sizeof envelope);
  std::uint8_t encrypted[32];
  if (head.Version != 1 || head.ulSymmAlgID != SGD_SM4_ECB || head.ulBits != 256 ||
      head.ECCCipherBlob.CipherLen != 16 ||
      !take(head.cbEncryptedPriKey, left_aligned, encrypted) ||
      !take(head.PubKey.XCoordinate, left_aligned, envelope.public_x) ||
      !take(head.PubKey.YCoordinate, left_aligned, envelope.public_y) ||
      !cipher_fields(head.ECCCipherBlob, cipher, left_aligned, envelope.sym_key))
    return {};
  envelope.sym_algorithm = CRT_SYM_SM4_ECB;
  envelope.encrypted_private_key = encrypted;
  envelope.encrypted_private_key_len = sizeof encrypted;
  const kit::EvpPkeyPtr signing = private_key_from_pem(sign_pem);
  if (!signing) return {};
  try {
    const kit::EvpPkeyPtr pair = kit::open_enveloped_key(signing.get(), envelope);
    return private_key_pem(pair.get());
  } catch (const kit::DriverError&) {
    return {};
  }
}

Bytes unwrap_session_key(const std::string& enc_pem, const ECCCIPHERBLOB& head, const BYTE* cipher,
                         bool left_aligned) {
  crt_sm2_cipher wrapped;
  const kit::EvpPkeyPtr key = private_key_from_pem(enc_pem);
  if (!key || head.CipherLen != 16 || !cipher_fields(head, cipher, left_aligned, wrapped))
    return {};
  try {
    const kit::Secret plain = kit::sm2_decrypt(key.get(), wrapped);
    return Bytes(plain.data(), plain.data() + plain.size());
  } catch (const kit::DriverError&) {
    return {};
  }
}

Bytes sm4_ecb_decrypt(const Bytes& key, const Bytes& data) {
  if (key.size() != 16) return {};
  try {
    const kit::Secret plain = kit::sm4_ecb(false, key.data(), data.data(), data.size());
    return Bytes(plain.data(), plain.data() + plain.size());
  } catch (const kit::DriverError&) {
    return {};
  }
}

}  // namespace certrenew::skf_testdouble
