#pragma once
// TEST DOUBLE (libcertrenew-skf-testdouble.so): the "chip memory" of the emulated SKF devices,
// one JSON file per device in $CERTRENEW_SKF_TESTDOUBLE_DIR, named <serial>.json:
//
//   {"serial": "SKF-0001", "label": "Test key", "manufacturer": "CertRenew test double",
//    "dev_auth_key": "<32 hex digits: the SM4 device-authentication key>",
//    "dev_auth_for_writes": false,     // true: container writes need SKF_DevAuth first (as some
//                                      // vendors' devices do); the standard asks it only for
//                                      // creating/deleting applications
//    "max_containers": 8,
//    "applications": [{"name": "CERTRENEW",
//       "user_pin_sha256": "<hex>", "admin_pin_sha256": "<hex>",
//       "user_retries_max": 6, "user_retries_left": 6, "user_pin_default": true,
//       "admin_retries_max": 10, "admin_retries_left": 10, "admin_pin_default": true,
//       "containers": [{"name": "c1", "sign_key": "<PEM>", "sign_cert": "<DER hex>",
//                       "enc_key": "<PEM>", "enc_cert": "<DER hex>"}]}]}
//
// PINs are kept as SHA-256 hashes (a test writes them with cmake's string(SHA256) or OpenSSL).
// The retry counters are real: a wrong PIN spends one, 0 locks; so "final try" and "locked" are
// states a test writes into the file. Faults that are not states come from the control file
// (see faults.hpp).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace certrenew::skf_testdouble {

using Bytes = std::vector<std::uint8_t>;

struct Container {
  std::string name;
  std::string sign_key;  // PEM private key ("" while the container is empty)
  Bytes sign_cert;       // DER ("" when none)
  std::string enc_key;
  Bytes enc_cert;
};

struct Pin {
  std::string sha256;  // hex of SHA-256(PIN)
  std::uint32_t retries_max = 6;
  std::uint32_t retries_left = 6;
  bool is_default = false;
};

struct Application {
  std::string name;
  Pin user, admin;
  std::vector<Container> containers;
  Container* find(const std::string& container);
};

struct Device {
  std::string serial, label, manufacturer;
  Bytes dev_auth_key;  // 16 bytes
  bool dev_auth_for_writes = false;
  std::uint32_t max_containers = 8;
  std::vector<Application> applications;
  Application* find(const std::string& app);
};

std::filesystem::path store_dir();  // $CERTRENEW_SKF_TESTDOUBLE_DIR (throws when unset)
// Serials of the device files, in name order (present or not: see faults.hpp).
std::vector<std::string> device_files();
// The device's state, or nullopt when there is no (readable) file for it.
std::optional<Device> load_device(const std::string& serial);
// Writes the whole state atomically (temporary file + rename); false when it could not.
bool save_device(const Device& device);

std::string sha256_hex(const std::string& text);
std::string to_hex(const Bytes& bytes);
Bytes from_hex(const std::string& hex);

}  // namespace certrenew::skf_testdouble
