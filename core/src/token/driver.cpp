#include "certrenew/core/token/driver.hpp"

#include <array>
#include <string>

#include "certrenew/core/token/token_context.hpp"
#include "certrenew/core/token/token_error.hpp"
#include "driver_call.hpp"
#include "token_state.hpp"

namespace certrenew::token {

Driver::Driver(std::shared_ptr<const detail::LoadedLibrary> library)
    : library_(std::move(library)),
      // Copied out so the names stay readable however the table is used later.
      name_(library_->table->name),
      vendor_(library_->table->vendor),
      version_(library_->table->version) {}

const std::filesystem::path& Driver::path() const {
  return library_->path;
}

const crt_driver_v1& Driver::table() const {
  return *library_->table;
}

TokenContext Driver::open(std::string_view config_json) const {
  const std::string config(config_json);  // the ABI wants NUL-terminated text
  std::array<char, 512> error{};
  crt_context* ctx = nullptr;
  const crt_status status = library_->table->open(config.c_str(), &ctx, error.data(), error.size());
  error.back() = '\0';  // a careless driver may fill the whole buffer
  if (status != CRT_OK) {
    // The driver owns ctx only on success; a failure must have left it NULL.
    throw TokenError::from_status("open driver '" + name_ + "'", status,
                                  detail::bounded_text(error.data(), error.size()));
  }
  if (ctx == nullptr)
    throw TokenError(TokenErrc::general, "open driver '" + name_ + "'",
                     "the driver reported success but returned no context");
  return TokenContext(std::make_shared<detail::ContextState>(library_, ctx));
}

}  // namespace certrenew::token
