#include "certrenew/client/flow/renewal_form.hpp"

#include <stdexcept>

#include "certrenew/core/protocol/application_form.hpp"
#include "certrenew/core/protocol/json_field.hpp"
#include "flow_text.hpp"

namespace certrenew::client {
namespace {

using nlohmann::json;

protocol::ApplicationForm as_application_form(const RenewalForm& form) {
  return {form.operator_info, form.recipient};
}

FieldProblem field_problem(protocol::FormProblem p) {
  return {std::move(p.field), std::move(p.reason), std::move(p.message_en),
          std::move(p.message_zh)};
}

std::optional<FieldProblem> period_problem(const RenewalForm& form, const FeeSchedule& fees) {
  if (fees.period(form.period_months)) return std::nullopt;
  const Text message = flow_error("form.period_not_offered");
  return FieldProblem{"period_months", "period_not_offered", message.en, message.zh};
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
  protocol::ApplicationForm fields = as_application_form(form);
  for (auto& p : protocol::check_application_form(fields, today))
    problems.push_back(field_problem(std::move(p)));
  return problems;
}

std::optional<FieldProblem> validate_field(const RenewalForm& form, std::string_view field,
                                           const FeeSchedule& fees, std::chrono::sys_days today) {
  if (field == "period_months") return period_problem(form, fees);
  auto p = protocol::check_form_field(as_application_form(form), field, today);
  if (!p) return std::nullopt;
  return field_problem(std::move(*p));
}

RenewalForm normalised(const RenewalForm& form, std::chrono::sys_days today) {
  protocol::ApplicationForm fields = as_application_form(form);
  protocol::check_application_form(fields, today);  // valid fields come back normalised
  RenewalForm out = form;
  out.operator_info = fields.operator_info;
  out.recipient = fields.recipient;
  return out;
}

json to_json(const RenewalForm& form) {
  json j = {{"period_months", form.period_months},
            {"operator", protocol::encode(form.operator_info)},
            {"recipient", protocol::encode(form.recipient)}};
  if (form.notify != protocol::NotifyChoice{}) j["notify"] = protocol::encode(form.notify);
  return j;
}

RenewalForm renewal_form_from_json(const json& j) {
  if (!j.is_object()) throw std::invalid_argument("the form must be a JSON object");
  for (const auto& [key, value] : j.items())
    if (key != "period_months" && key != "operator" && key != "recipient" && key != "notify")
      throw std::invalid_argument("the form has an unknown key \"" + key + "\"");
  RenewalForm f;
  if (j.contains("period_months")) {
    try {  // never truncated: 4294967308 is not 12
      f.period_months =
          protocol::Field(j).at("period_months").small_integer(1, protocol::kMaxPeriodMonths);
    } catch (const protocol::DecodeError& e) {
      throw std::invalid_argument("\"period_months\" must be a whole number of months (" +
                                  e.problem() + ")");
    }
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
  if (j.contains("notify")) {
    const json& n = j.at("notify");
    if (!n.is_object())
      throw std::invalid_argument(
          "\"notify\" must be {\"email\": true|false, \"sms\": true|false}");
    for (const auto& [key, value] : n.items()) {
      if ((key != "email" && key != "sms") || !value.is_boolean())
        throw std::invalid_argument(
            "\"notify\" must be {\"email\": true|false, \"sms\": true|false}");
      (key == "email" ? f.notify.email : f.notify.sms) = value.get<bool>();
    }
  }
  return f;
}

}  // namespace certrenew::client
