#pragma once
// The renewal application form (续期申请表, seed step 4): period, operator (经办人) and invoice
// recipient (收件人). Checked here with the same validators the service uses, so the user sees a
// problem next to the field before anything is signed.

#include <chrono>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "certrenew/client/flow/service_facts.hpp"
#include "certrenew/core/forms/reason.hpp"

namespace certrenew::client {

// The protocol's own types: what the form holds is what the application carries.
using protocol::OperatorInfo;
using protocol::RecipientInfo;

struct RenewalForm {
  int period_months = 12;
  OperatorInfo operator_info;
  RecipientInfo recipient;
  protocol::NotifyChoice notify;  // issue 19: e-mail and SMS from the CA, both by default

  // 从经办人处拷贝: name and mobile from the operator; the address stays.
  void copy_operator_to_recipient();
  bool operator==(const RenewalForm&) const = default;
};

// Field names as the service reports them: "period_months", "operator.id_number",
// "operator.name", "operator.mobile", "operator.email", "recipient.name", "recipient.mobile",
// "recipient.address".
struct FieldProblem {
  std::string field;
  std::string reason;  // stable id: a core/forms reason id, or "period_not_offered"
  std::string message_en;
  std::string message_zh;
  const std::string& message(Language language) const {
    return language == Language::en ? message_en : message_zh;
  }
};

// Every problem, in form order (empty: the form can be submitted). `today` is the local date,
// for the birth date in the ID number.
std::vector<FieldProblem> validate_form(const RenewalForm& form, const FeeSchedule& fees,
                                        std::chrono::sys_days today);
// The problem for one field only, for inline messages as the user types; nullopt if fine.
std::optional<FieldProblem> validate_field(const RenewalForm& form, std::string_view field,
                                           const FeeSchedule& fees, std::chrono::sys_days today);

// The form with its values normalised as the validators return them (trimmed, 11-digit mobile,
// upper-case X). Call after validate_form() found nothing.
RenewalForm normalised(const RenewalForm& form, std::chrono::sys_days today);

// The protocol's "operator"/"recipient" objects, and a form file for the CLI's --form:
// {"period_months": 24, "operator": {...}, "recipient": {...}, "notify": {"email": true,
// "sms": false}} ("notify" and each of its keys optional: notify). from_json throws
// std::invalid_argument naming the key that is missing or not a string/number.
nlohmann::json to_json(const RenewalForm& form);
RenewalForm renewal_form_from_json(const nlohmann::json& json);

}  // namespace certrenew::client
