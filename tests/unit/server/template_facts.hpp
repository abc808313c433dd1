#pragma once
// Facts for every placeholder of the notification templates (assets/notify), as the notifier
// gives them to Templates::render; the notify tests render each event's messages with them.

#include <string>

#include <nlohmann/json.hpp>

namespace certrenew::testing {

// `reason` is the rejection reason (a test of escaping passes markup).
inline nlohmann::json template_facts(const std::string& reason = "材料不全") {
  return {{"business_no", "01202612040000001"},
          {"operator_name", "欧阳某某"},
          {"amount", "300.00"},
          {"refund_amount", "300.00"},
          {"service_name", "某某数字认证中心"},
          {"subject", "广州某某贸易有限公司"},
          {"bank_company", "某某数字认证股份有限公司"},
          {"bank_account", "4400 1234 5678 9012 3456"},
          {"bank_name", "中国建设银行广州某某支行"},
          {"reason", reason},
          {"valid_from", "2026-12-04"},
          {"valid_until", "2029-12-04"},
          {"serial", "4F2A9C0D11E3B7A5"},
          {"expires_on", "2027-03-01"},
          {"days_left", "90"}};
}

}  // namespace certrenew::testing
