#include "exit_codes.hpp"

namespace certrenew::cli {

ExitCode exit_code_for(const client::FlowError& error) {
  using K = client::FlowError::Kind;
  switch (error.kind()) {
    case K::wrong_step:
    case K::not_ready:
      return ExitCode::not_ready;
    case K::certificate_not_found:
    case K::ambiguous_certificate:
    case K::agreement_not_accepted:
    case K::form_invalid:
      return ExitCode::usage;
    case K::expired:
    case K::not_yet_valid:
    case K::too_early:
    case K::already_renewed:
      return ExitCode::not_eligible;
    case K::application_open:
    case K::service_refused:
      return ExitCode::service_refused;
    case K::token_missing:
    case K::key_missing:
    case K::pin_invalid:
    case K::token_failure:
      return ExitCode::token;
    case K::pin_incorrect:
      return ExitCode::pin_incorrect;
    case K::pin_locked:
      return ExitCode::pin_locked;
    case K::service_unreachable:
      return ExitCode::service_unreachable;
    case K::certificate_rejected:
      return ExitCode::certificate_rejected;
    case K::application_rejected:
    case K::application_cancelled:
      return ExitCode::closed;
    case K::local_store:
      return ExitCode::failure;
  }
  return ExitCode::failure;
}

}  // namespace certrenew::cli
