#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <certrenew/token_driver.h>

#include "certrenew/core/token/token_types.hpp"

namespace certrenew::token {

namespace detail {
struct ContextState;
}

class Session;

// An open driver context. Copies are handles to the same context; the last one closes it (after
// every Session opened from it is gone, since sessions hold it too). Every call on the context and
// on its sessions is serialised by one mutex, as the driver ABI promises drivers; different
// contexts may be used from different threads at once.
class TokenContext {
 public:
  explicit TokenContext(std::shared_ptr<detail::ContextState> state);

  // The tokens present now, with identity and PIN state (no login needed).
  std::vector<TokenInfo> tokens() const;
  TokenInfo token_info(const std::string& token_id) const;
  // The signature algorithms the token offers. Algorithms this host does not know are left out.
  std::vector<Mechanism> mechanisms(const std::string& token_id) const;
  Session open_session(const std::string& token_id) const;

  // Runs `fn` with the raw table and context while holding the context's lock, for diagnostics
  // that must see the driver's exact behaviour (the conformance kit's two-call checks).
  void with_raw_context(const std::function<void(const crt_driver_v1&, crt_context*)>& fn) const;

 private:
  std::shared_ptr<detail::ContextState> state_;
};

}  // namespace certrenew::token
