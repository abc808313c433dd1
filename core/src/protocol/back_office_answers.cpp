#include "certrenew/core/protocol/back_office_answers.hpp"

#include <limits>

#include "certrenew/core/protocol/application_answers.hpp"
#include "certrenew/core/protocol/json_members.hpp"

namespace certrenew::protocol {

using nlohmann::json;

namespace {

constexpr std::int64_t kMaxId = std::numeric_limits<std::int64_t>::max();

EscrowedKey decode_escrowed_key(const Field& f) {
  return {f.at("serial").text(128), f.at("issued_with").text(64), f.at("escrowed_at").text(64),
          f.at("not_after").text(64), f.at("delivered_here").boolean()};
}

CERTRENEW_JSON_MEMBERS(EscrowedKey, serial, issued_with, escrowed_at, not_after, delivered_here)

json encode(const EscrowedKey& k) {
  return json_members(k);
}

KeyRecovery decode_key_recovery(const Field& f) {
  return {f.at("serial").text(128), f.at("recovered_by").text(256), f.at("recovered_at").text(64)};
}

CERTRENEW_JSON_MEMBERS(KeyRecovery, serial, recovered_by, recovered_at)

json encode(const KeyRecovery& k) {
  return json_members(k);
}

OnlineRefund decode_online_refund(const Field& f) {
  return {f.at("payment_id").text(256), f.at("state").text(64), f.at("amount_fen").money_fen(),
          f.at("refunded_fen").money_fen(), f.at("refundable_fen").money_fen()};
}

json encode(const OnlineRefund& o) {
  return {{"payment_id", o.payment_id},
          {"state", o.state},
          {"amount_fen", o.amount.fen()},
          {"refunded_fen", o.refunded.fen()},
          {"refundable_fen", o.refundable.fen()}};
}

RefundPayoutEntry decode_payout(const Field& f) {
  return {f.at("id").integer(0, kMaxId),  f.at("method").text(32),
          f.at("amount_fen").money_fen(), f.at("payment_id").text(256),
          f.at("reference").text(256),    f.at("state").text(32),
          f.at("message").text(),         f.at("recorded_by").text(256),
          f.at("recorded_at").text(64),   f.at("updated_at").text(64)};
}

CERTRENEW_JSON_MEMBERS(RefundPayoutEntry, id, method, payment_id, reference, state, message,
                       recorded_by, recorded_at, updated_at)

json encode(const RefundPayoutEntry& p) {
  json out = json_members(p);
  out["amount_fen"] = p.amount.fen();
  return out;
}

// A list member: each item through `decode`, at most kMaxListedItems.
template <typename Decode>
auto decode_list(const Field& list, Decode decode) {
  std::vector<decltype(decode(list))> out;
  for (const Field& item : list.items(kMaxListedItems)) out.push_back(decode(item));
  return out;
}

template <typename T>
json encode_list(const std::vector<T>& items) {
  json out = json::array();
  for (const T& item : items) out.push_back(encode(item));
  return out;
}

}  // namespace

IdReveal decode_id_reveal(const Field& f) {
  return {f.at("business_no").text(64), f.at("id_number").text(1024)};
}

json encode(const IdReveal& r) {
  return {{"business_no", r.business_no}, {"id_number", r.id_number}};
}

EscrowedKeys decode_escrowed_keys(const Field& f) {
  return {f.at("business_no").text(64), decode_list(f.at("escrowed_keys"), decode_escrowed_key)};
}

json encode(const EscrowedKeys& k) {
  return {{"business_no", k.business_no}, {"escrowed_keys", encode_list(k.keys)}};
}

RecoveredKeys decode_recovered_keys(const Field& f) {
  return {f.at("business_no").text(64), decode_list(f.at("recovered"), decode_key_recovery)};
}

json encode(const RecoveredKeys& k) {
  return {{"business_no", k.business_no}, {"recovered", encode_list(k.recovered)}};
}

RefundSummary decode_refund_summary(const Field& f) {
  RefundSummary s;
  s.ended = f.at("ended").boolean();
  const Field bank = f.at("bank_transfer");
  s.bank_transfer = {bank.at("received_fen").money_fen(), bank.at("refunded_fen").money_fen(),
                     bank.at("refundable_fen").money_fen()};
  s.online = decode_list(f.at("online"), decode_online_refund);
  s.due = f.at("due_fen").money_fen();
  s.payouts = decode_list(f.at("payouts"), decode_payout);
  return s;
}

json encode(const RefundSummary& s) {
  return {{"ended", s.ended},
          {"bank_transfer",
           {{"received_fen", s.bank_transfer.received.fen()},
            {"refunded_fen", s.bank_transfer.refunded.fen()},
            {"refundable_fen", s.bank_transfer.refundable.fen()}}},
          {"online", encode_list(s.online)},
          {"due_fen", s.due.fen()},
          {"payouts", encode_list(s.payouts)}};
}

RefundDone decode_refund_done(const Field& f) {
  return {f.at("business_no").text(64), f.at("refund_id").integer(0, kMaxId),
          decode_refund_summary(f)};
}

json encode(const RefundDone& d) {
  json out = encode(d.summary);
  out["business_no"] = d.business_no;
  out["refund_id"] = d.refund_id;
  return out;
}

RefundNote decode_refund_note(const Field& f) {
  return {f.at("recorded_by").text(256), f.at("note").text(), f.at("recorded_at").text(64)};
}

json encode(const RefundNote& n) {
  return {{"recorded_by", n.recorded_by}, {"note", n.note}, {"recorded_at", n.recorded_at}};
}

std::vector<RefundListEntry> decode_refund_list(const Field& f) {
  return decode_list(f.at("refunds"), [](const Field& r) {
    RefundListEntry e{r.at("business_no").text(64),
                      decode_business_state(r.at("state")),
                      decode_payment_state(r.at("payment_state")),
                      r.at("total_fen").money_fen(),
                      r.at("updated_at").text(64),
                      decode_refund_summary(r.at("position")),
                      std::nullopt};
    if (auto note = r.find("note_recorded")) e.note_recorded = decode_refund_note(*note);
    return e;
  });
}

json encode(const std::vector<RefundListEntry>& list) {
  json out = json::array();
  for (const auto& e : list) {
    json item = {{"business_no", e.business_no},
                 {"state", encode_state(e.state)},
                 {"payment_state", encode_state(e.payment_state)},
                 {"total_fen", e.total.fen()},
                 {"updated_at", e.updated_at},
                 {"position", encode(e.position)}};
    if (e.note_recorded) item["note_recorded"] = encode(*e.note_recorded);
    out.push_back(std::move(item));
  }
  return {{"refunds", out}};
}

PaymentNotificationAnswer decode_payment_notification_answer(const Field& f) {
  return {f.at("payment_id").text(256), f.at("state").text(64)};
}

json encode(const PaymentNotificationAnswer& a) {
  return {{"payment_id", a.payment_id}, {"state", a.state}};
}

}  // namespace certrenew::protocol
