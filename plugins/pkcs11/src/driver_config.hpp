#pragma once

#include <filesystem>
#include <optional>
#include <vector>

#include "pkcs11.hpp"
#include "token_selector.hpp"

namespace certrenew::pkcs11 {

// Vendor-defined SM2 support. PKCS#11 up to 3.0 defines no SM2 mechanism, so a module's SM2
// numbers come from its vendor's documentation and are named in the configuration.
struct Sm2Config {
  CK_MECHANISM_TYPE sign_mechanism = 0;  // takes e = SM3(Z || M), returns r || s
  std::optional<CK_MECHANISM_TYPE> keygen_mechanism;
  CK_KEY_TYPE key_type = CKK_EC;  // CKK_EC with the SM2 curve OID, unless the vendor says otherwise
};

// The bridge's configuration (the JSON the host passes to open):
//   {"modules": ["/usr/lib/softhsm/libsofthsm2.so"],
//    "tokens": ["pkcs11:token=CertRenew%20Test"],
//    "sm2": {"sign_mechanism": "0x80000301", "keygen_mechanism": "0x80000300"}}
// "modules" lists module files (or bare library names for the system's search); "tokens" lists
// RFC 7512 URIs, a token being used when any one matches (all initialised tokens when absent).
// A URI's module-path= adds that module too. Unknown keys are refused, so a typo is not ignored.
struct DriverConfig {
  std::vector<std::filesystem::path> modules;
  std::vector<TokenSelector> tokens;
  std::optional<Sm2Config> sm2;
};

// Throws DriverError(CRT_ERR_CONFIG). NULL or "" is "{}": no module, no token.
DriverConfig parse_driver_config(const char* json_text);

}  // namespace certrenew::pkcs11
