#pragma once
// The back office's other answers as typed messages (docs/protocol.md "Operator endpoints", "Key
// recovery", the gateway's notification; docs/console.md "Refunds"): the whole ID number, the
// escrowed encryption keys and their recovery, refunds, and the answer to a payment notification.
// As in application_answers.hpp: the service builds them and encodes; each decoder reads through
// Field (DecodeError naming the field path of the first problem), ignores members it does not
// know, and reads every member its encoder writes.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "certrenew/core/forms/money.hpp"
#include "certrenew/core/protocol/json_field.hpp"
#include "certrenew/core/protocol/states.hpp"

namespace certrenew::protocol {

// POST /admin/applications/{no}/reveal-id: {"business_no", "id_number"}.
struct IdReveal {
  std::string business_no;
  std::string id_number;
};
IdReveal decode_id_reveal(const Field& field);
nlohmann::json encode(const IdReveal& reveal);

// GET /admin/applications/{no}/escrowed-keys: the keys the KMC escrowed for the application's
// subject.
struct EscrowedKey {
  std::string serial;           // upper-case hex
  std::string issued_with;      // the business number of the renewal that issued it
  std::string escrowed_at;      // ISO UTC
  std::string not_after;        // ISO UTC
  bool delivered_here = false;  // the application's own key, or one recovered to it
};
struct EscrowedKeys {
  std::string business_no;
  std::vector<EscrowedKey> keys;  // "escrowed_keys"
};
EscrowedKeys decode_escrowed_keys(const Field& field);
nlohmann::json encode(const EscrowedKeys& keys);

// POST /admin/applications/{no}/recover-encryption-key answers the keys recovered to the
// application so far ("recovered"), oldest first.
struct KeyRecovery {
  std::string serial;
  std::string recovered_by;  // "operator:NAME"
  std::string recovered_at;  // ISO UTC
};
struct RecoveredKeys {
  std::string business_no;
  std::vector<KeyRecovery> recovered;
};
RecoveredKeys decode_recovered_keys(const Field& field);
nlohmann::json encode(const RecoveredKeys& keys);

// What an application received and what of it is refunded (issue 18), as the console shows it:
// {"ended", "bank_transfer": {...}, "online": [...], "due_fen", "payouts": [...]}.
struct BankRefunds {
  forms::Money received;
  forms::Money refunded;
  forms::Money refundable;
};
struct OnlineRefund {
  std::string payment_id;
  std::string state;  // the payment's: paid, refund_due
  forms::Money amount;
  forms::Money refunded;
  forms::Money refundable;
};
struct RefundPayoutEntry {
  std::int64_t id = 0;
  std::string method;  // bank_transfer, online
  forms::Money amount;
  std::string payment_id;
  std::string reference;
  std::string state;  // pending, done, failed
  std::string message;
  std::string recorded_by;
  std::string recorded_at;
  std::string updated_at;
};
struct RefundSummary {
  bool ended = false;  // cancelled or rejected
  BankRefunds bank_transfer;
  std::vector<OnlineRefund> online;
  forms::Money due;
  std::vector<RefundPayoutEntry> payouts;  // oldest first
};
RefundSummary decode_refund_summary(const Field& field);
nlohmann::json encode(const RefundSummary& summary);

// POST /console/api/refunds/{no}: the summary after the refund, with the application and the
// refund's id beside its members.
struct RefundDone {
  std::string business_no;
  std::int64_t refund_id = 0;
  RefundSummary summary;
};
RefundDone decode_refund_done(const Field& field);
nlohmann::json encode(const RefundDone& done);

// A note recorded before refunds were carried out in the console (no amount was kept then).
struct RefundNote {
  std::string recorded_by;
  std::string note;
  std::string recorded_at;
};
RefundNote decode_refund_note(const Field& field);
nlohmann::json encode(const RefundNote& note);

// GET /console/api/refunds: {"refunds": [...]}, the applications with money to refund or
// refunds done.
struct RefundListEntry {
  std::string business_no;
  BusinessState state = BusinessState::entered;
  PaymentState payment_state = PaymentState::unpaid;
  forms::Money total;
  std::string updated_at;
  RefundSummary position;
  std::optional<RefundNote> note_recorded;
};
std::vector<RefundListEntry> decode_refund_list(const Field& field);
nlohmann::json encode(const std::vector<RefundListEntry>& list);

// POST /payments/notify answers the payment's state after the notification: {"payment_id",
// "state"} (paid, or refund_due when the application no longer needed the money).
struct PaymentNotificationAnswer {
  std::string payment_id;
  std::string state;
};
PaymentNotificationAnswer decode_payment_notification_answer(const Field& field);
nlohmann::json encode(const PaymentNotificationAnswer& answer);

}  // namespace certrenew::protocol
