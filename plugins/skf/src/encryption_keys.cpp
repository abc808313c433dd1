#include "encryption_keys.hpp"

#include <certrenew/driver_kit/openssl.hpp>

#include <cstddef>
#include <cstring>

#include "catalogues/skf_texts.hpp"
#include "containers.hpp"
#include "ecc_blobs.hpp"
#include "key_operations.hpp"
#include "sar_codes.hpp"

namespace certrenew::skf {

namespace {

constexpr char kEncryptionSuffix[] = {'\0', 'e', 'n', 'c'};

void require_encryption_functions(const SkfFunctions& api) {
  if (!offers_encryption_keys(api))
    fail(CRT_ERR_NOT_SUPPORTED,
         say(SkfText::function_missing,
             {"SKF_ImportECCKeyPair / SKF_ImportSessionKey / SKF_DecryptInit / SKF_Decrypt / "
              "SKF_CloseHandle"}));
}

// A device's refusal of what it was handed is bad data; a missing login, a removed key or a
// device fault stays what it is.
[[noreturn]] void refused(ULONG rv, const char* function, SkfText why) {
  const crt_status status = sar_status(rv);
  const bool keeps = status == CRT_ERR_NOT_LOGGED_IN || status == CRT_ERR_TOKEN_NOT_PRESENT ||
                     status == CRT_ERR_DEVICE || status == CRT_ERR_NOT_SUPPORTED ||
                     status == CRT_ERR_TOKEN_FULL;
  fail(keeps ? status : CRT_ERR_DATA_INVALID, say(why) + ": " + describe_sar(function, rv));
}

// A session key handle, closed on every way out.
class SessionKey {
 public:
  SessionKey(const SkfFunctions& api, HANDLE handle) : api_(api), handle_(handle) {}
  ~SessionKey() { api_.SKF_CloseHandle(handle_); }
  SessionKey(const SessionKey&) = delete;
  SessionKey& operator=(const SessionKey&) = delete;
  HANDLE handle() const { return handle_; }

 private:
  const SkfFunctions& api_;
  HANDLE handle_;
};

}  // namespace

Bytes encryption_id(const std::string& container) {
  Bytes id(container.begin(), container.end());
  id.insert(id.end(), std::begin(kEncryptionSuffix), std::end(kEncryptionSuffix));
  return id;
}

ObjectAddress address_of(const DriverSession& s, const Bytes& id) {
  const std::size_t suffix = sizeof kEncryptionSuffix;
  if (id.size() > suffix &&
      std::memcmp(id.data() + id.size() - suffix, kEncryptionSuffix, suffix) == 0)
    return {shown_container(s, Bytes(id.begin(), id.end() - suffix)), true};
  return {shown_container(s, id), false};
}

bool offers_encryption_keys(const SkfFunctions& api) {
  return api.SKF_ImportECCKeyPair != nullptr && api.SKF_ImportSessionKey != nullptr &&
         api.SKF_DecryptInit != nullptr && api.SKF_Decrypt != nullptr &&
         api.SKF_CloseHandle != nullptr;
}

Bytes import_envelope(DriverSession& s, const Bytes& signing_id,
                      const crt_sm2_enveloped_key& envelope) {
  require_encryption_functions(s.api());
  const ObjectAddress address = address_of(s, signing_id);
  if (address.encryption) fail(CRT_ERR_DATA_INVALID, say(SkfText::not_a_signing_key));
  s.require_login();
  const ContainerConnection container(s.api(), s.app_handle(), address.container);
  const auto signing = ecc_public_key_blob(s.api(), container.handle(), true);
  if (!signing) fail(CRT_ERR_DATA_INVALID, say(SkfText::envelope_needs_sm2));
  if (public_key_of(s.api(), container.handle(), false))
    fail(CRT_ERR_OBJECT_EXISTS, say(SkfText::encryption_key_present));
  // Handed over the way the device writes its own blobs.
  Bytes blob = enveloped_key_blob(envelope, sm2_blob_alignment(*signing));
  s.authenticate_device();
  const ULONG rv = s.api().SKF_ImportECCKeyPair(container.handle(),
                                                reinterpret_cast<PENVELOPEDKEYBLOB>(blob.data()));
  kit::wipe(blob.data(), blob.size());
  if (rv != SAR_OK) refused(rv, "SKF_ImportECCKeyPair", SkfText::envelope_refused);
  // The device keeps what it decrypted: its public half must be the envelope's.
  const auto imported = ecc_public_key_blob(s.api(), container.handle(), false);
  ECCPUBLICKEYBLOB expected;
  std::memset(&expected, 0, sizeof expected);
  expected.BitLen = 256;
  std::memcpy(expected.XCoordinate + 32, envelope.public_x, 32);
  std::memcpy(expected.YCoordinate + 32, envelope.public_y, 32);
  if (!imported || sm2_spki(*imported) != sm2_spki(expected))
    fail(CRT_ERR_DEVICE, say(SkfText::encryption_pair_mismatch));
  return encryption_id(address.container);
}

void import_certificate_for(DriverSession& s, const Bytes& id, std::uint32_t usage,
                            const Bytes& der) {
  const ObjectAddress address = address_of(s, id);
  const bool encryption = usage == CRT_USAGE_ENCRYPTION;
  if (address.encryption != encryption)
    fail(CRT_ERR_DATA_INVALID,
         say(encryption ? SkfText::not_an_encryption_key : SkfText::not_a_signing_key));
  if (!encryption) return import_signing_certificate(s, address.container, der);
  if (s.api().SKF_ImportCertificate == nullptr)
    fail(CRT_ERR_NOT_SUPPORTED, say(SkfText::function_missing, {"SKF_ImportCertificate"}));
  const kit::X509Ptr cert = kit::decode_certificate(der.data(), der.size());
  if (!cert) fail(CRT_ERR_DATA_INVALID, say(SkfText::certificate_malformed));
  s.require_login();
  const ContainerConnection container(s.api(), s.app_handle(), address.container);
  if (certificate_of(s.api(), container.handle(), false))
    fail(CRT_ERR_OBJECT_EXISTS, say(SkfText::encryption_certificate_present));
  const auto key = public_key_of(s.api(), container.handle(), false);
  if (!key) fail(CRT_ERR_OBJECT_NOT_FOUND, say(SkfText::no_encryption_key));
  if (kit::spki_of(X509_get0_pubkey(cert.get())) != *key)
    fail(CRT_ERR_DATA_INVALID, say(SkfText::certificate_mismatch));
  write_container_certificate(s, container.handle(), der, false);
}

Secret open_sealed_on_device(DriverSession& s, const Bytes& id, const crt_sm2_cipher& wrapped,
                             const Bytes& data) {
  require_encryption_functions(s.api());
  const ObjectAddress address = address_of(s, id);
  if (!address.encryption) fail(CRT_ERR_DATA_INVALID, say(SkfText::not_an_encryption_key));
  s.require_login();
  const ContainerConnection container(s.api(), s.app_handle(), address.container);
  const auto key = ecc_public_key_blob(s.api(), container.handle(), false);
  if (!key) fail(CRT_ERR_OBJECT_NOT_FOUND, say(SkfText::no_encryption_key));
  Bytes blob = ecc_cipher_blob(wrapped, sm2_blob_alignment(*key));
  HANDLE handle = nullptr;
  const ULONG rv = s.api().SKF_ImportSessionKey(
      container.handle(), SGD_SM4_ECB, blob.data(),
      static_cast<ULONG>(offsetof(ECCCIPHERBLOB, Cipher) + wrapped.ciphertext_len), &handle);
  if (rv != SAR_OK || handle == nullptr)
    refused(rv == SAR_OK ? SAR_FAIL : rv, "SKF_ImportSessionKey", SkfText::sealed_not_opened);
  const SessionKey session_key(s.api(), handle);
  BLOCKCIPHERPARAM param;
  std::memset(&param, 0, sizeof param);  // ECB: no IV; PaddingType 0: no padding
  check_sar(s.api().SKF_DecryptInit(session_key.handle(), param), "SKF_DecryptInit",
            "opening the sealed data");
  Bytes input = data;  // BYTE*: the standard's input is not const
  Secret plain(data.size());
  ULONG len = static_cast<ULONG>(plain.size());
  check_sar(s.api().SKF_Decrypt(session_key.handle(), input.data(),
                                static_cast<ULONG>(input.size()), plain.data(), &len),
            "SKF_Decrypt", "opening the sealed data");
  if (len != data.size()) fail(CRT_ERR_DEVICE, say(SkfText::sealed_not_opened));
  return plain;
}

void refuse_encryption_loss(const ObjectAddress& address) {
  // SKF removes an encryption pair or certificate only with its container; the container goes
  // only when it holds none (delete_container_object checks that).
  if (address.encryption) fail(CRT_ERR_NOT_SUPPORTED, say(SkfText::encryption_not_alone));
}

}  // namespace certrenew::skf
