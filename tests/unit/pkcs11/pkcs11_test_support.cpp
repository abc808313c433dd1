#include "pkcs11_test_support.hpp"

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <variant>

#include <nlohmann/json.hpp>

#include "certrenew/core/token/plugin_host.hpp"

namespace certrenew::testing {

token::Driver load_pkcs11_bridge() {
  token::PluginHost host;
  auto loaded = host.load_file(pkcs11_driver_file());
  if (const auto* rejected = std::get_if<token::Rejection>(&loaded))
    throw std::runtime_error("pkcs11 bridge refused: " + rejected->describe());
  return std::get<token::Driver>(loaded);
}

token::TokenContext open_bridge(const std::string& config_json) {
  return load_pkcs11_bridge().open(config_json);
}

std::string bridge_config(const std::filesystem::path& module, const std::string& uri) {
  return nlohmann::json{{"modules", {module.string()}}, {"tokens", {uri}}}.dump();
}

bool verifies(const Bytes& spki, ByteView message, const Bytes& signature) {
  const unsigned char* in = spki.data();
  const std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      d2i_PUBKEY(nullptr, &in, static_cast<long>(spki.size())), EVP_PKEY_free);
  const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(),
                                                                    EVP_MD_CTX_free);
  if (!key || !ctx ||
      EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1)
    return false;
  return EVP_DigestVerify(ctx.get(), signature.data(), signature.size(), message.data(),
                          message.size()) == 1;
}

std::string pkcs11_tool_objects(const SoftHsmToken& token) {
  const ToolResult listed = token.pkcs11_tool({"--list-objects"}, true);
  if (listed.exit_code != 0) throw std::runtime_error("pkcs11-tool -O failed:\n" + listed.output);
  return listed.output;
}

std::filesystem::path faulty_module_file() {
  return CERTRENEW_PKCS11_FAULTY_MODULE;  // set by CMake
}

void set_faults(const std::filesystem::path& control_file, const std::string& words) {
  std::ofstream out(control_file, std::ios::trunc);
  out << words << "\n";
  if (!out) throw std::runtime_error("cannot write " + control_file.string());
}

}  // namespace certrenew::testing
