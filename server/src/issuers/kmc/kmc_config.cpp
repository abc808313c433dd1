#include "issuers/kmc/kmc_config.hpp"

#include <array>
#include <stdexcept>
#include <utility>

#include "certrenew/core/lookup_table.hpp"

namespace certrenew::server {

constexpr auto kPolicyCodes = std::to_array<std::pair<DualCertificatePolicy, std::string_view>>({
    {DualCertificatePolicy::when_present, "when-present"},
    {DualCertificatePolicy::always_sm2, "always-sm2"},
    {DualCertificatePolicy::never, "never"},
});

namespace {

std::string text_member(const nlohmann::json& j, const char* key) {
  if (!j.contains(key)) return {};
  if (!j.at(key).is_string() || j.at(key).get<std::string>().empty())
    throw std::runtime_error(std::string("config.kmc.") + key + ": expected non-empty text");
  return j.at(key).get<std::string>();
}

}  // namespace

std::string_view policy_code(DualCertificatePolicy policy) {
  return lookup(kPolicyCodes, policy).value_or("never");
}

KmcConfig KmcConfig::from_json(const nlohmann::json& j, const std::filesystem::path& base_dir) {
  KmcConfig c;
  if (j.is_null()) return c;
  if (!j.is_object()) throw std::runtime_error("config.kmc: expected an object");
  for (const auto& [key, value] : j.items())
    if (key != "master_key_file" && key != "master_key_env" && key != "dual_certificates")
      throw std::runtime_error("config.kmc." + key + ": unknown key");
  c.enabled = true;
  const std::string file = text_member(j, "master_key_file");
  c.master_key_env = text_member(j, "master_key_env");
  if (file.empty() == c.master_key_env.empty())
    throw std::runtime_error(
        "config.kmc: give the master key's source, either master_key_file or master_key_env "
        "(not both)");
  if (!file.empty()) {
    const std::filesystem::path p(file);
    c.master_key_file = p.is_absolute() ? p : base_dir / p;
  }
  const std::string policy = j.contains("dual_certificates") ? text_member(j, "dual_certificates")
                                                             : std::string("when-present");
  const auto known = lookup_key(kPolicyCodes, policy);
  if (!known)
    throw std::runtime_error(
        "config.kmc.dual_certificates: expected \"when-present\", \"always-sm2\" or \"never\"");
  c.dual_certificates = *known;
  return c;
}

}  // namespace certrenew::server
