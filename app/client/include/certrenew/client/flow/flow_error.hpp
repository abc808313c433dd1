#pragma once
// Why a step of the renewal could not be taken, with a message in both languages for the person
// in front of the screen. kind() lets the CLI pick its exit code and the GUI its dialog.

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "certrenew/client/flow/renewal_form.hpp"
#include "certrenew/client/store/client_config.hpp"
#include "certrenew/core/text/text.hpp"

namespace certrenew::client {

class FlowError : public std::runtime_error {
 public:
  enum class Kind {
    wrong_step,              // the flow is not at a step where this can be done
    certificate_not_found,   // no certificate matches the selection
    ambiguous_certificate,   // several do: say which
    expired,                 // precondition 1: renew at the service hall
    not_yet_valid,           //
    too_early,               // the renewal window has not opened (see detail)
    application_open,        // another application for this certificate is open (detail: number)
    agreement_not_accepted,  //
    form_invalid,            // see problems()
    token_missing,           // the token holding the certificate is not plugged in
    key_missing,             // the key of the application is not on the token any more
    pin_invalid,             // empty or malformed PIN: not sent to the token, no try spent
    pin_incorrect,           // wrong PIN: retries_left() if the token tells
    pin_locked,              // the token refuses every PIN: unblock at the service hall
    token_failure,           // any other token error
    service_unreachable,     // DNS, connection, TLS, timeout: nothing was changed
    service_refused,         // the service answered with an error (service_code())
    certificate_rejected,    // the issued certificate failed verification: not written
    application_rejected,    // the back office rejected it (detail: the reason)
    application_cancelled,   //
    not_ready,               // e.g. install before approval
    local_store,             // the local record could not be written
    already_renewed,         // the certificate was renewed (detail: successor or business number)
  };

  FlowError(Kind kind, std::string message_en, std::string message_zh)
      : std::runtime_error(message_en), kind_(kind), message_zh_(std::move(message_zh)) {}
  FlowError(Kind kind, const Text& message) : FlowError(kind, message.en, message.zh) {}

  Kind kind() const { return kind_; }
  const std::string& message(Language language) const;
  const std::string& message_en() const { return en_; }
  const std::string& message_zh() const { return message_zh_; }

  std::optional<int> retries_left() const { return retries_left_; }
  const std::string& service_code() const { return service_code_; }
  const std::string& detail() const { return detail_; }
  const std::vector<FieldProblem>& problems() const { return problems_; }

  FlowError& with_retries(std::optional<int> retries);
  FlowError& with_service_code(std::string code);
  FlowError& with_detail(std::string detail);
  FlowError& with_problems(std::vector<FieldProblem> problems);

 private:
  Kind kind_;
  std::string en_{what()};
  std::string message_zh_;
  std::optional<int> retries_left_;
  std::string service_code_;
  std::string detail_;
  std::vector<FieldProblem> problems_;
};

std::string_view code(FlowError::Kind kind);  // "pin_incorrect", ...

}  // namespace certrenew::client
