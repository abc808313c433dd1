// The typed GM/T 0009 SM2 envelope codec: every field of the ASN.1 structures is checked here, so
// a value of pki::Sm2EnvelopedKey is always one a token can be handed.
#include "certrenew/core/pki/sm2_envelope.hpp"

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/objects.h>

#include <algorithm>
#include <string>

#include "pki/openssl_error.hpp"
#include "pki/sm2_envelope_asn1.hpp"
#include "pki/sm2_envelope_fields.hpp"

namespace certrenew::pki {

namespace {

using namespace detail;

constexpr std::size_t kUncompressedPointSize = 1 + 2 * kSm2FieldSize;
constexpr std::size_t kEncryptedPrivateKeySize = kSm2FieldSize;  // SM4-ECB, no padding

[[noreturn]] void malformed(std::string_view what) {
  fail(PkiErrc::malformed, std::string("SM2 envelope: ") + std::string(what));
}

Sm2Field integer_field(const ASN1_INTEGER* integer, std::string_view name) {
  if (ASN1_STRING_type(integer) != V_ASN1_INTEGER) malformed(std::string(name) + " is negative");
  const int length = ASN1_STRING_length(integer);
  if (length < 0 || static_cast<std::size_t>(length) > kSm2FieldSize) {
    malformed(std::string(name) + " is longer than 32 bytes");
  }
  Sm2Field field{};
  std::copy_n(ASN1_STRING_get0_data(integer), length,
              field.end() - static_cast<std::ptrdiff_t>(length));
  return field;
}

Sm2Field fixed_field(const ASN1_STRING* string, std::string_view name) {
  if (ASN1_STRING_length(string) != static_cast<int>(kSm2FieldSize)) {
    malformed(std::string(name) + " is not 32 bytes");
  }
  Sm2Field field{};
  std::copy_n(ASN1_STRING_get0_data(string), kSm2FieldSize, field.begin());
  return field;
}

Bytes bytes_of(const ASN1_STRING* string) {
  const unsigned char* data = ASN1_STRING_get0_data(string);
  return Bytes(data, data + ASN1_STRING_length(string));
}

// A BIT STRING that holds whole bytes (its unused-bits count is 0).
Bytes whole_bytes_of(const ASN1_BIT_STRING* bits, std::string_view name) {
  if ((bits->flags & ASN1_STRING_FLAG_BITS_LEFT) != 0 && (bits->flags & 0x07) != 0) {
    malformed(std::string(name) + " is not a whole number of bytes");
  }
  return bytes_of(bits);
}

void require_on_curve(const Sm2Field& x, const Sm2Field& y, std::string_view name) {
  if (!sm2_point_is_valid(x, y)) malformed(std::string(name) + " is not a point on the SM2 curve");
}

// GM/T 0006 names SM4 1.2.156.10197.1.104; OpenSSL knows the ECB mode's arc (.104.1). An envelope
// uses SM4 in ECB mode either way (GM/T 0016 SGD_SM4_ECB), so both are taken.
void require_sm4(const X509_ALGOR* algorithm) {
  const ASN1_OBJECT* oid = nullptr;
  int parameter_type = V_ASN1_UNDEF;
  X509_ALGOR_get0(&oid, &parameter_type, nullptr, algorithm);
  char text[64] = {};
  OBJ_obj2txt(text, sizeof text, oid, 1);
  const std::string dotted(text);
  if (OBJ_obj2nid(oid) != NID_sm4_ecb && dotted != "1.2.156.10197.1.104") {
    fail(PkiErrc::unsupported_algorithm,
         "SM2 envelope: symmetric algorithm " + dotted + " is not SM4");
  }
  if (parameter_type != V_ASN1_UNDEF && parameter_type != V_ASN1_NULL) {
    malformed("SM4 takes no parameters in ECB mode");
  }
}

void check_cipher(const Sm2Cipher& cipher) {
  require_on_curve(cipher.x, cipher.y, "C1");
  if (cipher.ciphertext.empty()) malformed("C2 (CipherText) is empty");
}

Sm2Cipher typed(const Sm2CipherAsn1& asn1) {
  Sm2Cipher cipher;
  cipher.x = integer_field(asn1.x, "C1.x");
  cipher.y = integer_field(asn1.y, "C1.y");
  cipher.hash = fixed_field(asn1.hash, "C3 (HASH)");
  cipher.ciphertext = bytes_of(asn1.ciphertext);
  return cipher;
}

void check_envelope_fields(const Sm2EnvelopedKey& envelope) {
  check_cipher(envelope.encrypted_key);
  if (envelope.encrypted_key.ciphertext.size() != kSm4KeySize) {
    malformed("the encrypted symmetric key is not a 16-byte SM4 key");
  }
  require_on_curve(envelope.public_x, envelope.public_y, "the public key");
  if (envelope.encrypted_private_key.size() != kEncryptedPrivateKeySize) {
    malformed("the encrypted private key is not 32 bytes");
  }
}

Sm2CipherAsn1Ptr asn1_of(const Sm2Cipher& cipher) {
  auto asn1 = new_sm2_cipher_asn1();
  set_integer(asn1->x, cipher.x);
  set_integer(asn1->y, cipher.y);
  require(ASN1_OCTET_STRING_set(asn1->hash, cipher.hash.data(), kSm2FieldSize) == 1,
          "ASN1_OCTET_STRING_set");
  require(ASN1_OCTET_STRING_set(asn1->ciphertext, cipher.ciphertext.data(),
                                static_cast<int>(cipher.ciphertext.size())) == 1,
          "ASN1_OCTET_STRING_set");
  return asn1;
}

void set_whole_bytes(ASN1_BIT_STRING* bits, ByteView bytes) {
  require(ASN1_BIT_STRING_set(bits, const_cast<unsigned char*>(bytes.data()),
                              static_cast<int>(bytes.size())) == 1,
          "ASN1_BIT_STRING_set");
  // Say "0 unused bits" explicitly, or OpenSSL drops trailing zero bytes when encoding.
  bits->flags = (bits->flags & ~0x07L) | ASN1_STRING_FLAG_BITS_LEFT;
}

}  // namespace

Sm2Cipher decode_sm2_cipher(ByteView der) {
  const auto asn1 = decode_sm2_cipher_asn1(der);
  if (asn1 == nullptr) malformed("SM2Cipher is not DER of the GM/T 0009 structure");
  Sm2Cipher cipher = typed(*asn1);
  check_cipher(cipher);
  return cipher;
}

Sm2EnvelopedKey decode_sm2_enveloped_key(ByteView der) {
  const auto asn1 = decode_sm2_enveloped_key_asn1(der);
  if (asn1 == nullptr) malformed("not DER of the GM/T 0009 SM2EnvelopedKey structure");
  require_sm4(asn1->sym_alg);
  Sm2EnvelopedKey envelope;
  envelope.encrypted_key = typed(*asn1->encrypted_key);
  const Bytes point = whole_bytes_of(asn1->public_key, "the public key");
  if (point.size() != kUncompressedPointSize || point[0] != 0x04) {
    malformed("the public key is not an uncompressed point 04 || X || Y");
  }
  std::copy_n(point.begin() + 1, kSm2FieldSize, envelope.public_x.begin());
  std::copy_n(point.begin() + 1 + kSm2FieldSize, kSm2FieldSize, envelope.public_y.begin());
  envelope.encrypted_private_key =
      whole_bytes_of(asn1->encrypted_private_key, "the encrypted private key");
  check_envelope_fields(envelope);
  return envelope;
}

Bytes encode_sm2_cipher(const Sm2Cipher& cipher) {
  try {
    check_cipher(cipher);
  } catch (const PkiError& e) {
    fail(PkiErrc::invalid_argument, e.what());
  }
  return encode(*asn1_of(cipher));
}

Bytes encode_sm2_enveloped_key(const Sm2EnvelopedKey& envelope) {
  try {
    check_envelope_fields(envelope);
  } catch (const PkiError& e) {
    fail(PkiErrc::invalid_argument, e.what());
  }
  auto asn1 = new_sm2_enveloped_key_asn1();
  require(X509_ALGOR_set0(asn1->sym_alg, OBJ_nid2obj(NID_sm4_ecb), V_ASN1_UNDEF, nullptr) == 1,
          "X509_ALGOR_set0");
  Sm2CipherAsn1Free{}(asn1->encrypted_key);
  asn1->encrypted_key = asn1_of(envelope.encrypted_key).release();
  Bytes point{0x04};
  point.insert(point.end(), envelope.public_x.begin(), envelope.public_x.end());
  point.insert(point.end(), envelope.public_y.begin(), envelope.public_y.end());
  set_whole_bytes(asn1->public_key, point);
  set_whole_bytes(asn1->encrypted_private_key, envelope.encrypted_private_key);
  return encode(*asn1);
}

}  // namespace certrenew::pki
