#pragma once
// The requests of docs/protocol.md as typed messages, each with one strict decoder (DecodeError
// naming the field path of the first problem) and one encoder. The decoders check types, ranges
// and encodings; whether a name or a mobile number is acceptable is the form's business
// (core/forms, answered 422), not the wire format's.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "certrenew/core/bytes.hpp"
#include "certrenew/core/forms/money.hpp"
#include "certrenew/core/protocol/json_field.hpp"
#include "certrenew/core/time/utc_time.hpp"
#include "certrenew/core/x509/certificate.hpp"

namespace certrenew::protocol {

// The content type and version of the signed renewal application (the CMS eContent).
inline constexpr std::string_view kApplicationType = "certrenew.renewal-application";
inline constexpr int kApplicationVersion = 1;
inline constexpr int kMaxPeriodMonths = 1200;
inline constexpr std::size_t kMaxBankTransfers = 10;

// 经办人
struct OperatorInfo {
  std::string id_type = "resident_id";  // 居民身份证, the only type the service accepts
  std::string id_number;
  std::string name;
  std::string mobile;
  std::string email;
  bool operator==(const OperatorInfo&) const = default;
};

// 收件人 (for the invoice)
struct RecipientInfo {
  std::string name;
  std::string mobile;
  std::string address;
  bool operator==(const RecipientInfo&) const = default;
};

// {"id_type", "id_number", "name", "mobile", "email"} and {"name", "mobile", "address"}.
OperatorInfo decode_operator_info(const Field& field);
RecipientInfo decode_recipient_info(const Field& field);
nlohmann::json encode(const OperatorInfo& operator_info);
nlohmann::json encode(const RecipientInfo& recipient);

struct AgreementAcceptance {
  std::string version;
  std::string sha256;  // hex of the accepted text's UTF-8 bytes
};

// Issue 19: which channels the operator wants to hear from. On the wire an optional object
// {"email": bool, "sms": bool}, each optional; absent means notify.
struct NotifyChoice {
  bool email = true;
  bool sms = true;
  bool operator==(const NotifyChoice&) const = default;
};
nlohmann::json encode(const NotifyChoice& choice);

// What the holder signs with the old certificate's key.
struct ApplicationContent {
  int period_months = 0;
  OperatorInfo operator_info;
  RecipientInfo recipient;
  AgreementAcceptance agreement;
  Bytes csr;  // DER PKCS#10 for the new key
  std::string nonce;
  UtcTime time;
  // Issue 21: the holder's current SM2 encryption certificate, sent as PEM when the token has
  // one (a dual-certificate holder); decoded by protocol/dual_certificates.hpp.
  std::optional<x509::Certificate> encryption_certificate;
  NotifyChoice notify;  // issue 19: sent as "notify" only when a channel is declined
};
ApplicationContent decode_application_content(const nlohmann::json& json);
// The bytes that are signed: `{"type": "certrenew.renewal-application", "version": 1, ...}`.
nlohmann::json encode(const ApplicationContent& content);

// POST /applications
struct SubmitRequest {
  Bytes signed_application;  // DER SignedData
};
SubmitRequest decode_submit_request(const nlohmann::json& json);
nlohmann::json encode(const SubmitRequest& request);

// One bank transfer as the applicant records it (银行转账信息). The amount is yuan as typed
// ("200.00"); in answers the service gives amount_fen instead.
struct BankTransferRecord {
  std::string payer_account;
  std::string payer_name;
  std::string amount;
  std::string paid_on;  // "YYYY-MM-DD"
  std::string remarks;
  bool operator==(const BankTransferRecord&) const = default;
};
BankTransferRecord decode_bank_transfer_record(const Field& field);
nlohmann::json encode(const BankTransferRecord& record);

// PUT /applications/{no}/bank-transfers
struct BankTransfersRequest {
  std::vector<BankTransferRecord> records;
};
BankTransfersRequest decode_bank_transfers_request(const nlohmann::json& json);
nlohmann::json encode(const BankTransfersRequest& request);

// POST /payments/notify (from the gateway)
struct PaymentNotification {
  std::string payment_id;
  forms::Money amount;
  std::string gateway_ref;
};
PaymentNotification decode_payment_notification(const nlohmann::json& json);
nlohmann::json encode(const PaymentNotification& notification);

// POST /admin/applications/{no}/reject
struct RejectRequest {
  std::string reason;
};
RejectRequest decode_reject_request(const nlohmann::json& json);
nlohmann::json encode(const RejectRequest& request);

// POST /admin/applications/{no}/recover-encryption-key (issue 21): the escrowed certificate's
// serial, hex. Whether it is hex is the service's rule (400 bad_serial), not the shape's.
struct RecoverKeyRequest {
  std::string serial;
};
RecoverKeyRequest decode_recover_key_request(const nlohmann::json& json);
nlohmann::json encode(const RecoverKeyRequest& request);

}  // namespace certrenew::protocol
