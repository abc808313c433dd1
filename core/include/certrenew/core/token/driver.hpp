#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include <certrenew/token_driver.h>

namespace certrenew::token {

namespace detail {
struct LoadedLibrary;
}

class TokenContext;

// A driver library that passed the host's checks. Copies share the loaded library; it stays
// loaded while any Driver, TokenContext, Session or TokenSigner made from it exists, so the order
// in which those are destroyed never unloads code that is still in use.
class Driver {
 public:
  // Made by PluginHost; not meant to be called directly.
  explicit Driver(std::shared_ptr<const detail::LoadedLibrary> library);

  const std::string& name() const { return name_; }
  const std::string& vendor() const { return vendor_; }
  const std::string& version() const { return version_; }
  const std::filesystem::path& path() const;

  // The raw table, for diagnostics (the conformance kit checks sizes and buffer behaviour).
  const crt_driver_v1& table() const;

  // Opens a driver context with a JSON configuration ("{}" for the driver's defaults).
  // Throws TokenError (usually `config`) with the driver's reason when it refuses.
  TokenContext open(std::string_view config_json = "{}") const;

 private:
  std::shared_ptr<const detail::LoadedLibrary> library_;
  std::string name_;
  std::string vendor_;
  std::string version_;
};

}  // namespace certrenew::token
