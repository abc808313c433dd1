#pragma once
// Shared by the SKF bridge tests: the SKF test double's devices (tests/support/skf_test_module)
// made per test in a folder of their own, and the bridge loaded through the real plugin host.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "certrenew/core/token/driver.hpp"
#include "certrenew/core/token/session.hpp"
#include "certrenew/core/token/token_context.hpp"
#include "certrenew/core/token/token_error.hpp"
#include "test_pki.hpp"            // TempDir
#include "token_test_support.hpp"  // ScopedEnv

namespace certrenew::testing {

// One application on an emulated key: its PINs and their counters.
struct SkfApplication {
  std::string name = "CERTRENEW";
  std::string user_pin = "246813";
  std::string admin_pin = "admin-1234";
  unsigned user_max = 6, user_left = 6;
  bool user_default = false;
  unsigned admin_max = 10, admin_left = 10;
};

// The test double's device folder and control file, with its environment variables set for the
// test's life.
class SkfKeys {
 public:
  SkfKeys();
  // Writes <serial>.json: a key with these applications (no containers).
  void add_key(const std::string& serial, const std::vector<SkfApplication>& apps = {{}},
               bool dev_auth_for_writes = false);
  // Puts a container with this signing key (PEM) and certificate (DER) into the key's first
  // application, as a CA's enrollment desk leaves it.
  void add_container(const std::string& serial, const std::string& name, const std::string& key_pem,
                     const std::vector<std::uint8_t>& cert_der);
  void unplug_file(const std::string& serial);  // the device file goes: the key is gone
  void faults(const std::string& words);        // the control file's words (faults.hpp)
  nlohmann::json device(const std::string& serial) const;
  void write_device(const std::string& serial, const nlohmann::json& doc);
  // {"library": <test double>} plus `extra` members.
  std::string config(const nlohmann::json& extra = nlohmann::json::object()) const;

  const std::filesystem::path& devices_dir() const { return devices_; }
  const std::filesystem::path& control_file() const { return control_; }

  static constexpr const char* kDevAuthKey = "000102030405060708090a0b0c0d0e0f";

 private:
  TempDir dir_;
  std::filesystem::path devices_ = dir_.path() / "devices";
  std::filesystem::path control_ = dir_.path() / "control";
  ScopedEnv dir_env_;
  ScopedEnv control_env_;
};

token::Driver load_skf_bridge();
std::filesystem::path skf_test_double_file();

}  // namespace certrenew::testing
