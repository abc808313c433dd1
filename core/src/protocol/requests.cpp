#include "certrenew/core/protocol/requests.hpp"

#include "certrenew/core/protocol/dual_certificates.hpp"
#include "certrenew/core/protocol/json_members.hpp"
#include "certrenew/core/protocol/request_schema.hpp"

namespace certrenew::protocol {

using nlohmann::json;

namespace {

constexpr std::size_t kFieldBytes = 1024;  // any form field; the form rules are far stricter

CERTRENEW_JSON_MEMBERS(OperatorInfo, id_type, id_number, name, mobile, email)
CERTRENEW_JSON_MEMBERS(BankTransferRecord, payer_account, payer_name, amount, paid_on, remarks)

}  // namespace

OperatorInfo decode_operator_info(const Field& f) {
  return {f.at("id_type").text(kFieldBytes), f.at("id_number").text(kFieldBytes),
          f.at("name").text(kFieldBytes), f.at("mobile").text(kFieldBytes),
          f.at("email").text(kFieldBytes)};
}

RecipientInfo decode_recipient_info(const Field& f) {
  return {f.at("name").text(kFieldBytes), f.at("mobile").text(kFieldBytes),
          f.at("address").text(kFieldBytes)};
}

json encode(const OperatorInfo& o) {
  return json_members(o);
}

json encode(const NotifyChoice& n) {
  return {{"email", n.email}, {"sms", n.sms}};
}

json encode(const RecipientInfo& r) {
  return {{"name", r.name}, {"mobile", r.mobile}, {"address", r.address}};
}

ApplicationContent decode_application_content(const json& j) {
  check_shape(j, kApplicationContentSchema);
  const Field root(j);
  if (root.at("type").text(kFieldBytes) != kApplicationType)
    root.at("type").fail("not a renewal application");
  root.at("version").integer(kApplicationVersion, kApplicationVersion);
  ApplicationContent c;
  c.period_months = root.at("period_months").small_integer(1, kMaxPeriodMonths);
  c.operator_info = decode_operator_info(root.at("operator"));
  c.recipient = decode_recipient_info(root.at("recipient"));
  c.agreement = {root.at("agreement").at("version").text(64),
                 root.at("agreement").at("sha256").text(128)};
  c.csr = root.at("csr").base64(64 * 1024);
  c.nonce = root.at("nonce").text(128);
  if (c.nonce.size() < 16) root.at("nonce").fail("shorter than 16 characters");
  c.time = root.at("time").time();
  if (auto notify = root.find("notify")) {
    if (auto email = notify->find("email")) c.notify.email = email->boolean();
    if (auto sms = notify->find("sms")) c.notify.sms = sms->boolean();
  }
  if (auto pem = root.find("encryption_certificate"))
    c.encryption_certificate = decode_encryption_certificate(*pem);
  return c;
}

json encode(const ApplicationContent& c) {
  json j = {{"type", kApplicationType},
            {"version", kApplicationVersion},
            {"period_months", c.period_months},
            {"operator", encode(c.operator_info)},
            {"recipient", encode(c.recipient)},
            {"agreement", {{"version", c.agreement.version}, {"sha256", c.agreement.sha256}}},
            {"csr", to_base64(c.csr)},
            {"nonce", c.nonce},
            {"time", c.time.iso()}};
  if (c.notify != NotifyChoice{}) j["notify"] = encode(c.notify);
  if (c.encryption_certificate)
    j["encryption_certificate"] = certificate_pem(c.encryption_certificate->der);
  return j;
}

SubmitRequest decode_submit_request(const json& j) {
  check_shape(j, kSubmitRequestSchema);
  return {Field(j).at("signed_application").base64(256 * 1024)};
}

json encode(const SubmitRequest& r) {
  return {{"signed_application", to_base64(r.signed_application)}};
}

BankTransferRecord decode_bank_transfer_record(const Field& f) {
  BankTransferRecord r;
  r.payer_account = f.at("payer_account").text(kFieldBytes);
  r.payer_name = f.at("payer_name").text(kFieldBytes);
  r.amount = f.at("amount").text(64);
  r.paid_on = f.at("paid_on").text(64);
  if (auto remarks = f.find("remarks")) r.remarks = remarks->text(kFieldBytes);
  return r;
}

json encode(const BankTransferRecord& r) {
  return json_members(r);
}

BankTransfersRequest decode_bank_transfers_request(const json& j) {
  check_shape(j, kBankTransfersSchema);
  BankTransfersRequest out;
  // The count limit is a rule of the service (422 too_many_records), not of the shape.
  for (const Field& item : Field(j).at("records").items())
    out.records.push_back(decode_bank_transfer_record(item));
  return out;
}

json encode(const BankTransfersRequest& r) {
  json list = json::array();
  for (const auto& record : r.records) list.push_back(encode(record));
  return {{"records", list}};
}

PaymentNotification decode_payment_notification(const json& j) {
  check_shape(j, kPaymentNotificationSchema);
  const Field root(j);
  return {root.at("payment_id").text(64), root.at("amount_fen").money_fen(),
          root.at("gateway_ref").text(256)};
}

json encode(const PaymentNotification& n) {
  return {
      {"payment_id", n.payment_id}, {"amount_fen", n.amount.fen()}, {"gateway_ref", n.gateway_ref}};
}

RejectRequest decode_reject_request(const json& j) {
  check_shape(j, kRejectRequestSchema);
  return {Field(j).at("reason").text(64 * 1024)};
}

json encode(const RejectRequest& r) {
  return {{"reason", r.reason}};
}

RecoverKeyRequest decode_recover_key_request(const json& j) {
  check_shape(j, kRecoverKeyRequestSchema);
  return {Field(j).at("serial").text(128)};
}

json encode(const RecoverKeyRequest& r) {
  return {{"serial", r.serial}};
}

}  // namespace certrenew::protocol
