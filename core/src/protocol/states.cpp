#include "certrenew/core/protocol/states.hpp"

#include <array>
#include <utility>

namespace certrenew::protocol {

namespace {

struct BusinessNames {
  BusinessState state;
  std::string_view code, zh, en;
};
constexpr std::array kBusiness{
    BusinessNames{BusinessState::entered, "entered", "已录入", "Submitted"},
    BusinessNames{BusinessState::under_review, "under_review", "审核中", "Under review"},
    BusinessNames{BusinessState::approved, "approved", "审核通过，待安装",
                  "Approved, ready to install"},
    BusinessNames{BusinessState::rejected, "rejected", "已驳回", "Rejected"},
    BusinessNames{BusinessState::completed, "completed", "已完成", "Completed"},
    BusinessNames{BusinessState::cancelled, "cancelled", "已撤销", "Cancelled"},
};

struct PaymentNames {
  PaymentState state;
  std::string_view code, zh, en;
};
constexpr std::array kPayment{
    PaymentNames{PaymentState::unpaid, "unpaid", "未支付", "Unpaid"},
    PaymentNames{PaymentState::confirming, "confirming", "待确认", "Awaiting confirmation"},
    PaymentNames{PaymentState::paid, "paid", "已支付", "Paid"},
};

const BusinessNames& names(BusinessState s) {
  return kBusiness[static_cast<std::size_t>(s)];
}
const PaymentNames& names(PaymentState s) {
  return kPayment[static_cast<std::size_t>(s)];
}

}  // namespace

std::string_view code(BusinessState s) {
  return names(s).code;
}
std::string_view code(PaymentState s) {
  return names(s).code;
}
std::string_view label_zh(BusinessState s) {
  return names(s).zh;
}
std::string_view label_en(BusinessState s) {
  return names(s).en;
}
std::string_view label_zh(PaymentState s) {
  return names(s).zh;
}
std::string_view label_en(PaymentState s) {
  return names(s).en;
}

std::optional<BusinessState> parse_business_state(std::string_view c) {
  for (const auto& n : kBusiness)
    if (n.code == c) return n.state;
  return std::nullopt;
}

std::optional<PaymentState> parse_payment_state(std::string_view c) {
  for (const auto& n : kPayment)
    if (n.code == c) return n.state;
  return std::nullopt;
}

bool is_closed(BusinessState s) {
  return s == BusinessState::rejected || s == BusinessState::completed ||
         s == BusinessState::cancelled;
}

bool can_cancel(BusinessState s, PaymentState p) {
  return s == BusinessState::entered && p != PaymentState::paid;
}

bool can_record_bank_transfer(BusinessState s, PaymentState p) {
  return s == BusinessState::entered && p != PaymentState::paid;
}

bool can_pay_online(BusinessState s, PaymentState p) {
  return s == BusinessState::entered && p != PaymentState::paid;
}

bool can_confirm_payment(BusinessState s, PaymentState p) {
  return s == BusinessState::entered && p == PaymentState::confirming;
}

bool can_review(BusinessState s, PaymentState p) {
  return s == BusinessState::under_review && p == PaymentState::paid;
}

bool can_install(BusinessState s) {
  return s == BusinessState::approved || s == BusinessState::completed;
}

}  // namespace certrenew::protocol
