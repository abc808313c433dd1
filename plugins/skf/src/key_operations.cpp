#include "key_operations.hpp"

#include <certrenew/driver_kit/algorithms.hpp>
#include <certrenew/driver_kit/openssl.hpp>

#include <array>
#include <cstring>

#include "catalogues/skf_texts.hpp"
#include "ecc_blobs.hpp"
#include "sar_codes.hpp"

namespace certrenew::skf {

namespace {

// DER of DigestInfo { sha256, NULL } up to the 32 hash bytes (RFC 8017 section 9.2, note 1):
// SKF_RSASignData pads PKCS#1 v1.5 type 1 around what it is given.
constexpr std::array<std::uint8_t, 19> kSha256DigestInfo = {
    0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
    0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20};

crt_mechanism_info mechanism(std::uint32_t algorithm, std::uint32_t format, bool can_generate,
                             std::uint32_t min_bits, std::uint32_t max_bits) {
  crt_mechanism_info m{};
  m.algorithm = algorithm;
  m.input = CRT_INPUT_DIGEST;
  m.signature_format = format;
  m.can_generate = can_generate ? 1 : 0;
  m.min_bits = min_bits;
  m.max_bits = max_bits;
  return m;
}

void require_function(const void* fn, const char* name) {
  if (fn == nullptr) fail(CRT_ERR_NOT_SUPPORTED, say(SkfText::function_missing, {name}));
}

}  // namespace

std::vector<crt_mechanism_info> token_mechanisms(const SkfFunctions& api,
                                                 const DeviceFacts& facts) {
  std::vector<crt_mechanism_info> out;
  const bool create = api.SKF_CreateContainer != nullptr;
  out.push_back(mechanism(CRT_SIG_SM2_SM3, CRT_SIGFMT_RAW_RS,
                          create && api.SKF_GenECCKeyPair != nullptr, 256, 256));
  if ((facts.asym_cap & SGD_RSA) != 0 && api.SKF_RSASignData != nullptr)
    out.push_back(mechanism(CRT_SIG_RSA_PKCS1_SHA256, CRT_SIGFMT_PLAIN,
                            create && api.SKF_GenRSAKeyPair != nullptr, 2048, 2048));
  return out;
}

KeyFacts certificate_key_facts(const Bytes& der) {
  const kit::X509Ptr cert = kit::decode_certificate(der.data(), der.size());
  const EVP_PKEY* key = cert ? X509_get0_pubkey(cert.get()) : nullptr;
  if (key == nullptr) {
    ERR_clear_error();
    return {};
  }
  return spki_facts(kit::spki_of(key));
}

std::string shown_container(const DriverSession& s, const Bytes& id) {
  const std::string name(id.begin(), id.end());
  if (name.find('\0') != std::string::npos || !s.ctx->config.shows_container(name))
    fail(CRT_ERR_OBJECT_NOT_FOUND, say(SkfText::container_id_missing));
  return name;
}

crt_status sign_digest(DriverSession& s, const kit::SignRequest& r, const kit::SignatureOut& out) {
  if (r.algorithm != CRT_SIG_SM2_SM3 && r.algorithm != CRT_SIG_RSA_PKCS1_SHA256)
    fail(CRT_ERR_NOT_SUPPORTED, say(SkfText::sign_algorithm));
  s.require_login();
  const ContainerConnection container(s.api(), s.app_handle(), shown_container(s, r.key_id));
  const auto spki = signing_public_key(s.api(), container.handle());
  if (!spki) fail(CRT_ERR_OBJECT_NOT_FOUND, say(SkfText::no_signing_key));
  const KeyFacts key = spki_facts(*spki);
  kit::check_key_fits(r.algorithm, key.type);
  if (r.input_len != 32)
    fail(CRT_ERR_DATA_INVALID,
         "the key signs a 32-byte digest; got " + std::to_string(r.input_len) + " bytes");
  const Bytes digest(r.input, r.input + r.input_len);
  if (r.algorithm == CRT_SIG_SM2_SM3) {
    if (!out.room_for(64)) return CRT_OK;
    ECCSIGNATUREBLOB blob;
    std::memset(&blob, 0, sizeof blob);
    Bytes e = digest;  // BYTE*: the standard's signature is not const
    check_sar(s.api().SKF_ECCSignData(container.handle(), e.data(), 32, &blob), "SKF_ECCSignData",
              "signing with the key");
    return out.put(sm2_signature_rs(blob, *spki, digest));
  }
  require_function(reinterpret_cast<const void*>(s.api().SKF_RSASignData), "SKF_RSASignData");
  const std::size_t size = key.bits / 8;
  if (!out.room_for(size)) return CRT_OK;
  Bytes input(kSha256DigestInfo.begin(), kSha256DigestInfo.end());
  input.insert(input.end(), digest.begin(), digest.end());
  Bytes signature(size);
  ULONG len = static_cast<ULONG>(size);
  check_sar(s.api().SKF_RSASignData(container.handle(), input.data(),
                                    static_cast<ULONG>(input.size()), signature.data(), &len),
            "SKF_RSASignData", "signing with the key");
  if (len != size) fail(CRT_ERR_DEVICE, say(SkfText::rsa_signature_length));
  return out.put(signature);
}

GeneratedContainer generate_in_new_container(DriverSession& s, std::uint32_t key_type,
                                             std::uint32_t bits, const std::string& label) {
  if (key_type != CRT_KEY_SM2 && key_type != CRT_KEY_RSA)
    fail(CRT_ERR_NOT_SUPPORTED, say(SkfText::key_type_unsupported, {kit::key_type_text(key_type)}));
  if (key_type == CRT_KEY_RSA && bits != 0 && bits != 2048)
    fail(CRT_ERR_NOT_SUPPORTED, "the bridge makes 2048-bit RSA keys only");
  require_function(reinterpret_cast<const void*>(s.api().SKF_CreateContainer),
                   "SKF_CreateContainer");
  require_function(key_type == CRT_KEY_SM2
                       ? reinterpret_cast<const void*>(s.api().SKF_GenECCKeyPair)
                       : reinterpret_cast<const void*>(s.api().SKF_GenRSAKeyPair),
                   key_type == CRT_KEY_SM2 ? "SKF_GenECCKeyPair" : "SKF_GenRSAKeyPair");
  s.require_login();
  s.authenticate_device();
  // Every container counts when picking a free name, shown or not.
  std::vector<std::string> taken = read_name_list(
      [&](char* buf, ULONG* size) { return s.api().SKF_EnumContainer(s.app_handle(), buf, size); },
      "SKF_EnumContainer", "listing the key's containers");
  GeneratedContainer made{new_container_name(taken, label), {}};
  HCONTAINER handle = nullptr;
  check_sar(s.api().SKF_CreateContainer(s.app_handle(), made.name.data(), &handle),
            "SKF_CreateContainer", "creating a container for the new key");
  const ContainerConnection container(s.api(), handle);
  try {
    if (key_type == CRT_KEY_SM2) {
      ECCPUBLICKEYBLOB blob;
      std::memset(&blob, 0, sizeof blob);
      check_sar(s.api().SKF_GenECCKeyPair(container.handle(), SGD_SM2_1, &blob),
                "SKF_GenECCKeyPair", "generating the SM2 key pair");
      made.spki = sm2_spki(blob);
    } else {
      RSAPUBLICKEYBLOB blob;
      std::memset(&blob, 0, sizeof blob);
      check_sar(s.api().SKF_GenRSAKeyPair(container.handle(), 2048, &blob), "SKF_GenRSAKeyPair",
                "generating the RSA key pair");
      made.spki = rsa_spki(blob);
    }
  } catch (...) {
    if (s.api().SKF_DeleteContainer != nullptr)  // leave no empty container behind
      s.api().SKF_DeleteContainer(s.app_handle(), made.name.data());
    throw;
  }
  return made;
}

void import_signing_certificate(DriverSession& s, const std::string& name, const Bytes& der) {
  require_function(reinterpret_cast<const void*>(s.api().SKF_ImportCertificate),
                   "SKF_ImportCertificate");
  const kit::X509Ptr cert = kit::decode_certificate(der.data(), der.size());
  if (!cert) fail(CRT_ERR_DATA_INVALID, say(SkfText::certificate_malformed));
  s.require_login();
  const ContainerConnection container(s.api(), s.app_handle(), name);
  if (signing_certificate(s.api(), container.handle()))
    fail(CRT_ERR_OBJECT_EXISTS, say(SkfText::certificate_present));
  const auto key = signing_public_key(s.api(), container.handle());
  if (!key || kit::spki_of(X509_get0_pubkey(cert.get())) != *key)
    fail(CRT_ERR_DATA_INVALID, say(SkfText::certificate_mismatch));
  write_container_certificate(s, container.handle(), der, true);
}

void write_container_certificate(DriverSession& s, HCONTAINER container, const Bytes& der,
                                 bool signing) {
  s.authenticate_device();
  Bytes value = der;
  check_sar(s.api().SKF_ImportCertificate(container, signing ? TRUE : FALSE, value.data(),
                                          static_cast<ULONG>(value.size())),
            "SKF_ImportCertificate",
            signing ? "writing the certificate to the key"
                    : "writing the encryption certificate to the key");
}

void delete_container_object(DriverSession& s, std::uint32_t kind, const std::string& name) {
  require_function(reinterpret_cast<const void*>(s.api().SKF_DeleteContainer),
                   "SKF_DeleteContainer");
  s.require_login();
  {
    const ContainerConnection container(s.api(), s.app_handle(), name);
    const bool has_key = signing_public_key(s.api(), container.handle()).has_value();
    if (kind == CRT_OBJ_PRIVATE_KEY && !has_key)
      fail(CRT_ERR_OBJECT_NOT_FOUND, say(SkfText::no_signing_key));
    if (kind == CRT_OBJ_CERTIFICATE) {
      if (!signing_certificate(s.api(), container.handle()))
        fail(CRT_ERR_OBJECT_NOT_FOUND, say(SkfText::no_signing_certificate));
      if (has_key) fail(CRT_ERR_NOT_SUPPORTED, say(SkfText::certificate_alone));
    }
    // The container goes as a whole: never take an encryption pair (the KMC's) with it.
    if (may_hold_encryption_half(s.api(), container.handle()))
      fail(CRT_ERR_NOT_SUPPORTED, say(SkfText::encryption_half_kept));
  }  // closed before the container goes
  s.authenticate_device();
  std::string text = name;
  check_sar(s.api().SKF_DeleteContainer(s.app_handle(), text.data()), "SKF_DeleteContainer",
            "deleting the container " + name);
}

}  // namespace certrenew::skf
