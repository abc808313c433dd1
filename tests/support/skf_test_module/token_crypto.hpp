#pragma once
// TEST DOUBLE: the "chip's" cryptography, done with OpenSSL's SM2/SM3/SM4 (and RSA), with the
// results in GM/T 0016's blob layouts.
#include <certrenew/skf/gmt0016.h>
#include <certrenew/driver_kit/openssl.hpp>

#include <string>

#include "device_store.hpp"

namespace certrenew::skf_testdouble {

// The chip keeps its private keys as PEM text; these read and write that form.
std::string private_key_pem(EVP_PKEY* key);
driver_kit::EvpPkeyPtr private_key_from_pem(const std::string& pem);  // null when unreadable

std::string generate_sm2_pem();               // an SM2 private key, PEM
std::string generate_rsa_pem(unsigned bits);  // an RSA private key, PEM
bool is_rsa(const std::string& private_pem);
// The public half in the standard's blobs; `left_aligned` emulates libraries that put a 32-byte
// value at the start of its 64-byte field.
ECCPUBLICKEYBLOB ecc_public_blob(const std::string& private_pem, bool left_aligned);
RSAPUBLICKEYBLOB rsa_public_blob(const std::string& private_pem);
// SM2 signature of a 32-byte e = SM3(Z || M) (the caller did the preprocessing, as the standard
// says for SKF_ECCSignData); false on failure.
bool sm2_sign_digest(const std::string& private_pem, const BYTE* e, ULONG e_len,
                     ECCSIGNATUREBLOB& out, bool left_aligned);
// RSA PKCS#1 v1.5 signature of the given bytes (a DigestInfo), no hashing.
bool rsa_sign_raw(const std::string& private_pem, const BYTE* data, ULONG len, Bytes& out);
bool random_bytes(BYTE* out, ULONG len);
// One SM4-ECB block operation (device authentication).
Bytes sm4_ecb_encrypt(const Bytes& key, const Bytes& data);

}  // namespace certrenew::skf_testdouble
