#pragma once
// The application form (续期申请表: operator 经办人 and invoice recipient 收件人) declared once:
// its fields in form order, each with the shared validator from core/forms. The client checks the
// form with it before anything is signed; the service checks the signed content with it (422).

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "certrenew/core/forms/validators.hpp"
#include "certrenew/core/protocol/requests.hpp"

namespace certrenew::protocol {

struct ApplicationForm {
  OperatorInfo operator_info;
  RecipientInfo recipient;
};

struct FormField {
  std::string_view path;  // as problems name it: "operator.id_number"
  std::string& (*value)(ApplicationForm& form);
  // `today` (the local date) is for the birth date inside a resident ID number.
  forms::Validation (*validate)(std::string_view text, std::chrono::sys_days today);
};

// operator.id_type, operator.id_number, operator.name, operator.mobile, operator.email,
// recipient.name, recipient.mobile, recipient.address.
std::span<const FormField> application_form_fields();

struct FormProblem {
  std::string field;
  std::string reason;  // stable id: a core/forms reason id, or "id_type.unsupported"
  std::string message_en;
  std::string message_zh;
};

// Every problem in form order; the fields that are valid are normalised in place (trimmed,
// 11-digit mobile, upper-case X).
std::vector<FormProblem> check_application_form(ApplicationForm& form, std::chrono::sys_days today);
// One field only (inline messages as the user types); nullopt when it is fine. Throws
// std::invalid_argument for a path that is not a form field.
std::optional<FormProblem> check_form_field(const ApplicationForm& form, std::string_view path,
                                            std::chrono::sys_days today);

}  // namespace certrenew::protocol
