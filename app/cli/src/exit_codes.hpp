#pragma once
// certrenew-cli's exit codes: stable, documented in docs/cli.md, so scripts can react.

#include "certrenew/client/flow/flow_error.hpp"

namespace certrenew::cli {

enum class ExitCode : int {
  ok = 0,
  failure = 1,                // anything not listed below
  usage = 2,                  // bad command line or a missing answer without a terminal
  config = 3,                 // configuration missing or invalid
  service_unreachable = 4,    // DNS, connection, TLS verification, timeout
  service_refused = 5,        // the service answered with an error (incl. form validation)
  token = 6,                  // token not present, key missing, token failure
  pin_incorrect = 7,          // wrong PIN (the message says how many tries are left)
  pin_locked = 8,             // the token is locked
  not_eligible = 9,           // expired (service hall), too early, not yet valid
  not_ready = 10,             // e.g. install before approval, or still waiting at --wait timeout
  closed = 11,                // the application was rejected or cancelled
  certificate_rejected = 12,  // the issued certificate failed verification: nothing written
  expiring = 13,              // `check`: a certificate expires within the days asked (issue 19)
};

ExitCode exit_code_for(const client::FlowError& error);
inline int as_int(ExitCode code) {
  return static_cast<int>(code);
}

}  // namespace certrenew::cli
