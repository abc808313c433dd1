#pragma once
// The key management centre (KMC) of SM2 dual certificates (issue 21), as config.json's "kmc"
// object sets it up:
//   "kmc": {"master_key_file": "secrets/kmc-master.key",      (owner-only, 64 hex digits), or
//           "master_key_env": "CERTRENEW_KMC_MASTER_KEY",     (the same hex in a variable)
//           "dual_certificates": "when-present" | "always-sm2" | "never"}
// No "kmc" object: the service issues no encryption certificates (as "never").

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

namespace certrenew::server {

// Which approvals issue an encryption certificate next to the signing one.
enum class DualCertificatePolicy {
  when_present,  // the application carried the holder's current encryption certificate
  always_sm2,    // that, and every renewal whose new signing key is SM2
  never,
};

std::string_view policy_code(DualCertificatePolicy policy);

struct KmcConfig {
  bool enabled = false;  // a "kmc" object was given
  // The master key that encrypts escrowed private keys: 32 bytes as 64 hex digits, from this
  // owner-only file or this environment variable (exactly one). Never in the config itself.
  std::filesystem::path master_key_file;
  std::string master_key_env;
  DualCertificatePolicy dual_certificates = DualCertificatePolicy::never;

  // Reads config.json's "kmc" (null: disabled). Throws std::runtime_error naming the key.
  static KmcConfig from_json(const nlohmann::json& kmc, const std::filesystem::path& base_dir);
};

}  // namespace certrenew::server
