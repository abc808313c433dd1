#pragma once

// The vendor's SKF library, loaded privately, and the GM/T 0016 functions the bridge calls. The
// pointer types come from our header's prototypes (gmt0016.h), so a mismatch is a compile error.

#include <certrenew/skf/gmt0016.h>
#include <certrenew/plugins/dynamic_library.hpp>

#include <filesystem>
#include <string>

namespace certrenew::skf {

struct SkfFunctions {
#define CERTRENEW_SKF_FN(name) decltype(&::name) name = nullptr;
  // Required: without these the library cannot be a token for CertRenew.
  CERTRENEW_SKF_FN(SKF_EnumDev)
  CERTRENEW_SKF_FN(SKF_ConnectDev)
  CERTRENEW_SKF_FN(SKF_DisConnectDev)
  CERTRENEW_SKF_FN(SKF_GetDevInfo)
  CERTRENEW_SKF_FN(SKF_EnumApplication)
  CERTRENEW_SKF_FN(SKF_OpenApplication)
  CERTRENEW_SKF_FN(SKF_CloseApplication)
  CERTRENEW_SKF_FN(SKF_GetPINInfo)
  CERTRENEW_SKF_FN(SKF_VerifyPIN)
  CERTRENEW_SKF_FN(SKF_ClearSecureState)
  CERTRENEW_SKF_FN(SKF_EnumContainer)
  CERTRENEW_SKF_FN(SKF_OpenContainer)
  CERTRENEW_SKF_FN(SKF_CloseContainer)
  CERTRENEW_SKF_FN(SKF_GetContainerType)
  CERTRENEW_SKF_FN(SKF_ExportCertificate)
  CERTRENEW_SKF_FN(SKF_ExportPublicKey)
  CERTRENEW_SKF_FN(SKF_ECCSignData)
  // Optional: the operation they serve is reported as missing without them.
  CERTRENEW_SKF_FN(SKF_WaitForDevEvent)
  CERTRENEW_SKF_FN(SKF_CancelWaitForDevEvent)
  CERTRENEW_SKF_FN(SKF_GetDevState)
  CERTRENEW_SKF_FN(SKF_GenRandom)
  CERTRENEW_SKF_FN(SKF_DevAuth)
  CERTRENEW_SKF_FN(SKF_ChangePIN)
  CERTRENEW_SKF_FN(SKF_UnblockPIN)
  CERTRENEW_SKF_FN(SKF_CreateContainer)
  CERTRENEW_SKF_FN(SKF_DeleteContainer)
  CERTRENEW_SKF_FN(SKF_ImportCertificate)
  CERTRENEW_SKF_FN(SKF_GenECCKeyPair)
  CERTRENEW_SKF_FN(SKF_GenRSAKeyPair)
  CERTRENEW_SKF_FN(SKF_RSASignData)
  CERTRENEW_SKF_FN(SKF_ImportECCKeyPair)  // dual certificates: all five or no encryption keys
  CERTRENEW_SKF_FN(SKF_ImportSessionKey)
  CERTRENEW_SKF_FN(SKF_DecryptInit)
  CERTRENEW_SKF_FN(SKF_Decrypt)
  CERTRENEW_SKF_FN(SKF_CloseHandle)
#undef CERTRENEW_SKF_FN
};

// The library loaded as plugins::DynamicLibrary loads it (now and privately: two vendors'
// libraries export the same SKF_* names), closed when this goes. Throws
// DriverError(CRT_ERR_CONFIG) with the loader's reason, or naming a required function missing.
class VendorLibrary {
 public:
  explicit VendorLibrary(const std::filesystem::path& path);

  const SkfFunctions& api() const { return api_; }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  plugins::DynamicLibrary library_;
  SkfFunctions api_;
};

}  // namespace certrenew::skf
