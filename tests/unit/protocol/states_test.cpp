#include <doctest/doctest.h>

#include "certrenew/core/protocol/states.hpp"

using namespace certrenew::protocol;

TEST_CASE("state codes round-trip and unknown codes are refused") {
  for (auto s : {BusinessState::entered, BusinessState::under_review, BusinessState::approved,
                 BusinessState::rejected, BusinessState::completed, BusinessState::cancelled}) {
    CHECK(parse_business_state(code(s)) == s);
    CHECK_FALSE(label_zh(s).empty());
    CHECK_FALSE(label_en(s).empty());
  }
  for (auto p : {PaymentState::unpaid, PaymentState::confirming, PaymentState::paid}) {
    CHECK(parse_payment_state(code(p)) == p);
  }
  CHECK(label_zh(BusinessState::entered) == "已录入");
  CHECK(label_zh(PaymentState::unpaid) == "未支付");
  CHECK_FALSE(parse_business_state("Entered"));
  CHECK_FALSE(parse_payment_state(""));
}

TEST_CASE("cancel is allowed until the payment is confirmed") {
  CHECK(can_cancel(BusinessState::entered, PaymentState::unpaid));
  CHECK(can_cancel(BusinessState::entered, PaymentState::confirming));
  CHECK_FALSE(can_cancel(BusinessState::entered, PaymentState::paid));
  CHECK_FALSE(can_cancel(BusinessState::under_review, PaymentState::paid));
  CHECK_FALSE(can_cancel(BusinessState::cancelled, PaymentState::unpaid));
}

TEST_CASE("payments, review and install follow the seed's order") {
  CHECK(can_record_bank_transfer(BusinessState::entered, PaymentState::unpaid));
  CHECK(can_record_bank_transfer(BusinessState::entered, PaymentState::confirming));
  CHECK_FALSE(can_record_bank_transfer(BusinessState::under_review, PaymentState::paid));
  CHECK(can_confirm_payment(BusinessState::entered, PaymentState::confirming));
  CHECK_FALSE(can_confirm_payment(BusinessState::entered, PaymentState::unpaid));
  CHECK(can_review(BusinessState::under_review, PaymentState::paid));
  CHECK_FALSE(can_review(BusinessState::entered, PaymentState::confirming));
  CHECK(can_install(BusinessState::approved));
  CHECK_FALSE(can_install(BusinessState::under_review));
  CHECK(is_closed(BusinessState::completed));
  CHECK_FALSE(is_closed(BusinessState::approved));
}
