#include "ca/key_identity.hpp"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/x509.h>

#include <stdexcept>

#include "ca/der.hpp"

namespace certrenew::server {

namespace {

using ParamBldPtr = ossl::Ptr<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>;
using ParamsPtr = ossl::Ptr<OSSL_PARAM, OSSL_PARAM_free>;

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

PkeyPtr from_params(const char* type, OSSL_PARAM_BLD* bld) {
  ParamsPtr params(OSSL_PARAM_BLD_to_param(bld));
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
  EVP_PKEY* out = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &out, EVP_PKEY_PUBLIC_KEY, params.get()) != 1)
    bad("cannot be rebuilt");
  return PkeyPtr(out);
}

std::string sha256_hex_of(const std::string& text) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(text.data(), text.size(), md, &len, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("SHA-256 failed");
  return to_hex(ByteView(md, len));
}

// RSA (rsaEncryption or RSA-PSS): the modulus and the exponent.
void identify_rsa(const EVP_PKEY* key, PublicKeyIdentity& id, PkeyPtr* canonical) {
  BnPtr n = bn_param(key, OSSL_PKEY_PARAM_RSA_N);
  BnPtr e = bn_param(key, OSSL_PKEY_PARAM_RSA_E);
  id.type = "rsa";
  id.bits = BN_num_bits(n.get());
  id.identity = "rsa:" + bn_hex(n.get()) + ":" + bn_hex(e.get());
  if (canonical == nullptr) return;
  ParamBldPtr bld(OSSL_PARAM_BLD_new());
  if (!bld || OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) != 1)
    bad("cannot be rebuilt");
  *canonical = from_params("RSA", bld.get());
}

// EC and SM2: the curve by name (explicit parameters of a known curve resolve to its name) and
// the point, uncompressed.
void identify_ec(const EVP_PKEY* key, bool sm2, PublicKeyIdentity& id, PkeyPtr* canonical) {
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
  if (canonical == nullptr) return;
  ParamBldPtr bld(OSSL_PARAM_BLD_new());
  if (!bld ||
      OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME,
                                      is_sm2_curve ? "SM2" : curve.c_str(), 0) != 1 ||
      OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                       point.size()) != 1)
    bad("cannot be rebuilt");
  *canonical = from_params(is_sm2_curve ? "SM2" : "EC", bld.get());
}

// The identity, and the canonical key too when `canonical` is given.
PublicKeyIdentity identify(const EVP_PKEY* key, PkeyPtr* canonical) {
  if (key == nullptr) bad("is missing");
  PublicKeyIdentity id;
  if (EVP_PKEY_is_a(key, "RSA") || EVP_PKEY_is_a(key, "RSA-PSS")) {
    identify_rsa(key, id, canonical);
  } else if (EVP_PKEY_is_a(key, "SM2")) {
    identify_ec(key, true, id, canonical);
  } else if (EVP_PKEY_is_a(key, "EC")) {
    identify_ec(key, false, id, canonical);
  } else {
    id.type = "other";
  }
  if (!id.identity.empty()) id.fingerprint = sha256_hex_of(id.identity);
  return id;
}

}  // namespace

PublicKeyIdentity identify_public_key(const EVP_PKEY* key) {
  return identify(key, nullptr);
}

PkeyPtr canonical_key(const EVP_PKEY* key) {
  PkeyPtr canonical;
  identify(key, &canonical);
  return canonical;
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
  PkeyPtr canonical = canonical_key(key);
  if (!canonical) bad("is of a type this CA does not certify");
  Bytes der = to_der<EVP_PKEY, i2d_PUBKEY>(canonical.get());
  if (der.empty()) bad("cannot be encoded");
  return der;
}

}  // namespace certrenew::server
