#include "key_generation.hpp"

#include <openssl/objects.h>
#include <openssl/rand.h>

#include <vector>

#include <certrenew/driver_kit/algorithms.hpp>

#include "bridge_error.hpp"
#include "public_key.hpp"
#include "return_codes.hpp"
#include "token_objects.hpp"

namespace certrenew::pkcs11 {

namespace {

constexpr std::size_t kIdBytes = 20;
constexpr std::uint32_t kDefaultRsaBits = 2048;

constexpr CK_BBOOL kTrue = CK_TRUE;
constexpr CK_BBOOL kFalse = CK_FALSE;

Bytes fresh_id(SessionRef s) {
  for (int attempt = 0; attempt < 3; ++attempt) {
    Bytes id(kIdBytes);
    if (RAND_bytes(id.data(), static_cast<int>(id.size())) != 1)
      fail(CRT_ERR_GENERAL, "the random generator failed");
    if (find_objects(s, {{CKA_ID, id.data(), id.size()}}).empty()) return id;
  }
  fail(CRT_ERR_GENERAL, "could not find an unused object id");
}

// Destroys a freshly made pair unless generation completed.
class PairGuard {
 public:
  PairGuard(SessionRef s, CK_OBJECT_HANDLE pub, CK_OBJECT_HANDLE priv)
      : s_(s), pub_(pub), priv_(priv) {}
  PairGuard(const PairGuard&) = delete;
  PairGuard& operator=(const PairGuard&) = delete;
  ~PairGuard() {
    if (!armed_) return;
    s_.api->C_DestroyObject(s_.handle, priv_);
    s_.api->C_DestroyObject(s_.handle, pub_);
  }
  void disarm() { armed_ = false; }

 private:
  SessionRef s_;
  CK_OBJECT_HANDLE pub_, priv_;
  bool armed_ = true;
};

// The protections the private key must have; empty when all hold.
std::string missing_protection(SessionRef s, CK_OBJECT_HANDLE priv) {
  struct Expected {
    CK_ATTRIBUTE_TYPE type;
    bool value;
    const char* name;
  };
  constexpr Expected expected[] = {
      {CKA_TOKEN, true, "CKA_TOKEN"},
      {CKA_PRIVATE, true, "CKA_PRIVATE"},
      {CKA_SENSITIVE, true, "CKA_SENSITIVE"},
      {CKA_EXTRACTABLE, false, "CKA_EXTRACTABLE"},
      {CKA_ALWAYS_SENSITIVE, true, "CKA_ALWAYS_SENSITIVE"},
      {CKA_NEVER_EXTRACTABLE, true, "CKA_NEVER_EXTRACTABLE"},
  };
  std::string missing;
  for (const Expected& e : expected) {
    const std::optional<bool> actual = read_bool(s, priv, e.type);
    if (actual != e.value)
      missing += std::string(missing.empty() ? "" : ", ") + e.name + " is " +
                 (actual ? (*actual ? "true" : "false") : "unreadable");
  }
  return missing;
}

}  // namespace

GeneratedPair generate_key_pair(SessionRef s, const SignMechanism& m, std::uint32_t bits,
                                const std::string& label, const std::optional<Sm2Config>& sm2) {
  if (!m.keygen) fail(CRT_ERR_NOT_SUPPORTED, "the token cannot generate keys of this type");
  const std::uint32_t key_type = kit::key_type_for(m.algorithm);
  CK_ULONG modulus_bits = bits == 0 ? kDefaultRsaBits : bits;
  if (key_type == CRT_KEY_RSA && (modulus_bits < m.min_bits || modulus_bits > m.max_bits))
    fail(CRT_ERR_NOT_SUPPORTED,
         "RSA keys of " + std::to_string(modulus_bits) + " bits are not offered (this token: " +
             std::to_string(m.min_bits) + " to " + std::to_string(m.max_bits) + ")");

  Bytes id = fresh_id(s);
  Bytes label_bytes(label.begin(), label.end());
  CK_BYTE public_exponent[] = {0x01, 0x00, 0x01};  // 65537
  Bytes ec_params;
  CK_KEY_TYPE vendor_key_type = sm2 ? sm2->key_type : CKK_EC;

  std::vector<CK_ATTRIBUTE> pub = {
      {CKA_TOKEN, mutable_ptr(&kTrue), sizeof kTrue},
      {CKA_PRIVATE, mutable_ptr(&kFalse), sizeof kFalse},
      {CKA_VERIFY, mutable_ptr(&kTrue), sizeof kTrue},
      {CKA_ID, id.data(), id.size()},
      {CKA_LABEL, label_bytes.data(), label_bytes.size()},
  };
  std::vector<CK_ATTRIBUTE> priv = {
      {CKA_TOKEN, mutable_ptr(&kTrue), sizeof kTrue},
      {CKA_PRIVATE, mutable_ptr(&kTrue), sizeof kTrue},
      {CKA_SENSITIVE, mutable_ptr(&kTrue), sizeof kTrue},
      {CKA_EXTRACTABLE, mutable_ptr(&kFalse), sizeof kFalse},
      {CKA_SIGN, mutable_ptr(&kTrue), sizeof kTrue},
      {CKA_ID, id.data(), id.size()},
      {CKA_LABEL, label_bytes.data(), label_bytes.size()},
  };
  if (key_type == CRT_KEY_RSA) {
    pub.push_back({CKA_MODULUS_BITS, &modulus_bits, sizeof modulus_bits});
    pub.push_back({CKA_PUBLIC_EXPONENT, public_exponent, sizeof public_exponent});
  } else {
    ec_params = ec_params_for(key_type == CRT_KEY_SM2 ? NID_sm2 : NID_X9_62_prime256v1);
    pub.push_back({CKA_EC_PARAMS, ec_params.data(), ec_params.size()});
    if (key_type == CRT_KEY_SM2 && vendor_key_type != CKK_EC) {
      pub.push_back({CKA_KEY_TYPE, &vendor_key_type, sizeof vendor_key_type});
      priv.push_back({CKA_KEY_TYPE, &vendor_key_type, sizeof vendor_key_type});
    }
  }

  CK_MECHANISM mechanism{*m.keygen, nullptr, 0};
  CK_OBJECT_HANDLE pub_handle = CK_INVALID_HANDLE, priv_handle = CK_INVALID_HANDLE;
  check_rv(s.api->C_GenerateKeyPair(s.handle, &mechanism, pub.data(), pub.size(), priv.data(),
                                    priv.size(), &pub_handle, &priv_handle),
           "C_GenerateKeyPair", "generating a key pair");
  PairGuard guard(s, pub_handle, priv_handle);

  if (const std::string missing = missing_protection(s, priv_handle); !missing.empty())
    fail(CRT_ERR_NOT_SUPPORTED, "the token made a private key that is not protected as asked (" +
                                    missing + "); the key pair was deleted");

  Bytes spki = public_key_object_spki(s, pub_handle);
  const kit::EvpPkeyPtr parsed = spki.empty() ? nullptr : parse_spki(spki);
  if (!parsed) fail(CRT_ERR_DEVICE, "the new public key cannot be read; the key pair was deleted");
  if (spki.size() > CRT_SPKI_MAX)
    fail(CRT_ERR_NOT_SUPPORTED, "the new public key is larger than the ABI allows; deleted");
  if (key_type == CRT_KEY_RSA &&
      static_cast<CK_ULONG>(EVP_PKEY_get_bits(parsed.get())) != modulus_bits)
    fail(CRT_ERR_DEVICE, "the token made an RSA key of another size; the key pair was deleted");
  guard.disarm();
  return {std::move(id), std::move(spki)};
}

}  // namespace certrenew::pkcs11
