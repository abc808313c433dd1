#pragma once
// Refunds (issue 18): money received for an application that will not be renewed (cancelled or
// rejected), and online payments that arrived when they were not needed (`refund_due`), paid back
// by finance — by bank transfer, recorded with the bank's reference, or through the payment
// gateway's refund. Money is integer fen with checked sums; nothing is refunded beyond what was
// received. The rules are in service/refunds.cpp (RenewalService::admin_refund).

#include <cstdint>
#include <string>
#include <vector>

#include "certrenew/core/protocol/back_office_answers.hpp"
#include "storage/console_store.hpp"
#include "storage/store.hpp"

namespace certrenew::server {

struct RefundRequest {
  std::string method;  // bank_transfer, online
  std::int64_t amount_fen = 0;
  std::string payment_id;  // online: which payment
  std::string reference;   // bank_transfer: the bank's reference (required)
  std::string note;        // why, for the audit log and the timeline; may be empty
};

// What an application received and what of it is refunded (pending gateway refunds count as
// refunded, so two refunds at once cannot both pass), by method and per online payment.
struct RefundPosition {
  struct Online {
    std::string payment_id;
    std::string state;  // the payment's: paid, refund_due
    std::int64_t amount_fen = 0;
    std::int64_t refunded_fen = 0;
    bool refundable = false;  // refund_due, or paid for an application that ended
  };
  bool ended = false;  // cancelled or rejected: no renewal will use the money
  std::int64_t bank_received_fen = 0;
  std::int64_t bank_refunded_fen = 0;
  std::vector<Online> online;
  std::vector<RefundPayout> payouts;  // oldest first

  std::int64_t bank_refundable_fen() const;
  // Everything still to refund; 0 when nothing is due.
  std::int64_t due_fen() const;
};

// Throws ApiError 500 when stored amounts do not add up (never wraps). Read with the online
// payments locked, for a refund about to be decided.
RefundPosition refund_position(StoreTx& tx, const ApplicationRecord& r);
// The same from the application's lists as a view read them (StoreTx::application_details: its
// transfers, online payments and payouts).
RefundPosition refund_position(const ApplicationRecord& r, const ApplicationDetails& details);
// The position as the console shows it.
protocol::RefundSummary to_answer(const RefundPosition& position);
protocol::RefundNote refund_note(const RefundRecord& note);

}  // namespace certrenew::server
