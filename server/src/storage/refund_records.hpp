#pragma once
// A refund paid out (console2), apart from the console's other records: an application's view
// reads its refunds with the rest of its lists (StoreTx::application_details).

#include <cstdint>
#include <string>

namespace certrenew::server {

// A refund carried out (console2): money paid back for an application that will not be renewed,
// by bank transfer (recorded with the bank's reference) or through the online payment gateway
// (asked outside the transaction: `pending` until it answers). Money in integer fen.
struct RefundPayout {
  std::int64_t id = 0;
  std::string business_no;
  std::string method;  // bank_transfer, online
  std::int64_t amount_fen = 0;
  std::string payment_id;  // online: the payment refunded; empty for a bank transfer
  std::string reference;   // bank transfer: the bank's reference; online: the gateway's refund id
  std::string state;       // pending, done, failed
  std::string message;     // why the gateway refused; empty otherwise
  std::string recorded_by;
  std::int64_t recorded_at = 0;
  std::int64_t updated_at = 0;  // when it became done or failed
};

}  // namespace certrenew::server
