#include "certrenew/core/token/token_context.hpp"

#include <mutex>

#include "certrenew/core/token/session.hpp"
#include "certrenew/core/token/token_error.hpp"
#include "driver_call.hpp"
#include "token_conversions.hpp"
#include "token_state.hpp"

namespace certrenew::token {

TokenContext::TokenContext(std::shared_ptr<detail::ContextState> state)
    : state_(std::move(state)) {}

namespace {

// Splits "id1\0id2\0\0" into ids; throws when the final NUL is missing.
std::vector<std::string> parse_token_list(const std::vector<char>& list) {
  std::vector<std::string> ids;
  std::size_t pos = 0;
  while (pos < list.size()) {
    std::size_t end = pos;
    while (end < list.size() && list[end] != '\0') ++end;
    if (end == list.size()) break;  // an id without its NUL
    if (end == pos) return ids;     // the empty string that ends the list
    ids.emplace_back(list.data() + pos, end - pos);
    pos = end + 1;
  }
  throw TokenError(TokenErrc::general, "list tokens",
                   "the driver returned a token list without its final NUL");
}

}  // namespace

std::vector<TokenInfo> TokenContext::tokens() const {
  std::lock_guard lock(state_->mutex);
  const crt_driver_v1& t = state_->table();
  crt_context* ctx = state_->context;
  const auto list = detail::two_call<char>(t, ctx, "list tokens", [&](char* buf, std::size_t* len) {
    return t.list_tokens(ctx, buf, len);
  });
  std::vector<TokenInfo> tokens;
  for (const auto& id : parse_token_list(list)) {
    try {
      tokens.push_back(detail::read_token_info(t, ctx, id));
    } catch (const TokenError& e) {
      // Pulled out between listing and reading: it is simply not present any more.
      if (e.code() != TokenErrc::token_not_present) throw;
    }
  }
  return tokens;
}

TokenInfo TokenContext::token_info(const std::string& token_id) const {
  std::lock_guard lock(state_->mutex);
  return detail::read_token_info(state_->table(), state_->context, token_id);
}

std::vector<Mechanism> TokenContext::mechanisms(const std::string& token_id) const {
  std::lock_guard lock(state_->mutex);
  return detail::read_mechanisms(state_->table(), state_->context, token_id);
}

Session TokenContext::open_session(const std::string& token_id) const {
  std::lock_guard lock(state_->mutex);
  const crt_driver_v1& t = state_->table();
  crt_session* session = nullptr;
  detail::check(t, state_->context, t.open_session(state_->context, token_id.c_str(), &session),
                "open session on token '" + token_id + "'");
  if (session == nullptr)
    throw TokenError(TokenErrc::general, "open session on token '" + token_id + "'",
                     "the driver reported success but returned no session");
  return Session(std::make_shared<detail::SessionState>(state_, session, token_id));
}

void TokenContext::with_raw_context(
    const std::function<void(const crt_driver_v1&, crt_context*)>& fn) const {
  std::lock_guard lock(state_->mutex);
  fn(state_->table(), state_->context);
}

}  // namespace certrenew::token
