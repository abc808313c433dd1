#pragma once

// The shared state behind the token facade's handles. Ownership runs one way only:
// SessionState -> ContextState -> LoadedLibrary, so whatever is destroyed last closes the session,
// then the context, then unloads the library, and no driver code is unloaded while in use.

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <certrenew/token_driver.h>
#include <boost/dll/shared_library.hpp>

#include "certrenew/core/token/token_types.hpp"

namespace certrenew::token::detail {

struct LoadedLibrary {
  boost::dll::shared_library library;
  const crt_driver_v1* table = nullptr;  // points into `library`: valid while it is loaded
  std::filesystem::path path;
};

struct ContextState {
  ContextState(std::shared_ptr<const LoadedLibrary> lib, crt_context* ctx)
      : library(std::move(lib)), context(ctx) {}
  ContextState(const ContextState&) = delete;
  ContextState& operator=(const ContextState&) = delete;
  ~ContextState() { library->table->close(context); }

  const crt_driver_v1& table() const { return *library->table; }

  std::shared_ptr<const LoadedLibrary> library;  // declared first: released last
  crt_context* context;
  std::mutex mutex;  // serialises every call on this context and its sessions
};

struct SessionState {
  SessionState(std::shared_ptr<ContextState> ctx, crt_session* s, std::string id)
      : context(std::move(ctx)), session(s), token_id(std::move(id)) {}
  SessionState(const SessionState&) = delete;
  SessionState& operator=(const SessionState&) = delete;
  ~SessionState() {
    std::lock_guard lock(context->mutex);
    context->table().close_session(session);
  }

  const crt_driver_v1& table() const { return context->table(); }

  std::shared_ptr<ContextState> context;  // declared first: released last
  crt_session* session;
  std::string token_id;
  std::optional<std::vector<Mechanism>> mechanisms;  // read on first use; guarded by the mutex
};

}  // namespace certrenew::token::detail
