#include "ca/key_identity.hpp"

#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>

#include <stdexcept>

#include "ca/der.hpp"
#include "certrenew/core/pki/error.hpp"
#include "certrenew/core/pki/public_key_info.hpp"

namespace certrenew::server {

namespace {

[[noreturn]] void bad(const std::string& what) {
  throw std::invalid_argument("the public key " + what);
}

BnPtr bn_param(const EVP_PKEY* key, const char* name) {
  BIGNUM* bn = nullptr;
  if (EVP_PKEY_get_bn_param(key, name, &bn) != 1 || bn == nullptr)
    bad("lacks " + std::string(name));
  return BnPtr(bn);
}

std::string bn_hex(const BIGNUM* bn) {
  ossl::MemoryPtr text(BN_bn2hex(bn));
  if (!text) bad("cannot be printed");
  return static_cast<const char*>(text.get());
}

Bytes bn_bytes(const BIGNUM* bn) {
  Bytes out(static_cast<std::size_t>(BN_num_bytes(bn)));
  if (BN_bn2bin(bn, out.data()) != static_cast<int>(out.size())) bad("cannot be written");
  return out;
}

std::string sha256_hex_of(const std::string& text) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(text.data(), text.size(), md, &len, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("SHA-256 failed");
  return to_hex(ByteView(md, len));
}

// The curve's NID from the group name OpenSSL gives ("prime256v1", "SM2", or a NIST name).
int curve_nid(const std::string& curve) {
  int nid = OBJ_txt2nid(curve.c_str());  // short or long name
  if (nid == NID_undef) nid = EC_curve_nist2nid(curve.c_str());
  if (nid == NID_undef) bad("is on a curve without a name: " + curve);
  return nid;
}

// RSA (rsaEncryption or RSA-PSS): the modulus and the exponent.
void identify_rsa(const EVP_PKEY* key, PublicKeyIdentity& id, Bytes* canonical) {
  BnPtr n = bn_param(key, OSSL_PKEY_PARAM_RSA_N);
  BnPtr e = bn_param(key, OSSL_PKEY_PARAM_RSA_E);
  id.type = "rsa";
  id.bits = BN_num_bits(n.get());
  id.identity = "rsa:" + bn_hex(n.get()) + ":" + bn_hex(e.get());
  if (canonical != nullptr)
    *canonical = pki::rsa_public_key_info(bn_bytes(n.get()), bn_bytes(e.get()));
}

// EC and SM2: the curve by name (explicit parameters of a known curve resolve to its name) and
// the point, uncompressed.
void identify_ec(const EVP_PKEY* key, bool sm2, PublicKeyIdentity& id, Bytes* canonical) {
  char group[80] = {};
  if (EVP_PKEY_get_group_name(key, group, sizeof group, nullptr) != 1 || group[0] == '\0') {
    id.type = "other";  // an explicit curve that is no known curve
    return;
  }
  const std::string curve = group;
  BnPtr x = bn_param(key, OSSL_PKEY_PARAM_EC_PUB_X);
  BnPtr y = bn_param(key, OSSL_PKEY_PARAM_EC_PUB_Y);
  const int field_bytes = (EVP_PKEY_get_bits(key) + 7) / 8;
  if (field_bytes <= 0 || BN_num_bytes(x.get()) > field_bytes ||
      BN_num_bytes(y.get()) > field_bytes)
    bad("has a point outside its field");
  Bytes point(1 + 2 * static_cast<std::size_t>(field_bytes));
  point[0] = 0x04;
  if (BN_bn2binpad(x.get(), point.data() + 1, field_bytes) != field_bytes ||
      BN_bn2binpad(y.get(), point.data() + 1 + field_bytes, field_bytes) != field_bytes)
    bad("has a point that cannot be written");
  const bool is_sm2_curve = sm2 || curve == "SM2";
  id.type = is_sm2_curve                                  ? "sm2"
            : (curve == "prime256v1" || curve == "P-256") ? "ec_p256"
                                                          : "other";
  id.bits = EVP_PKEY_get_bits(key);
  id.identity = "ec:" + std::string(is_sm2_curve ? "SM2" : curve) + ":" + to_hex(point);
  if (canonical != nullptr)
    *canonical = pki::ec_public_key_info(is_sm2_curve ? NID_sm2 : curve_nid(curve), point);
}

// The identity, and the canonical SubjectPublicKeyInfo too when `canonical` is given (left
// empty for a key of another type).
PublicKeyIdentity identify(const EVP_PKEY* key, Bytes* canonical) {
  if (key == nullptr) bad("is missing");
  PublicKeyIdentity id;
  try {
    if (EVP_PKEY_is_a(key, "RSA") || EVP_PKEY_is_a(key, "RSA-PSS")) {
      identify_rsa(key, id, canonical);
    } else if (EVP_PKEY_is_a(key, "SM2")) {
      identify_ec(key, true, id, canonical);
    } else if (EVP_PKEY_is_a(key, "EC")) {
      identify_ec(key, false, id, canonical);
    } else {
      id.type = "other";
    }
  } catch (const pki::PkiError& e) {
    bad(std::string("cannot be encoded: ") + e.what());
  }
  if (!id.identity.empty()) id.fingerprint = sha256_hex_of(id.identity);
  return id;
}

}  // namespace

PublicKeyIdentity identify_public_key(const EVP_PKEY* key) {
  return identify(key, nullptr);
}

PkeyPtr parse_public_key(ByteView spki_der) {
  const unsigned char* p = spki_der.data();
  PkeyPtr key(d2i_PUBKEY(nullptr, &p, static_cast<long>(spki_der.size())));
  if (!key || p != spki_der.data() + spki_der.size()) bad("does not parse");
  return key;
}

PublicKeyIdentity identify_public_key(ByteView spki_der) {
  return identify_public_key(parse_public_key(spki_der).get());
}

Bytes canonical_spki(const EVP_PKEY* key) {
  Bytes der;
  identify(key, &der);
  if (der.empty()) bad("is of a type this CA does not certify");
  return der;
}

}  // namespace certrenew::server
