#include "certrenew/core/protocol/states.hpp"

#include <array>
#include <string>

#include "certrenew/core/text/catalogues.hpp"

namespace certrenew::protocol {

namespace {

// The codes by state (the enums count from 0 in this order); the words are in the
// application_states catalogue under "business.<code>" and "payment.<code>".
constexpr std::array<std::string_view, 6> kBusinessCodes = {
    "entered", "under_review", "approved", "rejected", "completed", "cancelled"};
constexpr std::array<std::string_view, 3> kPaymentCodes = {"unpaid", "confirming", "paid"};

std::string_view label(std::string_view prefix, std::string_view code, Language language) {
  return catalogues::application_states().in(std::string(prefix) + std::string(code), language);
}

}  // namespace

std::string_view code(BusinessState s) {
  return kBusinessCodes[static_cast<std::size_t>(s)];
}
std::string_view code(PaymentState s) {
  return kPaymentCodes[static_cast<std::size_t>(s)];
}
std::string_view label_zh(BusinessState s) {
  return label("business.", code(s), Language::zh_CN);
}
std::string_view label_en(BusinessState s) {
  return label("business.", code(s), Language::en);
}
std::string_view label_zh(PaymentState s) {
  return label("payment.", code(s), Language::zh_CN);
}
std::string_view label_en(PaymentState s) {
  return label("payment.", code(s), Language::en);
}

std::optional<BusinessState> parse_business_state(std::string_view c) {
  for (std::size_t i = 0; i < kBusinessCodes.size(); ++i)
    if (kBusinessCodes[i] == c) return static_cast<BusinessState>(i);
  return std::nullopt;
}

std::optional<PaymentState> parse_payment_state(std::string_view c) {
  for (std::size_t i = 0; i < kPaymentCodes.size(); ++i)
    if (kPaymentCodes[i] == c) return static_cast<PaymentState>(i);
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
