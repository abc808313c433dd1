// The GM/T 0009 SM2 envelope (issue 21): what the service seals opens with the signing key to the
// same key pair; the one decoder refuses every malformed, non-DER, non-SM4 or tampered envelope.
#include <doctest/doctest.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>

#include <string>

#include "certrenew/core/pki/sm2_envelope.hpp"
#include "pki_fixtures.hpp"

using namespace certrenew;
using namespace certrenew::testing;
using pki::PkiErrc;

namespace {

// DER by hand, so the tests do not depend on the encoder they check.
Bytes bytes(ByteView view) {
  return Bytes(view.begin(), view.end());
}

Bytes integer(const pki::Sm2Field& field) {
  Bytes value(field.begin(), field.end());
  while (value.size() > 1 && value[0] == 0 && value[1] < 0x80) value.erase(value.begin());
  if (value[0] >= 0x80) value.insert(value.begin(), 0x00);
  return tlv(0x02, value);
}

Bytes bit_string(const Bytes& whole_bytes) {
  return tlv(0x03, cat({{0x00}, whole_bytes}));
}

const Bytes kSm4Ecb = {0x06, 0x08, 0x2A, 0x81, 0x1C, 0xCF, 0x55, 0x01, 0x68, 0x01};
const Bytes kSm4 = {0x06, 0x07, 0x2A, 0x81, 0x1C, 0xCF, 0x55, 0x01, 0x68};
const Bytes kSm4Cbc = {0x06, 0x08, 0x2A, 0x81, 0x1C, 0xCF, 0x55, 0x01, 0x68, 0x02};

Bytes cipher_der(const pki::Sm2Cipher& c) {
  return tlv(0x30,
             cat({integer(c.x), integer(c.y), tlv(0x04, bytes(c.hash)), tlv(0x04, c.ciphertext)}));
}

Bytes point(const pki::Sm2EnvelopedKey& e) {
  return cat({{0x04}, bytes(e.public_x), bytes(e.public_y)});
}

Bytes envelope_der(const pki::Sm2EnvelopedKey& e, const Bytes& algorithm = tlv(0x30, kSm4Ecb)) {
  return tlv(0x30, cat({algorithm, cipher_der(e.encrypted_key), bit_string(point(e)),
                        bit_string(e.encrypted_private_key)}));
}

Bytes private_scalar(const EVP_PKEY* key) {
  BIGNUM* d = nullptr;
  REQUIRE(EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_PRIV_KEY, &d) == 1);
  Bytes out(32);
  REQUIRE(BN_bn2binpad(d, out.data(), 32) == 32);
  BN_free(d);
  return out;
}

Bytes spki_of(const EVP_PKEY* key) {
  const int n = i2d_PUBKEY(key, nullptr);
  Bytes der(static_cast<std::size_t>(n));
  unsigned char* out = der.data();
  REQUIRE(i2d_PUBKEY(key, &out) == n);
  return der;
}

struct Sealed {
  EvpKey signing = make_key(KeyKind::sm2);
  EvpKey encryption = make_key(KeyKind::sm2);
  Bytes der = pki::seal_sm2_envelope(signing.get(), encryption.get());
  pki::Sm2EnvelopedKey envelope = pki::decode_sm2_enveloped_key(der);
};

PkiErrc decode_error(const Bytes& der) {
  const auto code = pki_error_of([&] { pki::decode_sm2_enveloped_key(der); });
  REQUIRE(code.has_value());
  return *code;
}

PkiErrc open_error(const pki::Sm2EnvelopedKey& envelope, const EVP_PKEY* signing) {
  const auto code = pki_error_of([&] { pki::open_sm2_envelope(envelope, signing); });
  REQUIRE(code.has_value());
  return *code;
}

}  // namespace

TEST_CASE("a sealed envelope opens with the signing key to the same encryption key pair") {
  const Sealed s;
  CHECK(s.envelope.encrypted_key.ciphertext.size() == pki::kSm4KeySize);
  CHECK(s.envelope.encrypted_private_key.size() == 32);
  // The private key travels encrypted: its bytes are not in the envelope.
  const Bytes d = private_scalar(s.encryption.get());
  CHECK(std::search(s.der.begin(), s.der.end(), d.begin(), d.end()) == s.der.end());

  const auto opened = pki::open_sm2_envelope(s.envelope, s.signing.get());
  REQUIRE(opened != nullptr);
  CHECK(EVP_PKEY_is_a(opened.get(), "SM2") == 1);
  CHECK(private_scalar(opened.get()) == d);
  CHECK(EVP_PKEY_eq(opened.get(), s.encryption.get()) == 1);
}

TEST_CASE("the encoder writes the GM/T 0009 structure, and decode(encode(x)) == x") {
  const Sealed s;
  CHECK(s.der == envelope_der(s.envelope));
  CHECK(pki::encode_sm2_enveloped_key(s.envelope) == s.der);
  CHECK(pki::decode_sm2_enveloped_key(pki::encode_sm2_enveloped_key(s.envelope)) == s.envelope);
  const Bytes c = pki::encode_sm2_cipher(s.envelope.encrypted_key);
  CHECK(c == cipher_der(s.envelope.encrypted_key));
  CHECK(pki::decode_sm2_cipher(c) == s.envelope.encrypted_key);
}

TEST_CASE("sealing to the signing key's SubjectPublicKeyInfo gives an envelope it opens") {
  const EvpKey signing = make_key(KeyKind::sm2);
  const EvpKey encryption = make_key(KeyKind::sm2);
  const Bytes der = pki::seal_sm2_envelope(spki_of(signing.get()), encryption.get());
  const auto opened = pki::open_sm2_envelope(pki::decode_sm2_enveloped_key(der), signing.get());
  CHECK(EVP_PKEY_eq(opened.get(), encryption.get()) == 1);
  CHECK(pki_error_of([&] {
          pki::seal_sm2_envelope(Bytes{0x30, 0x00}, encryption.get());
        }) == PkiErrc::invalid_argument);
}

TEST_CASE("two seals of one key differ (a fresh SM4 key and SM2 randomness each time)") {
  const Sealed s;
  const Bytes again = pki::seal_sm2_envelope(s.signing.get(), s.encryption.get());
  CHECK(again != s.der);
  CHECK(EVP_PKEY_eq(
            pki::open_sm2_envelope(pki::decode_sm2_enveloped_key(again), s.signing.get()).get(),
            s.encryption.get()) == 1);
}

TEST_CASE("only SM2 keys are sealed") {
  const EvpKey sm2 = make_key(KeyKind::sm2);
  const EvpKey p256 = make_key(KeyKind::ec_p256);
  CHECK(pki_error_of([&] { pki::seal_sm2_envelope(p256.get(), sm2.get()); }) ==
        PkiErrc::key_mismatch);
  CHECK(pki_error_of([&] { pki::seal_sm2_envelope(sm2.get(), p256.get()); }) ==
        PkiErrc::key_mismatch);
  // A public key alone cannot be sealed: there is no private key to deliver.
  const Bytes spki = spki_of(sm2.get());
  const unsigned char* in = spki.data();
  const EvpKey pub(d2i_PUBKEY(nullptr, &in, static_cast<long>(spki.size())));
  CHECK(pki_error_of([&] { pki::seal_sm2_envelope(sm2.get(), pub.get()); }) ==
        PkiErrc::key_mismatch);
}

TEST_CASE("OpenSSL's own SM2 ciphertext decodes with the strict decoder") {
  const EvpKey key = make_key(KeyKind::sm2);
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new(key.get(), nullptr);
  REQUIRE(EVP_PKEY_encrypt_init(ctx) == 1);
  const Bytes message = {'s', 'e', 'a', 'l', 'e', 'd', ' ', 'b', 'i', 'd'};
  std::size_t n = 0;
  REQUIRE(EVP_PKEY_encrypt(ctx, nullptr, &n, message.data(), message.size()) == 1);
  Bytes der(n);
  REQUIRE(EVP_PKEY_encrypt(ctx, der.data(), &n, message.data(), message.size()) == 1);
  EVP_PKEY_CTX_free(ctx);
  der.resize(n);
  const pki::Sm2Cipher cipher = pki::decode_sm2_cipher(der);
  CHECK(cipher.ciphertext.size() == message.size());
  CHECK(pki::encode_sm2_cipher(cipher) == der);
}

TEST_CASE("the decoder refuses what is not exactly one DER SM2EnvelopedKey") {
  const Sealed s;
  const Bytes& good = s.der;
  SUBCASE("trailing bytes") {
    Bytes der = good;
    der.push_back(0x00);
    CHECK(decode_error(der) == PkiErrc::malformed);
  }
  SUBCASE("truncated") {
    CHECK(decode_error(Bytes(good.begin(), good.end() - 1)) == PkiErrc::malformed);
    CHECK(decode_error(Bytes{}) == PkiErrc::malformed);
  }
  SUBCASE("a BER length (long form where DER needs short)") {
    const Bytes alg = {0x30, 0x81, 0x0A};  // SEQUENCE of 10 bytes with a one-byte long form
    CHECK(decode_error(envelope_der(s.envelope, cat({alg, kSm4Ecb}))) == PkiErrc::malformed);
  }
  SUBCASE("an indefinite length") {
    Bytes der = good;
    der[1] = 0x80;  // SEQUENCE with indefinite length ...
    der.erase(der.begin() + 2, der.begin() + 2 + (good[1] == 0x81 ? 1 : 2));
    der.insert(der.end(), {0x00, 0x00});  // ... ended by end-of-contents
    CHECK(decode_error(der) == PkiErrc::malformed);
  }
  SUBCASE("not a sequence at all") {
    CHECK(decode_error(tlv(0x04, good)) == PkiErrc::malformed);
  }
}

TEST_CASE("the decoder takes SM4 only, named either way, without parameters") {
  const Sealed s;
  CHECK(pki::decode_sm2_enveloped_key(envelope_der(s.envelope, tlv(0x30, kSm4))) == s.envelope);
  CHECK(pki::decode_sm2_enveloped_key(
            envelope_der(s.envelope, tlv(0x30, cat({kSm4Ecb, {0x05, 0x00}})))) == s.envelope);
  CHECK(decode_error(envelope_der(s.envelope, tlv(0x30, kSm4Cbc))) ==
        PkiErrc::unsupported_algorithm);
  const Bytes aes128_ecb = {0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x01};
  CHECK(decode_error(envelope_der(s.envelope, tlv(0x30, aes128_ecb))) ==
        PkiErrc::unsupported_algorithm);
  CHECK(decode_error(envelope_der(s.envelope, tlv(0x30, cat({kSm4Ecb, tlv(0x04, {1, 2})})))) ==
        PkiErrc::malformed);
}

TEST_CASE("the decoder refuses fields of the wrong size or off the curve") {
  const Sealed s;
  auto with = [&](auto change) {
    pki::Sm2EnvelopedKey e = s.envelope;
    change(e);
    return decode_error(envelope_der(e));
  };
  CHECK(with([](auto& e) { e.encrypted_key.ciphertext.push_back(0); }) == PkiErrc::malformed);
  CHECK(with([](auto& e) { e.encrypted_key.ciphertext.clear(); }) == PkiErrc::malformed);
  CHECK(with([](auto& e) { e.encrypted_private_key.pop_back(); }) == PkiErrc::malformed);
  CHECK(with([](auto& e) { e.encrypted_private_key.resize(64); }) == PkiErrc::malformed);
  CHECK(with([](auto& e) { e.public_y[31] ^= 1; }) == PkiErrc::malformed);
  CHECK(with([](auto& e) { e.encrypted_key.x[31] ^= 1; }) == PkiErrc::malformed);
  // A 31-byte HASH, a negative coordinate, a 33-byte coordinate, a compressed point.
  auto raw = [&](const Bytes& cipher, const Bytes& pub) {
    return decode_error(tlv(0x30, cat({tlv(0x30, kSm4Ecb), cipher, bit_string(pub),
                                       bit_string(s.envelope.encrypted_private_key)})));
  };
  const auto& c = s.envelope.encrypted_key;
  const Bytes short_hash =
      tlv(0x30, cat({integer(c.x), integer(c.y), tlv(0x04, Bytes(c.hash.begin(), c.hash.end() - 1)),
                     tlv(0x04, c.ciphertext)}));
  CHECK(raw(short_hash, point(s.envelope)) == PkiErrc::malformed);
  const Bytes negative = tlv(0x30, cat({tlv(0x02, {0xFF}), integer(c.y), tlv(0x04, bytes(c.hash)),
                                        tlv(0x04, c.ciphertext)}));
  CHECK(raw(negative, point(s.envelope)) == PkiErrc::malformed);
  const Bytes wide = tlv(0x30, cat({tlv(0x02, cat({{0x01}, bytes(c.x)})), integer(c.y),
                                    tlv(0x04, bytes(c.hash)), tlv(0x04, c.ciphertext)}));
  CHECK(raw(wide, point(s.envelope)) == PkiErrc::malformed);
  Bytes compressed = cat({{0x02}, bytes(s.envelope.public_x)});
  CHECK(raw(cipher_der(c), compressed) == PkiErrc::malformed);
  // A BIT STRING with unused bits.
  Bytes odd_bits = tlv(0x30, cat({tlv(0x30, kSm4Ecb), cipher_der(c), bit_string(point(s.envelope)),
                                  tlv(0x03, cat({{0x01}, s.envelope.encrypted_private_key}))}));
  CHECK(decode_error(odd_bits) == PkiErrc::malformed);
}

TEST_CASE("the encoder refuses what the decoder would refuse") {
  const Sealed s;
  pki::Sm2EnvelopedKey e = s.envelope;
  e.encrypted_private_key.resize(31);
  CHECK(pki_error_of([&] { pki::encode_sm2_enveloped_key(e); }) == PkiErrc::invalid_argument);
  pki::Sm2Cipher c = s.envelope.encrypted_key;
  c.ciphertext.clear();
  CHECK(pki_error_of([&] { pki::encode_sm2_cipher(c); }) == PkiErrc::invalid_argument);
}

TEST_CASE("a tampered or misdirected envelope does not open") {
  const Sealed s;
  SUBCASE("another signing key") {
    const EvpKey other = make_key(KeyKind::sm2);
    CHECK(open_error(s.envelope, other.get()) == PkiErrc::key_mismatch);
  }
  SUBCASE("a changed encrypted symmetric key") {
    pki::Sm2EnvelopedKey e = s.envelope;
    e.encrypted_key.ciphertext[0] ^= 0x01;  // the SM3 check C3 no longer holds
    CHECK(open_error(e, s.signing.get()) == PkiErrc::key_mismatch);
  }
  SUBCASE("a changed encrypted private key") {
    pki::Sm2EnvelopedKey e = s.envelope;
    e.encrypted_private_key[5] ^= 0x01;
    CHECK(open_error(e, s.signing.get()) == PkiErrc::key_mismatch);
  }
  SUBCASE("another public key") {
    const EvpKey other = make_key(KeyKind::sm2);
    const pki::Sm2EnvelopedKey foreign =
        pki::decode_sm2_enveloped_key(pki::seal_sm2_envelope(s.signing.get(), other.get()));
    pki::Sm2EnvelopedKey e = s.envelope;
    e.public_x = foreign.public_x;
    e.public_y = foreign.public_y;
    CHECK(open_error(e, s.signing.get()) == PkiErrc::key_mismatch);
  }
  SUBCASE("a P-256 key cannot open it") {
    const EvpKey p256 = make_key(KeyKind::ec_p256);
    CHECK(open_error(s.envelope, p256.get()) == PkiErrc::key_mismatch);
  }
}
