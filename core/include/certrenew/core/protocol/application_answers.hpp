#pragma once
// The answers about one application (docs/protocol.md, applicant and operator endpoints) as typed
// messages: the application view, an online payment, the certificate download, and what operators
// see besides (the full view, the list). The service builds them and encodes; the client decodes.
// As in public_answers.hpp, each decoder reads through Field (DecodeError naming the field path of
// the first problem) and ignores members it does not know; each encoder writes every member its
// decoder reads.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "certrenew/core/bytes.hpp"
#include "certrenew/core/forms/money.hpp"
#include "certrenew/core/protocol/dual_certificates.hpp"
#include "certrenew/core/protocol/json_field.hpp"
#include "certrenew/core/protocol/public_answers.hpp"
#include "certrenew/core/protocol/requests.hpp"
#include "certrenew/core/protocol/states.hpp"

namespace certrenew::protocol {

// 订单信息
struct OrderDetails {
  std::string order_no;
  LocalizedText trade_type;
  CodedText trade_state;  // the payment state
  LocalizedText order_state;
  std::string created_at;
};

// Which buttons the service allows now.
struct ApplicationActions {
  bool cancel = false;
  bool bank_transfer = false;
  bool pay_online = false;
  bool install = false;
};

// A bank transfer as the service recorded it: {"payer_account", "payer_name", "amount_fen",
// "paid_on", "remarks"}.
struct RecordedTransfer {
  std::string payer_account;
  std::string payer_name;
  forms::Money amount;
  std::string paid_on;  // "YYYY-MM-DD"
  std::string remarks;
  // The same record as the applicant sends it again (amount in yuan, as typed).
  BankTransferRecord as_request() const;
};
RecordedTransfer decode_recorded_transfer(const Field& field);
nlohmann::json encode(const RecordedTransfer& transfer);
std::vector<BankTransferRecord> as_requests(const std::vector<RecordedTransfer>& recorded);

// POST …/online-payments answers it (201); the view shows the payable one as "online_payment",
// without the gateway's name.
struct OnlinePayment {
  std::string payment_id;
  forms::Money amount;
  std::string pay_url;
  std::string qr_text;  // what the QR code encodes
  std::string expires_at;
  std::string gateway;  // "" in the view
};
OnlinePayment decode_online_payment(const Field& field);
nlohmann::json encode(const OnlinePayment& payment);

// One online payment of the application, as the view lists them ("online_payments").
struct OnlinePaymentEntry {
  std::string payment_id;
  forms::Money amount;
  CodedText state;  // pending, expired, paid, closed, failed, refund_due, refunded
  std::string created_at;
  std::string expires_at;   // "" when the gateway never gave it a link
  std::string gateway_ref;  // operators only; "" otherwise
};

// The application view the service returns for 查询进度 and after every change.
struct ApplicationView {
  std::string business_no;
  BusinessState state = BusinessState::entered;
  PaymentState payment_state = PaymentState::unpaid;
  LocalizedText state_label;
  LocalizedText payment_label;
  std::string created_at;
  std::string updated_at;
  int period_months = 0;
  std::string certificate_subject;
  std::string certificate_serial;
  std::string certificate_not_after;
  OperatorInfo operator_info;  // "operator"; the ID number masked
  std::string recipient_name;
  std::string recipient_mobile;
  std::string recipient_address;
  OrderDetails order;
  FeePeriod fees;
  forms::Money total;
  CodedText delivery;
  CodedText invoice_type;
  BankAccount bank_account;
  std::vector<RecordedTransfer> bank_transfers;
  LocalizedText review_expectation;
  ApplicationActions actions;
  std::string reject_reason;  // when rejected; absent on the wire otherwise
  // Approved, certificate not yet issued (issue 22): {"code": "pending", …}.
  std::optional<CodedText> issuance;
  std::optional<OnlinePayment> online_payment;  // while one is payable
  std::vector<OnlinePaymentEntry> online_payments;
  // Money that arrived but was not needed (an online payment paid twice, or after the
  // application ended): the CA refunds it (issue 16). Zero from a service that does not say.
  forms::Money refund_due;
};
ApplicationView decode_application_view(const Field& field);
nlohmann::json encode(const ApplicationView& view);

// GET …/certificate
struct CertificateDownload {
  std::string business_no;
  Bytes certificate;         // DER
  std::vector<Bytes> chain;  // DER, the issuing CA first
  // Issue 21, SM2 dual certificates (dual_certificates.hpp): the new encryption certificate and
  // its key pair sealed to the new signing key, and escrowed keys an operator re-delivered.
  std::optional<EncryptionKeyDelivery> encryption;
  std::vector<EncryptionKeyDelivery> recovered;
};
CertificateDownload decode_certificate_download(const Field& field);
nlohmann::json encode(const CertificateDownload& download);

// One entry of an application's history (operators).
struct ApplicationEvent {
  std::string at;
  std::string actor;
  std::string kind;
  std::string detail;
};

// Issuing and revoking at the issuer (issue 22, operators).
struct IssuerJobEntry {
  std::string kind;   // issue, revoke
  std::string state;  // pending, done, refused
  std::int64_t attempts = 0;
  std::string next_attempt_at;
  std::string last_error;
};

// GET /admin/applications/{no}: the view with the history, the accepted agreement, the messages
// sent about it and the issuer's jobs.
struct OperatorApplicationView {
  ApplicationView view;
  std::vector<ApplicationEvent> events;
  AgreementAcceptance agreement;
  nlohmann::json notifications = nlohmann::json::array();  // notify/notifications_view's shape
  std::vector<IssuerJobEntry> issuer_jobs;
};
OperatorApplicationView decode_operator_application_view(const Field& field);
nlohmann::json encode(const OperatorApplicationView& view);

// GET /admin/applications: {"applications": [...]}, newest first.
struct ApplicationListEntry {
  std::string business_no;
  BusinessState state = BusinessState::entered;
  PaymentState payment_state = PaymentState::unpaid;
  forms::Money total;
  std::string created_at;
};
std::vector<ApplicationListEntry> decode_application_list(const Field& field);
nlohmann::json encode(const std::vector<ApplicationListEntry>& list);

// A state's labels as the view shows them (states.hpp's label_zh and label_en).
LocalizedText labels(BusinessState state);
LocalizedText labels(PaymentState state);
// A state with its labels, {"code", "zh", "en"}, as every answer shows one; the decoders read
// the code.
nlohmann::json encode_state(BusinessState state);
nlohmann::json encode_state(PaymentState state);
BusinessState decode_business_state(const Field& state);
PaymentState decode_payment_state(const Field& state);

}  // namespace certrenew::protocol
