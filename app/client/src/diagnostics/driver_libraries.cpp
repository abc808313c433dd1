#include "diagnostics/driver_libraries.hpp"

#include <openssl/evp.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <system_error>

#include "certrenew/core/bytes.hpp"
#include "diagnostics/wording.hpp"

namespace certrenew::client::diagnostics {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// The library files a driver's settings name (strings only: the driver itself refuses the rest).
std::vector<std::string> named_libraries(const json& settings) {
  std::vector<std::string> files;
  if (!settings.is_object()) return files;
  if (auto it = settings.find("library"); it != settings.end() && it->is_string())
    files.push_back(it->get<std::string>());
  if (auto it = settings.find("modules"); it != settings.end() && it->is_array())
    for (const json& m : *it)
      if (m.is_string()) files.push_back(m.get<std::string>());
  return files;
}

struct FileIdentity {
  std::uintmax_t size = 0;
  std::string sha256;  // lower-case hex
};

// Size and SHA-256 of a file, or the reason it cannot be read.
std::optional<FileIdentity> identify(const fs::path& file, std::string& problem) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) {
    problem = ec ? ec.message() : "not a file";
    return std::nullopt;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    problem = "cannot be opened";
    return std::nullopt;
  }
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) {
    problem = "SHA-256 is not available";
    return std::nullopt;
  }
  FileIdentity identity;
  std::array<char, 64 * 1024> chunk{};
  while (in) {
    in.read(chunk.data(), chunk.size());
    const auto got = static_cast<std::size_t>(in.gcount());
    identity.size += got;
    if (got > 0) EVP_DigestUpdate(ctx.get(), chunk.data(), got);
  }
  if (in.bad()) {
    problem = "read error";
    return std::nullopt;
  }
  Bytes digest(EVP_MAX_MD_SIZE);
  unsigned int length = 0;
  EVP_DigestFinal_ex(ctx.get(), digest.data(), &length);
  digest.resize(length);
  identity.sha256 = to_hex(digest);
  return identity;
}

}  // namespace

std::vector<Check> driver_library_checks(const std::map<std::string, json>& driver_settings) {
  std::vector<Check> checks;
  for (const auto& [driver, settings] : driver_settings) {
    for (const std::string& named : named_libraries(settings)) {
      const fs::path file(named);
      if (!file.has_parent_path()) continue;  // the loader's search path finds it
      std::string problem;
      const auto identity = identify(file, problem);
      if (!identity) {
        checks.push_back({Area::drivers,
                          "driver.library",
                          Status::red,
                          token_text("driver.library.title", driver),
                          token_text("driver.library.missing", driver, named, "", "", problem),
                          {{"driver", driver}, {"path", named}, {"error", problem}}});
        continue;
      }
      checks.push_back({Area::drivers,
                        "driver.library",
                        Status::green,
                        token_text("driver.library.title", driver),
                        token_text("driver.library", driver, named, std::to_string(identity->size),
                                   identity->sha256),
                        {{"driver", driver},
                         {"path", named},
                         {"size", identity->size},
                         {"sha256", identity->sha256}}});
    }
  }
  return checks;
}

}  // namespace certrenew::client::diagnostics
