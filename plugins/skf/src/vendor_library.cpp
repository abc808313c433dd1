// The vendor's SKF library and the GM/T 0016 functions it exports.
#include "vendor_library.hpp"

#include "bridge_error.hpp"
#include "catalogues/skf_texts.hpp"

namespace certrenew::skf {

VendorLibrary::VendorLibrary(const std::filesystem::path& path)
    : path_(path), library_(path, say(SkfText::library_unloadable, {path.string()})) {
#define CERTRENEW_SKF_BIND(name, required)                                   \
  api_.name = reinterpret_cast<decltype(api_.name)>(library_.symbol(#name)); \
  if ((required) && api_.name == nullptr)                                    \
    fail(CRT_ERR_CONFIG, say(SkfText::not_skf_library, {path.string(), #name}));
  CERTRENEW_SKF_BIND(SKF_EnumDev, true)
  CERTRENEW_SKF_BIND(SKF_ConnectDev, true)
  CERTRENEW_SKF_BIND(SKF_DisConnectDev, true)
  CERTRENEW_SKF_BIND(SKF_GetDevInfo, true)
  CERTRENEW_SKF_BIND(SKF_EnumApplication, true)
  CERTRENEW_SKF_BIND(SKF_OpenApplication, true)
  CERTRENEW_SKF_BIND(SKF_CloseApplication, true)
  CERTRENEW_SKF_BIND(SKF_GetPINInfo, true)
  CERTRENEW_SKF_BIND(SKF_VerifyPIN, true)
  CERTRENEW_SKF_BIND(SKF_ClearSecureState, true)
  CERTRENEW_SKF_BIND(SKF_EnumContainer, true)
  CERTRENEW_SKF_BIND(SKF_OpenContainer, true)
  CERTRENEW_SKF_BIND(SKF_CloseContainer, true)
  CERTRENEW_SKF_BIND(SKF_GetContainerType, true)
  CERTRENEW_SKF_BIND(SKF_ExportCertificate, true)
  CERTRENEW_SKF_BIND(SKF_ExportPublicKey, true)
  CERTRENEW_SKF_BIND(SKF_ECCSignData, true)
  CERTRENEW_SKF_BIND(SKF_WaitForDevEvent, false)
  CERTRENEW_SKF_BIND(SKF_CancelWaitForDevEvent, false)
  CERTRENEW_SKF_BIND(SKF_GetDevState, false)
  CERTRENEW_SKF_BIND(SKF_GenRandom, false)
  CERTRENEW_SKF_BIND(SKF_DevAuth, false)
  CERTRENEW_SKF_BIND(SKF_ChangePIN, false)
  CERTRENEW_SKF_BIND(SKF_UnblockPIN, false)
  CERTRENEW_SKF_BIND(SKF_CreateContainer, false)
  CERTRENEW_SKF_BIND(SKF_DeleteContainer, false)
  CERTRENEW_SKF_BIND(SKF_ImportCertificate, false)
  CERTRENEW_SKF_BIND(SKF_GenECCKeyPair, false)
  CERTRENEW_SKF_BIND(SKF_GenRSAKeyPair, false)
  CERTRENEW_SKF_BIND(SKF_RSASignData, false)
  CERTRENEW_SKF_BIND(SKF_ImportECCKeyPair, false)
  CERTRENEW_SKF_BIND(SKF_ImportSessionKey, false)
  CERTRENEW_SKF_BIND(SKF_DecryptInit, false)
  CERTRENEW_SKF_BIND(SKF_Decrypt, false)
  CERTRENEW_SKF_BIND(SKF_CloseHandle, false)
#undef CERTRENEW_SKF_BIND
}

}  // namespace certrenew::skf
