#include "certrenew/core/protocol/application_form.hpp"

#include <array>
#include <stdexcept>

#include "certrenew/core/text/catalogues.hpp"

namespace certrenew::protocol {
namespace {

using std::chrono::sys_days;

forms::Validation id_type(std::string_view text, sys_days) {
  // The only type the service accepts; the reason is the form's own, not a text rule.
  if (text == "resident_id") return forms::Validation::valid(std::string(text));
  return forms::Validation::invalid(forms::Reason::empty);
}
forms::Validation id_number(std::string_view text, sys_days today) {
  return forms::validate_resident_id(text, today);
}
forms::Validation person_name(std::string_view text, sys_days) {
  return forms::validate_person_name(text);
}
forms::Validation mobile(std::string_view text, sys_days) {
  return forms::validate_mobile(text);
}
forms::Validation email(std::string_view text, sys_days) {
  return forms::validate_email(text);
}
forms::Validation address(std::string_view text, sys_days) {
  return forms::validate_address(text);
}

// The text at form.*Part.*Text, as FormField::value reads and writes it.
template <auto Part, auto Text>
std::string& text_at(ApplicationForm& form) {
  return (form.*Part).*Text;
}

constexpr auto kOperator = &ApplicationForm::operator_info;
constexpr auto kRecipient = &ApplicationForm::recipient;

constexpr std::array<FormField, 8> kFields{{
    {"operator.id_type", text_at<kOperator, &OperatorInfo::id_type>, id_type},
    {"operator.id_number", text_at<kOperator, &OperatorInfo::id_number>, id_number},
    {"operator.name", text_at<kOperator, &OperatorInfo::name>, person_name},
    {"operator.mobile", text_at<kOperator, &OperatorInfo::mobile>, mobile},
    {"operator.email", text_at<kOperator, &OperatorInfo::email>, email},
    {"recipient.name", text_at<kRecipient, &RecipientInfo::name>, person_name},
    {"recipient.mobile", text_at<kRecipient, &RecipientInfo::mobile>, mobile},
    {"recipient.address", text_at<kRecipient, &RecipientInfo::address>, address},
}};

FormProblem problem(const FormField& field, forms::Reason reason) {
  if (field.path == "operator.id_type")
    return {std::string(field.path), "id_type.unsupported",
            std::string(catalogues::form_reasons().in("id_type.unsupported", Language::en)),
            std::string(catalogues::form_reasons().in("id_type.unsupported", Language::zh_CN))};
  return {std::string(field.path), std::string(forms::reason_id(reason)),
          std::string(forms::message(reason, forms::Lang::en)),
          std::string(forms::message(reason, forms::Lang::zh_CN))};
}

}  // namespace

std::span<const FormField> application_form_fields() {
  return kFields;
}

std::vector<FormProblem> check_application_form(ApplicationForm& form, sys_days today) {
  std::vector<FormProblem> problems;
  for (const FormField& field : kFields) {
    std::string& value = field.value(form);
    const forms::Validation v = field.validate(value, today);
    if (v.ok())
      value = v.value;
    else
      problems.push_back(problem(field, v.reason));
  }
  return problems;
}

std::optional<FormProblem> check_form_field(const ApplicationForm& form, std::string_view path,
                                            sys_days today) {
  for (const FormField& field : kFields) {
    if (field.path != path) continue;
    ApplicationForm copy = form;
    const forms::Validation v = field.validate(field.value(copy), today);
    if (v.ok()) return std::nullopt;
    return problem(field, v.reason);
  }
  throw std::invalid_argument("no form field is called \"" + std::string(path) + "\"");
}

}  // namespace certrenew::protocol
