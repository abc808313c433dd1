#include "skf_test_support.hpp"

#include <openssl/evp.h>

#include <fstream>
#include <stdexcept>
#include <variant>

#include "certrenew/core/token/plugin_host.hpp"

namespace certrenew::testing {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string sha256_hex(const std::string& text) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(text.data(), text.size(), md, &len, EVP_sha256(), nullptr);
  static const char* digits = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < len; ++i) {
    hex.push_back(digits[md[i] >> 4]);
    hex.push_back(digits[md[i] & 15]);
  }
  return hex;
}

}  // namespace

SkfKeys::SkfKeys()
    : dir_env_("CERTRENEW_SKF_TESTDOUBLE_DIR", devices_.string()),
      control_env_("CERTRENEW_SKF_TESTDOUBLE_CONTROL", control_.string()) {
  fs::create_directories(devices_);
}

void SkfKeys::add_key(const std::string& serial, const std::vector<SkfApplication>& apps,
                      bool dev_auth_for_writes) {
  json doc = {{"label", "Key " + serial},
              {"dev_auth_key", kDevAuthKey},
              {"dev_auth_for_writes", dev_auth_for_writes},
              {"applications", json::array()}};
  for (const SkfApplication& a : apps)
    doc["applications"].push_back({{"name", a.name},
                                   {"user_pin_sha256", sha256_hex(a.user_pin)},
                                   {"user_retries_max", a.user_max},
                                   {"user_retries_left", a.user_left},
                                   {"user_pin_default", a.user_default},
                                   {"admin_pin_sha256", sha256_hex(a.admin_pin)},
                                   {"admin_retries_max", a.admin_max},
                                   {"admin_retries_left", a.admin_left},
                                   {"containers", json::array()}});
  write_device(serial, doc);
}

void SkfKeys::write_device(const std::string& serial, const json& doc) {
  std::ofstream out(devices_ / (serial + ".json"), std::ios::trunc);
  out << doc.dump(2);
  if (!out) throw std::runtime_error("cannot write the test double's device file");
}

void SkfKeys::add_container(const std::string& serial, const std::string& name,
                            const std::string& key_pem, const std::vector<std::uint8_t>& cert_der) {
  static const char* digits = "0123456789abcdef";
  std::string hex;
  for (std::uint8_t b : cert_der) {
    hex.push_back(digits[b >> 4]);
    hex.push_back(digits[b & 15]);
  }
  json doc = device(serial);
  doc["applications"][0]["containers"].push_back(
      {{"name", name}, {"sign_key", key_pem}, {"sign_cert", hex}});
  write_device(serial, doc);
}

void SkfKeys::unplug_file(const std::string& serial) {
  fs::remove(devices_ / (serial + ".json"));
}

void SkfKeys::faults(const std::string& words) {
  std::ofstream out(control_, std::ios::trunc);
  out << words << "\n";
}

json SkfKeys::device(const std::string& serial) const {
  std::ifstream in(devices_ / (serial + ".json"));
  return json::parse(in);
}

std::string SkfKeys::config(const json& extra) const {
  json doc = extra;
  doc["library"] = skf_test_double_file().string();
  return doc.dump();
}

fs::path skf_test_double_file() {
  return CERTRENEW_SKF_TEST_DOUBLE;  // set by CMake
}

token::Driver load_skf_bridge() {
  token::PluginHost host;
  auto loaded = host.load_file(CERTRENEW_SKF_DRIVER);
  if (const auto* rejected = std::get_if<token::Rejection>(&loaded))
    throw std::runtime_error("skf bridge refused: " + rejected->describe());
  return std::get<token::Driver>(loaded);
}

}  // namespace certrenew::testing
