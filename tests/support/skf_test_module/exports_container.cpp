// TEST DOUBLE: GM/T 0016 containers, certificates, key pairs and signatures.
#include <algorithm>
#include <cstddef>
#include <cstring>

#include "module_state.hpp"
#include "token_crypto.hpp"
#include "token_envelope.hpp"

using namespace certrenew::skf_testdouble;

namespace {

struct ContainerCall {
  ContainerHandle* handle = nullptr;
  Device device;
  Application* app = nullptr;
  Container* container = nullptr;
};

ULONG load_container(HCONTAINER h, ContainerCall& call) {
  call.handle = containers().get(h);
  if (call.handle == nullptr) return SAR_INVALIDHANDLEERR;
  if (const ULONG rv = load_present(call.handle->serial, call.device); rv != SAR_OK) return rv;
  call.app = call.device.find(call.handle->app);
  if (call.app == nullptr) return SAR_APPLICATION_NOT_EXISTS;
  call.container = call.app->find(call.handle->container);
  return call.container == nullptr ? SAR_INVALIDHANDLEERR : SAR_OK;
}

bool user_logged_in(const std::string& serial, const std::string& app) {
  return security().user_logged_in.count(serial + "/" + app) != 0;
}

// Writes need the user's login, and device authentication on devices that ask for it.
ULONG may_write(const Device& device, const std::string& app) {
  if (!user_logged_in(device.serial, app)) return SAR_USER_NOT_LOGGED_IN;
  if (device.dev_auth_for_writes && security().authenticated_devices.count(device.serial) == 0)
    return SAR_USER_NOT_LOGGED_IN;
  return SAR_OK;
}

// Adds a container to the call's application: it needs the login; a name taken, or a full
// device, is refused.
ULONG add_container(AppCall& call, const std::string& name) {
  if (const ULONG rv = may_write(call.device, call.app->name); rv != SAR_OK) return rv;
  if (call.app->find(name) != nullptr) return SAR_FILE_ALREADY_EXIST;
  if (call.app->containers.size() >= call.device.max_containers)
    return SAR_REACH_MAX_CONTAINER_COUNT;
  call.app->containers.push_back({name, "", {}, "", {}});
  return save_objects(call.device);
}

// SKF_OpenContainer and SKF_CreateContainer: a handle to the named container of an application,
// which the latter makes first.
enum class Opening { existing, created };
ULONG open_container(HAPPLICATION h, LPSTR text, HCONTAINER* out, Opening opening) {
  std::lock_guard lock(module_mutex());
  AppCall call;
  if (const ULONG rv = load_app(h, call); rv != SAR_OK) return rv;
  const auto name = name_arg(text);
  if (!name || out == nullptr) return SAR_INVALIDPARAMERR;
  if (opening == Opening::created) {
    if (const ULONG rv = add_container(call, *name); rv != SAR_OK) return rv;
  } else if (call.app->find(*name) == nullptr) {
    return SAR_FILE_NOT_EXIST;
  }
  *out = containers().add({call.device.serial, call.app->name, *name});
  return SAR_OK;
}

}  // namespace

extern "C" {

ULONG DEVAPI SKF_EnumContainer(HAPPLICATION hApplication, LPSTR szContainerName, ULONG* pulSize) {
  std::lock_guard lock(module_mutex());
  AppCall call;
  if (const ULONG rv = load_app(hApplication, call); rv != SAR_OK) return rv;
  std::vector<std::string> names;
  for (const Container& c : call.app->containers) names.push_back(c.name);
  return put_name_list(names, szContainerName, pulSize);
}

ULONG DEVAPI SKF_CreateContainer(HAPPLICATION hApplication, LPSTR szContainerName,
                                 HCONTAINER* phContainer) {
  return open_container(hApplication, szContainerName, phContainer, Opening::created);
}

ULONG DEVAPI SKF_DeleteContainer(HAPPLICATION hApplication, LPSTR szContainerName) {
  std::lock_guard lock(module_mutex());
  AppCall call;
  if (const ULONG rv = load_app(hApplication, call); rv != SAR_OK) return rv;
  const auto name = name_arg(szContainerName);
  if (!name) return SAR_INVALIDPARAMERR;
  if (const ULONG rv = may_write(call.device, call.app->name); rv != SAR_OK) return rv;
  auto& list = call.app->containers;
  const auto it =
      std::find_if(list.begin(), list.end(), [&](const Container& c) { return c.name == *name; });
  if (it == list.end()) return SAR_FILE_NOT_EXIST;
  list.erase(it);
  return save_objects(call.device);
}

ULONG DEVAPI SKF_OpenContainer(HAPPLICATION hApplication, LPSTR szContainerName,
                               HCONTAINER* phContainer) {
  return open_container(hApplication, szContainerName, phContainer, Opening::existing);
}

ULONG DEVAPI SKF_CloseContainer(HCONTAINER hContainer) {
  std::lock_guard lock(module_mutex());
  return containers().remove(hContainer) ? SAR_OK : SAR_INVALIDHANDLEERR;
}

ULONG DEVAPI SKF_GetContainerType(HCONTAINER hContainer, ULONG* pulContainerType) {
  std::lock_guard lock(module_mutex());
  ContainerCall call;
  if (const ULONG rv = load_container(hContainer, call); rv != SAR_OK) return rv;
  if (pulContainerType == nullptr) return SAR_INVALIDPARAMERR;
  const std::string& key = call.container->sign_key;
  *pulContainerType =
      key.empty() ? SKF_CONTAINER_EMPTY : (is_rsa(key) ? SKF_CONTAINER_RSA : SKF_CONTAINER_ECC);
  return SAR_OK;
}

ULONG DEVAPI SKF_ImportCertificate(HCONTAINER hContainer, BOOL bSignFlag, BYTE* pbCert,
                                   ULONG ulCertLen) {
  std::lock_guard lock(module_mutex());
  ContainerCall call;
  if (const ULONG rv = load_container(hContainer, call); rv != SAR_OK) return rv;
  if (pbCert == nullptr || ulCertLen == 0 || ulCertLen > 8192) return SAR_INVALIDPARAMERR;
  if (const ULONG rv = may_write(call.device, call.app->name); rv != SAR_OK) return rv;
  // Like a real device: the certificate is stored as given (a device does not parse it).
  (bSignFlag ? call.container->sign_cert : call.container->enc_cert)
      .assign(pbCert, pbCert + ulCertLen);
  return save_objects(call.device);
}

ULONG DEVAPI SKF_ExportCertificate(HCONTAINER hContainer, BOOL bSignFlag, BYTE* pbCert,
                                   ULONG* pulCertLen) {
  std::lock_guard lock(module_mutex());
  ContainerCall call;
  if (const ULONG rv = load_container(hContainer, call); rv != SAR_OK) return rv;
  const Bytes& cert = bSignFlag ? call.container->sign_cert : call.container->enc_cert;
  if (cert.empty()) return SAR_CERTNOTFOUNTERR;
  return put_bytes(cert.data(), cert.size(), pbCert, pulCertLen);
}

ULONG DEVAPI SKF_GenECCKeyPair(HCONTAINER hContainer, ULONG ulAlgId, ECCPUBLICKEYBLOB* pBlob) {
  std::lock_guard lock(module_mutex());
  ContainerCall call;
  if (const ULONG rv = load_container(hContainer, call); rv != SAR_OK) return rv;
  if (ulAlgId != SGD_SM2_1) return SAR_NOTSUPPORTYETERR;
  if (pBlob == nullptr) return SAR_INVALIDPARAMERR;
  if (const ULONG rv = may_write(call.device, call.app->name); rv != SAR_OK) return rv;
  const std::string pem = generate_sm2_pem();
  if (pem.empty()) return SAR_FAIL;
  call.container->sign_key = pem;
  call.container->sign_cert.clear();  // a new key pair makes the old certificate meaningless
  if (const ULONG rv = save_objects(call.device); rv != SAR_OK) return rv;
  *pBlob = ecc_public_blob(pem, current_faults().left_aligned);
  return SAR_OK;
}

ULONG DEVAPI SKF_GenRSAKeyPair(HCONTAINER hContainer, ULONG ulBitsLen, RSAPUBLICKEYBLOB* pBlob) {
  std::lock_guard lock(module_mutex());
  ContainerCall call;
  if (const ULONG rv = load_container(hContainer, call); rv != SAR_OK) return rv;
  if (ulBitsLen != 1024 && ulBitsLen != 2048) return SAR_MODULUSLENERR;
  if (pBlob == nullptr) return SAR_INVALIDPARAMERR;
  if (const ULONG rv = may_write(call.device, call.app->name); rv != SAR_OK) return rv;
  const std::string pem = generate_rsa_pem(ulBitsLen);
  if (pem.empty()) return SAR_GENRSAKEYERR;
  call.container->sign_key = pem;
  call.container->sign_cert.clear();
  if (const ULONG rv = save_objects(call.device); rv != SAR_OK) return rv;
  *pBlob = rsa_public_blob(pem);
  return SAR_OK;
}

ULONG DEVAPI SKF_ExportPublicKey(HCONTAINER hContainer, BOOL bSignFlag, BYTE* pbBlob,
                                 ULONG* pulBlobLen) {
  std::lock_guard lock(module_mutex());
  ContainerCall call;
  if (const ULONG rv = load_container(hContainer, call); rv != SAR_OK) return rv;
  const std::string& pem = bSignFlag ? call.container->sign_key : call.container->enc_key;
  if (pem.empty()) return SAR_KEYNOTFOUNTERR;
  if (is_rsa(pem)) {
    const RSAPUBLICKEYBLOB blob = rsa_public_blob(pem);
    return put_bytes(&blob, sizeof blob, pbBlob, pulBlobLen);
  }
  const ECCPUBLICKEYBLOB blob = ecc_public_blob(pem, current_faults().left_aligned);
  return put_bytes(&blob, sizeof blob, pbBlob, pulBlobLen);
}

ULONG DEVAPI SKF_ECCSignData(HCONTAINER hContainer, BYTE* pbData, ULONG ulDataLen,
                             ECCSIGNATUREBLOB* pSignature) {
  std::lock_guard lock(module_mutex());
  ContainerCall call;
  if (const ULONG rv = load_container(hContainer, call); rv != SAR_OK) return rv;
  if (pbData == nullptr || pSignature == nullptr) return SAR_INVALIDPARAMERR;
  if (ulDataLen != 32) return SAR_INDATALENERR;  // the preprocessed digest e, nothing else
  if (!user_logged_in(call.device.serial, call.app->name)) return SAR_USER_NOT_LOGGED_IN;
  const std::string& pem = call.container->sign_key;
  if (pem.empty() || is_rsa(pem)) return SAR_KEYNOTFOUNTERR;
  return sm2_sign_digest(pem, pbData, ulDataLen, *pSignature, current_faults().left_aligned)
             ? SAR_OK
             : SAR_FAIL;
}

ULONG DEVAPI SKF_RSASignData(HCONTAINER hContainer, BYTE* pbData, ULONG ulDataLen,
                             BYTE* pbSignature, ULONG* pulSignLen) {
  std::lock_guard lock(module_mutex());
  ContainerCall call;
  if (const ULONG rv = load_container(hContainer, call); rv != SAR_OK) return rv;
  if (pbData == nullptr || ulDataLen == 0 || pulSignLen == nullptr) return SAR_INVALIDPARAMERR;
  const std::string& pem = call.container->sign_key;
  if (pem.empty() || !is_rsa(pem)) return SAR_KEYNOTFOUNTERR;
  const ULONG size = rsa_public_blob(pem).BitLen / 8;
  if (pbSignature == nullptr) {
    *pulSignLen = size;
    return SAR_OK;
  }
  if (*pulSignLen < size) {
    *pulSignLen = size;
    return SAR_BUFFER_TOO_SMALL;
  }
  if (!user_logged_in(call.device.serial, call.app->name)) return SAR_USER_NOT_LOGGED_IN;
  Bytes signature;
  if (!rsa_sign_raw(pem, pbData, ulDataLen, signature)) return SAR_RSAENCERR;
  return put_bytes(signature.data(), signature.size(), pbSignature, pulSignLen);
}

}  // extern "C"

// ---- dual certificates (token_envelope.hpp) ----

extern "C" {

ULONG DEVAPI SKF_ImportECCKeyPair(HCONTAINER hContainer, PENVELOPEDKEYBLOB pEnvelopedKeyBlob) {
  std::lock_guard lock(module_mutex());
  ContainerCall call;
  if (const ULONG rv = load_container(hContainer, call); rv != SAR_OK) return rv;
  if (pEnvelopedKeyBlob == nullptr) return SAR_INVALIDPARAMERR;
  if (const ULONG rv = may_write(call.device, call.app->name); rv != SAR_OK) return rv;
  const std::string& sign_key = call.container->sign_key;
  if (sign_key.empty() || is_rsa(sign_key)) return SAR_KEYNOTFOUNTERR;
  ENVELOPEDKEYBLOB head;
  std::memcpy(&head, pEnvelopedKeyBlob, sizeof head);
  if (head.ECCCipherBlob.CipherLen != 16) return SAR_INDATALENERR;
  // Like a careful chip: the pair is kept only when it decrypts and d·G is the public key.
  const std::string pem = open_enveloped_blob(
      sign_key, head, pEnvelopedKeyBlob->ECCCipherBlob.Cipher, current_faults().left_aligned);
  if (pem.empty()) return SAR_HASHNOTEQUALERR;
  call.container->enc_key = pem;
  call.container->enc_cert.clear();  // a new pair makes the old encryption certificate meaningless
  return save_objects(call.device);
}

ULONG DEVAPI SKF_ImportSessionKey(HCONTAINER hContainer, ULONG ulAlgId, BYTE* pbWrapedData,
                                  ULONG ulWrapedLen, HANDLE* phKey) {
  std::lock_guard lock(module_mutex());
  ContainerCall call;
  if (const ULONG rv = load_container(hContainer, call); rv != SAR_OK) return rv;
  if (ulAlgId != SGD_SM4_ECB) return SAR_NOTSUPPORTYETERR;
  if (pbWrapedData == nullptr || phKey == nullptr || ulWrapedLen < offsetof(ECCCIPHERBLOB, Cipher))
    return SAR_INVALIDPARAMERR;
  if (!user_logged_in(call.device.serial, call.app->name)) return SAR_USER_NOT_LOGGED_IN;
  ECCCIPHERBLOB head;
  std::memset(&head, 0, sizeof head);
  std::memcpy(&head, pbWrapedData, offsetof(ECCCIPHERBLOB, Cipher));
  if (ulWrapedLen != offsetof(ECCCIPHERBLOB, Cipher) + head.CipherLen) return SAR_INDATALENERR;
  if (call.container->enc_key.empty()) return SAR_KEYNOTFOUNTERR;
  Bytes key = unwrap_session_key(call.container->enc_key, head,
                                 pbWrapedData + offsetof(ECCCIPHERBLOB, Cipher),
                                 current_faults().left_aligned);
  if (key.size() != 16) return SAR_HASHNOTEQUALERR;
  *phKey = session_keys().add({std::move(key), false});
  return SAR_OK;
}

ULONG DEVAPI SKF_DecryptInit(HANDLE hKey, BLOCKCIPHERPARAM DecryptParam) {
  std::lock_guard lock(module_mutex());
  SessionKeyHandle* key = session_keys().get(hKey);
  if (key == nullptr) return SAR_INVALIDHANDLEERR;
  if (DecryptParam.PaddingType != 0 || DecryptParam.IVLen != 0) return SAR_NOTSUPPORTYETERR;
  key->decrypting = true;
  return SAR_OK;
}

ULONG DEVAPI SKF_Decrypt(HANDLE hKey, BYTE* pbEncryptedData, ULONG ulEncryptedLen, BYTE* pbData,
                         ULONG* pulDataLen) {
  std::lock_guard lock(module_mutex());
  SessionKeyHandle* key = session_keys().get(hKey);
  if (key == nullptr) return SAR_INVALIDHANDLEERR;
  if (!key->decrypting) return SAR_NOTINITIALIZEERR;
  if (pbEncryptedData == nullptr || pulDataLen == nullptr || ulEncryptedLen % 16 != 0)
    return SAR_INDATALENERR;
  const Bytes plain =
      sm4_ecb_decrypt(key->key, Bytes(pbEncryptedData, pbEncryptedData + ulEncryptedLen));
  if (plain.size() != ulEncryptedLen) return SAR_FAIL;
  return put_bytes(plain.data(), plain.size(), pbData, pulDataLen);
}

ULONG DEVAPI SKF_CloseHandle(HANDLE hHandle) {
  std::lock_guard lock(module_mutex());
  return session_keys().remove(hHandle) ? SAR_OK : SAR_INVALIDHANDLEERR;
}

}  // extern "C"
