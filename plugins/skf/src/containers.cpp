#include "containers.hpp"

#include <certrenew/driver_kit/openssl.hpp>

#include <openssl/core_names.h>
#include <openssl/rand.h>

#include <algorithm>
#include <cstring>

#include "catalogues/skf_texts.hpp"
#include "devices.hpp"
#include "ecc_blobs.hpp"
#include "sar_codes.hpp"

namespace certrenew::skf {

namespace {

HCONTAINER open_container(const SkfFunctions& api, HAPPLICATION app, const std::string& name) {
  std::string text = name;
  HCONTAINER handle = nullptr;
  const ULONG rv = api.SKF_OpenContainer(app, text.data(), &handle);
  if (rv == SAR_FILE_NOT_EXIST || rv == SAR_KEYNOTFOUNTERR)
    fail(CRT_ERR_OBJECT_NOT_FOUND, say(SkfText::container_missing, {name}));
  check_sar(rv, "SKF_OpenContainer", "opening the container " + name);
  return handle;
}

}  // namespace

ContainerConnection::ContainerConnection(const SkfFunctions& api, HAPPLICATION app,
                                         const std::string& name)
    : handle_(api, open_container(api, app, name)) {}

KeyFacts spki_facts(const Bytes& spki) {
  const kit::EvpPkeyPtr key = kit::decode_spki(spki.data(), spki.size());
  if (!key) return {};
  const std::uint32_t bits = static_cast<std::uint32_t>(EVP_PKEY_get_bits(key.get()));
  if (EVP_PKEY_is_a(key.get(), "RSA")) return {CRT_KEY_RSA, bits};
  char group[64] = {};
  std::size_t len = 0;
  if (EVP_PKEY_get_utf8_string_param(key.get(), OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group,
                                     &len) != 1) {
    ERR_clear_error();
    return {};
  }
  if (std::strcmp(group, "SM2") == 0) return {CRT_KEY_SM2, 256};
  if (std::strcmp(group, "prime256v1") == 0 || std::strcmp(group, "P-256") == 0)
    return {CRT_KEY_EC_P256, 256};
  return {};
}

std::vector<std::string> container_names(const SkfFunctions& api, HAPPLICATION app,
                                         const DriverConfig& config) {
  std::vector<std::string> shown;
  for (std::string& name :
       read_name_list([&](char*buf, ULONG*size) { return api.SKF_EnumContainer(app, buf, size); },
                      "SKF_EnumContainer", "listing the key's containers"))
    if (config.shows_container(name)) shown.push_back(std::move(name));
  return shown;
}

namespace {

ULONG container_type(const SkfFunctions& api, HCONTAINER container) {
  ULONG type = SKF_CONTAINER_EMPTY;
  check_sar(api.SKF_GetContainerType(container, &type), "SKF_GetContainerType",
            "reading what the container holds");
  return type;
}

// One of the pair's public key blobs (type: ECCPUBLICKEYBLOB or RSAPUBLICKEYBLOB), or nullopt
// when the container holds no such pair.
template <typename Blob>
std::optional<Blob> public_blob(const SkfFunctions& api, HCONTAINER container, bool signing,
                                const char* what) {
  // The blob is one of the two fixed structures; ask with room for either.
  alignas(8) BYTE buf[sizeof(RSAPUBLICKEYBLOB) + sizeof(ECCPUBLICKEYBLOB)];
  std::memset(buf, 0, sizeof buf);
  ULONG len = sizeof buf;
  const ULONG rv = api.SKF_ExportPublicKey(container, signing ? TRUE : FALSE, buf, &len);
  if (rv == SAR_KEYNOTFOUNTERR) return std::nullopt;  // a container with the other pair only
  check_sar(rv, "SKF_ExportPublicKey",
            signing ? "reading the signing public key" : "reading the encryption public key");
  if (len < sizeof(Blob))
    fail(CRT_ERR_DEVICE, std::string("the ") + what + " public key blob is " + std::to_string(len) +
                             " bytes, the standard's is " + std::to_string(sizeof(Blob)));
  Blob blob;
  std::memcpy(&blob, buf, sizeof blob);
  return blob;
}

}  // namespace

std::optional<ECCPUBLICKEYBLOB> ecc_public_key_blob(const SkfFunctions& api, HCONTAINER container,
                                                    bool signing) {
  if (container_type(api, container) != SKF_CONTAINER_ECC) return std::nullopt;
  return public_blob<ECCPUBLICKEYBLOB>(api, container, signing, "SM2");
}

std::optional<Bytes> public_key_of(const SkfFunctions& api, HCONTAINER container, bool signing) {
  const ULONG type = container_type(api, container);
  if (type == SKF_CONTAINER_ECC) {
    const auto blob = public_blob<ECCPUBLICKEYBLOB>(api, container, signing, "SM2");
    return blob ? std::optional<Bytes>(sm2_spki(*blob)) : std::nullopt;
  }
  if (type != SKF_CONTAINER_RSA) return std::nullopt;
  const auto blob = public_blob<RSAPUBLICKEYBLOB>(api, container, signing, "RSA");
  return blob ? std::optional<Bytes>(rsa_spki(*blob)) : std::nullopt;
}

namespace {

// The answer to a certificate size query that means "no certificate": the standard's
// SAR_CERTNOTFOUNTERR; some libraries answer a size of 0 or a file error instead.
bool no_certificate(ULONG rv, ULONG size) {
  return rv == SAR_CERTNOTFOUNTERR || rv == SAR_FILE_NOT_EXIST || (rv == SAR_OK && size == 0);
}

}  // namespace

std::optional<Bytes> certificate_of(const SkfFunctions& api, HCONTAINER container, bool signing) {
  const char* doing =
      signing ? "reading the signing certificate" : "reading the encryption certificate";
  ULONG size = 0;
  ULONG rv = api.SKF_ExportCertificate(container, signing ? TRUE : FALSE, nullptr, &size);
  if (no_certificate(rv, size)) return std::nullopt;
  if (rv != SAR_OK && rv != SAR_BUFFER_TOO_SMALL)  // some answer a size query with TOO_SMALL
    throw_sar(rv, "SKF_ExportCertificate", doing);
  if (size > 64 * 1024) fail(CRT_ERR_DEVICE, "the certificate claims to be over 64 KiB");
  Bytes der(size);
  rv = api.SKF_ExportCertificate(container, signing ? TRUE : FALSE, der.data(), &size);
  check_sar(rv, "SKF_ExportCertificate", doing);
  der.resize(std::min<std::size_t>(size, der.size()));
  return der;
}

std::optional<Bytes> signing_public_key(const SkfFunctions& api, HCONTAINER container) {
  return public_key_of(api, container, true);
}

std::optional<Bytes> signing_certificate(const SkfFunctions& api, HCONTAINER container) {
  return certificate_of(api, container, true);
}

ContainerContents read_container(const SkfFunctions& api, HAPPLICATION app,
                                 const std::string& name) {
  const ContainerConnection container(api, app, name);
  ContainerContents contents;
  contents.name = name;
  contents.key_spki = signing_public_key(api, container.handle());
  if (contents.key_spki) contents.key = spki_facts(*contents.key_spki);
  contents.certificate = signing_certificate(api, container.handle());
  contents.encryption_key_spki = public_key_of(api, container.handle(), false);
  if (contents.encryption_key_spki)
    contents.encryption_key = spki_facts(*contents.encryption_key_spki);
  contents.encryption_certificate = certificate_of(api, container.handle(), false);
  return contents;
}

bool may_hold_encryption_half(const SkfFunctions& api, HCONTAINER container) {
  alignas(8) BYTE key[sizeof(RSAPUBLICKEYBLOB) + sizeof(ECCPUBLICKEYBLOB)];
  ULONG key_len = sizeof key;
  const ULONG key_rv = api.SKF_ExportPublicKey(container, FALSE, key, &key_len);
  if (key_rv != SAR_KEYNOTFOUNTERR) return true;
  ULONG cert_len = 0;
  return !no_certificate(api.SKF_ExportCertificate(container, FALSE, nullptr, &cert_len), cert_len);
}

std::string new_container_name(const std::vector<std::string>& taken, const std::string& label) {
  // Container names are short ASCII on most devices: keep printable ASCII, at most 40 bytes.
  std::string base;
  for (char c : label)
    if (c > 0x20 && c < 0x7F && base.size() < 40) base.push_back(c);
  const auto free = [&](const std::string& name) {
    return std::find(taken.begin(), taken.end(), name) == taken.end();
  };
  if (!base.empty() && free(base)) return base;
  if (base.empty()) base = "CertRenew";
  for (;;) {
    unsigned char random[4];
    if (RAND_bytes(random, sizeof random) != 1) kit::openssl_failure(CRT_ERR_GENERAL, "random");
    char suffix[16];
    std::snprintf(suffix, sizeof suffix, "-%02x%02x%02x%02x", random[0], random[1], random[2],
                  random[3]);
    const std::string name = base + suffix;
    if (free(name)) return name;
  }
}

}  // namespace certrenew::skf
