#pragma once
// Turning token and service errors into FlowErrors a person can act on, in both languages.

#include "certrenew/client/flow/flow_error.hpp"
#include "certrenew/client/service/service_client.hpp"
#include "certrenew/core/token/token_error.hpp"

namespace certrenew::client {

FlowError from_token_error(const token::TokenError& error);
FlowError from_service_error(const ServiceError& error);
// A lock reported by the token before any PIN is tried.
FlowError token_locked_error();

}  // namespace certrenew::client
