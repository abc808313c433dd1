#include "public_key.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/param_build.h>

#include "bridge_error.hpp"

namespace certrenew::pkcs11 {

namespace {

using ParamBldPtr = kit::OpenSslPtr<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>;
using ParamPtr = kit::OpenSslPtr<OSSL_PARAM, OSSL_PARAM_free>;
using BignumPtr = kit::OpenSslPtr<BIGNUM, BN_free>;

[[noreturn]] void openssl_failure(const char* doing) {
  kit::openssl_failure(CRT_ERR_GENERAL, doing);
}

// Builds a public key of `type` ("RSA", "EC", "SM2") from OSSL_PARAMs.
Bytes spki_from_params(const char* type, const OSSL_PARAM* params) {
  const kit::EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
  EVP_PKEY* raw = nullptr;
  if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, const_cast<OSSL_PARAM*>(params)) <= 0)
    openssl_failure("the token's public key is not valid");
  const kit::EvpPkeyPtr key(raw);
  return kit::spki_of(key.get());
}

BignumPtr bignum(const Bytes& magnitude) {
  BignumPtr bn(BN_bin2bn(magnitude.data(), static_cast<int>(magnitude.size()), nullptr));
  if (!bn) openssl_failure("out of memory");
  return bn;
}

// The point inside CKA_EC_POINT: the OCTET STRING's content, or the value itself when a module
// returned the bare uncompressed point.
Bytes unwrap_point(const Bytes& ec_point) {
  const auto octets = kit::decode_der<ASN1_OCTET_STRING, ASN1_OCTET_STRING_free>(
      ec_point.data(), ec_point.size(), d2i_ASN1_OCTET_STRING);
  if (octets) {
    const unsigned char* data = ASN1_STRING_get0_data(octets.get());
    return Bytes(data, data + ASN1_STRING_length(octets.get()));
  }
  if (!ec_point.empty() && ec_point[0] == 0x04 && ec_point.size() % 2 == 1) return ec_point;
  fail(CRT_ERR_DEVICE, "the token's CKA_EC_POINT is neither a DER OCTET STRING nor a point");
}

}  // namespace

Bytes rsa_spki(const Bytes& modulus, const Bytes& public_exponent) {
  const BignumPtr n = bignum(modulus);
  const BignumPtr e = bignum(public_exponent);
  const ParamBldPtr build(OSSL_PARAM_BLD_new());
  if (!build || !OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) ||
      !OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_E, e.get()))
    openssl_failure("out of memory");
  const ParamPtr params(OSSL_PARAM_BLD_to_param(build.get()));
  if (!params) openssl_failure("out of memory");
  return spki_from_params("RSA", params.get());
}

Bytes ec_spki(const Bytes& ec_params, const Bytes& ec_point) {
  const int nid = curve_of(ec_params);
  if (nid == NID_undef)
    fail(CRT_ERR_NOT_SUPPORTED, "the key's curve is not a named curve this bridge knows");
  Bytes point = unwrap_point(ec_point);
  const char* group = OBJ_nid2sn(nid);
  const OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, const_cast<char*>(group), 0),
      OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()),
      OSSL_PARAM_construct_end(),
  };
  return spki_from_params(nid == NID_sm2 ? "SM2" : "EC", params);
}

Bytes ec_params_for(int curve_nid) {
  const ASN1_OBJECT* oid = OBJ_nid2obj(curve_nid);  // static: not freed
  return kit::encode_der(oid, i2d_ASN1_OBJECT, "the curve");
}

int curve_of(const Bytes& ec_params) {
  const auto oid = kit::decode_der<ASN1_OBJECT, ASN1_OBJECT_free>(
      ec_params.data(), ec_params.size(), d2i_ASN1_OBJECT);
  return oid ? OBJ_obj2nid(oid.get()) : NID_undef;
}

kit::EvpPkeyPtr parse_spki(const Bytes& spki) {
  return kit::decode_spki(spki.data(), spki.size());
}

Bytes certificate_spki(const Bytes& certificate_der) {
  const kit::X509Ptr cert = kit::decode_certificate(certificate_der.data(), certificate_der.size());
  if (!cert) return {};
  return kit::encode_der(X509_get_X509_PUBKEY(cert.get()), i2d_X509_PUBKEY,
                         "the certificate's public key");
}

}  // namespace certrenew::pkcs11
