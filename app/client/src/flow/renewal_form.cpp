#include "certrenew/client/flow/renewal_form.hpp"

#include <stdexcept>

#include "certrenew/core/forms/validators.hpp"

namespace certrenew::client {
namespace {

using nlohmann::json;

struct FieldCheck {
  const char* field;
  forms::Validation (*check)(const RenewalForm&, std::chrono::sys_days);
};

forms::Validation check_id(const RenewalForm& f, std::chrono::sys_days today) {
  return forms::validate_resident_id(f.operator_info.id_number, today);
}
forms::Validation check_operator_name(const RenewalForm& f, std::chrono::sys_days) {
  return forms::validate_person_name(f.operator_info.name);
}
forms::Validation check_operator_mobile(const RenewalForm& f, std::chrono::sys_days) {
  return forms::validate_mobile(f.operator_info.mobile);
}
forms::Validation check_operator_email(const RenewalForm& f, std::chrono::sys_days) {
  return forms::validate_email(f.operator_info.email);
}
forms::Validation check_recipient_name(const RenewalForm& f, std::chrono::sys_days) {
  return forms::validate_person_name(f.recipient.name);
}
forms::Validation check_recipient_mobile(const RenewalForm& f, std::chrono::sys_days) {
  return forms::validate_mobile(f.recipient.mobile);
}
forms::Validation check_recipient_address(const RenewalForm& f, std::chrono::sys_days) {
  return forms::validate_address(f.recipient.address);
}

// Form order, as the screen shows the fields.
constexpr FieldCheck kChecks[] = {
    {"operator.id_number", check_id},
    {"operator.name", check_operator_name},
    {"operator.mobile", check_operator_mobile},
    {"operator.email", check_operator_email},
    {"recipient.name", check_recipient_name},
    {"recipient.mobile", check_recipient_mobile},
    {"recipient.address", check_recipient_address},
};

FieldProblem problem(const char* field, forms::Reason reason) {
  return {field, std::string(forms::reason_id(reason)),
          std::string(forms::message(reason, Language::en)),
          std::string(forms::message(reason, Language::zh_CN))};
}

std::optional<FieldProblem> period_problem(const RenewalForm& form, const FeeSchedule& fees) {
  if (fees.period(form.period_months)) return std::nullopt;
  return FieldProblem{"period_months", "period_not_offered",
                      "This renewal period is not offered; choose one of the listed periods.",
                      "不提供该续期时间，请从列出的时间中选择。"};
}

std::string string_at(const json& j, const char* object, const char* key) {
  if (!j.contains(object) || !j.at(object).is_object())
    throw std::invalid_argument(std::string("the form has no \"") + object + "\" object");
  const json& o = j.at(object);
  if (!o.contains(key)) return {};
  if (!o.at(key).is_string())
    throw std::invalid_argument(std::string("\"") + object + "." + key + "\" must be text");
  return o.at(key).get<std::string>();
}

}  // namespace

void RenewalForm::copy_operator_to_recipient() {
  recipient.name = operator_info.name;
  recipient.mobile = operator_info.mobile;
}

std::vector<FieldProblem> validate_form(const RenewalForm& form, const FeeSchedule& fees,
                                        std::chrono::sys_days today) {
  std::vector<FieldProblem> problems;
  if (auto p = period_problem(form, fees)) problems.push_back(*p);
  if (form.operator_info.id_type != "resident_id")
    problems.push_back({"operator.id_type", "id_type_not_offered",
                        "Only the resident identity card is accepted as the operator's ID.",
                        "经办人证件类型仅支持身份证。"});
  for (const auto& c : kChecks) {
    auto v = c.check(form, today);
    if (!v.ok()) problems.push_back(problem(c.field, v.reason));
  }
  return problems;
}

std::optional<FieldProblem> validate_field(const RenewalForm& form, std::string_view field,
                                           const FeeSchedule& fees, std::chrono::sys_days today) {
  if (field == "period_months") return period_problem(form, fees);
  for (const auto& c : kChecks) {
    if (field != c.field) continue;
    auto v = c.check(form, today);
    if (v.ok()) return std::nullopt;
    return problem(c.field, v.reason);
  }
  throw std::invalid_argument("no form field is called \"" + std::string(field) + "\"");
}

RenewalForm normalised(const RenewalForm& form, std::chrono::sys_days today) {
  RenewalForm out = form;
  auto take = [&](std::string& target, forms::Validation v) {
    if (v.ok()) target = v.value;
  };
  take(out.operator_info.id_number, check_id(form, today));
  take(out.operator_info.name, check_operator_name(form, today));
  take(out.operator_info.mobile, check_operator_mobile(form, today));
  take(out.operator_info.email, check_operator_email(form, today));
  take(out.recipient.name, check_recipient_name(form, today));
  take(out.recipient.mobile, check_recipient_mobile(form, today));
  take(out.recipient.address, check_recipient_address(form, today));
  return out;
}

json to_json(const RenewalForm& form) {
  const auto& o = form.operator_info;
  const auto& r = form.recipient;
  return {{"period_months", form.period_months},
          {"operator",
           {{"id_type", o.id_type},
            {"id_number", o.id_number},
            {"name", o.name},
            {"mobile", o.mobile},
            {"email", o.email}}},
          {"recipient", {{"name", r.name}, {"mobile", r.mobile}, {"address", r.address}}}};
}

RenewalForm renewal_form_from_json(const json& j) {
  if (!j.is_object()) throw std::invalid_argument("the form must be a JSON object");
  for (const auto& [key, value] : j.items())
    if (key != "period_months" && key != "operator" && key != "recipient")
      throw std::invalid_argument("the form has an unknown key \"" + key + "\"");
  RenewalForm f;
  if (j.contains("period_months")) {
    if (!j.at("period_months").is_number_integer())
      throw std::invalid_argument("\"period_months\" must be a whole number of months");
    f.period_months = j.at("period_months").get<int>();
  }
  f.operator_info.id_type = string_at(j, "operator", "id_type");
  if (f.operator_info.id_type.empty()) f.operator_info.id_type = "resident_id";
  f.operator_info.id_number = string_at(j, "operator", "id_number");
  f.operator_info.name = string_at(j, "operator", "name");
  f.operator_info.mobile = string_at(j, "operator", "mobile");
  f.operator_info.email = string_at(j, "operator", "email");
  f.recipient.name = string_at(j, "recipient", "name");
  f.recipient.mobile = string_at(j, "recipient", "mobile");
  f.recipient.address = string_at(j, "recipient", "address");
  return f;
}

}  // namespace certrenew::client
