#pragma once

#include <optional>
#include <string_view>

namespace certrenew::protocol {

// 业务状态: where an application is in its life. Codes are what the API and the database carry.
enum class BusinessState {
  entered,       // 已录入: submitted, waiting for payment
  under_review,  // 审核中: paid, the back office reviews it (usually 1–3 working days)
  approved,      // 已审核通过: the new certificate is issued and ready to install
  rejected,      // 已驳回: refused, with a reason
  completed,     // 已完成: the client confirmed the installation
  cancelled,     // 已撤销: the applicant cancelled before the payment was confirmed
};

// 支付状态
enum class PaymentState {
  unpaid,      // 未支付
  confirming,  // 待确认: bank transfer recorded, finance has not confirmed it yet
  paid,        // 已支付
};

std::string_view code(BusinessState s);
std::string_view code(PaymentState s);
std::optional<BusinessState> parse_business_state(std::string_view code);
std::optional<PaymentState> parse_payment_state(std::string_view code);

// Labels as the client shows them.
std::string_view label_zh(BusinessState s);
std::string_view label_en(BusinessState s);
std::string_view label_zh(PaymentState s);
std::string_view label_en(PaymentState s);

// A finished application takes no more actions.
bool is_closed(BusinessState s);

// What the rules allow next. The server enforces these; the client uses them to enable buttons.
bool can_cancel(BusinessState s, PaymentState p);
bool can_record_bank_transfer(BusinessState s, PaymentState p);
bool can_pay_online(BusinessState s, PaymentState p);
bool can_confirm_payment(BusinessState s, PaymentState p);
bool can_review(BusinessState s, PaymentState p);  // approve or reject
bool can_install(BusinessState s);                 // download and confirm installation

}  // namespace certrenew::protocol
