#pragma once
// Turning token and service errors into FlowErrors a person can act on, in both languages.

#include "certrenew/client/flow/flow_error.hpp"
#include "certrenew/client/service/service_client.hpp"
#include "certrenew/core/token/session.hpp"
#include "certrenew/core/token/token_error.hpp"

namespace certrenew::client {

FlowError from_token_error(const token::TokenError& error);
FlowError from_service_error(const ServiceError& error);
// A lock reported by the token before any PIN is tried.
FlowError token_locked_error();

// Logs in to an opened session and lists its objects (many tokens list private keys only after
// login); a token error becomes the FlowError a person can act on.
std::vector<token::TokenObject> login_and_list(token::Session& session, const SecureBuffer& pin);

// Whether a failed submission was definitely refused: the service answered 4xx with an error
// code, so it holds nothing and never will for this request; the kept request and its key are
// discarded. Anything else (5xx, a timeout, a dropped connection, an answer that is not the
// protocol's) may have come after the service committed the application: the request is kept
// and sent again, and the service answers it with the same application.
bool is_definite_refusal(const ServiceError& error);
// A signed application that could not be delivered (not a definite refusal): it is kept with its
// key and sent again on the next try. The technical cause is in detail().
FlowError submission_kept_error(const ServiceError& error);
// `error` from a signing attempt that had already generated the new key: the key is kept on the
// token and used again by the retry; the message says so instead of "nothing was changed".
FlowError with_key_kept(const FlowError& error);

}  // namespace certrenew::client
