#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "bridge_error.hpp"

namespace certrenew::skf {

// The bridge's configuration (the JSON the host passes to open):
//   {"library": "/opt/vendor/lib/libvendor_skf.so",
//    "applications": ["CERTAPP"],          optional: only these applications become tokens
//    "containers": ["SIGN-*", "default"],  optional: only these containers (exact, or prefix*)
//    "dev_auth_key": "<32 hex digits>",    optional: the device-authentication key (SM4/SM1 ECB)
//    "hotplug": true}                      optional: watch SKF_WaitForDevEvent (default true)
// Unknown keys are refused, so a typo is reported, not ignored.
struct DriverConfig {
  std::filesystem::path library;
  std::vector<std::string> applications;
  std::vector<std::string> containers;
  std::optional<Secret> dev_auth_key;  // 16 bytes
  bool hotplug = true;

  bool shows_application(const std::string& name) const;
  bool shows_container(const std::string& name) const;
};

// Throws DriverError(CRT_ERR_CONFIG).
DriverConfig parse_driver_config(const char* json_text);

}  // namespace certrenew::skf
