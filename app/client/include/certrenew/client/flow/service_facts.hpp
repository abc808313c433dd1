#pragma once
// What the renewal service publishes and answers (docs/protocol.md), parsed into plain structs so
// that screens and the CLI never dig through JSON. The parsers read through core/protocol's strict
// decoder and throw ServiceError(protocol) naming the field path of the first problem
// ("fees.items[0].quantity: expected a whole number, got a string"), never another exception.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "certrenew/client/store/client_config.hpp"
#include "certrenew/core/bytes.hpp"
#include "certrenew/core/forms/money.hpp"
#include "certrenew/core/protocol/public_answers.hpp"
#include "certrenew/core/protocol/requests.hpp"
#include "certrenew/core/protocol/states.hpp"

namespace certrenew::client {

// The public answers are core/protocol's typed messages (one decoder, one encoder).
using protocol::AgreementText;
using protocol::BankAccount;
using protocol::CodedText;
using protocol::FeeItem;
using protocol::FeePeriod;
using protocol::FeeSchedule;
using protocol::LocalizedText;
using protocol::ServiceInfo;

// One bank transfer as the applicant records it (银行转账信息). Amount is yuan as typed.
using protocol::BankTransferRecord;

struct OrderDetails {
  std::string order_no;
  LocalizedText trade_type;
  LocalizedText trade_state;
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

// The application view the service returns for 查询进度 and after every change.
struct ApplicationView {
  std::string business_no;
  protocol::BusinessState state = protocol::BusinessState::entered;
  protocol::PaymentState payment_state = protocol::PaymentState::unpaid;
  LocalizedText state_label;
  LocalizedText payment_label;
  std::string created_at;
  std::string updated_at;
  int period_months = 0;
  std::string certificate_subject;
  std::string certificate_serial;
  std::string certificate_not_after;
  std::string recipient_name;
  std::string recipient_mobile;
  std::string recipient_address;
  OrderDetails order;
  FeePeriod fees;
  forms::Money total;
  LocalizedText delivery;
  LocalizedText invoice_type;
  BankAccount bank_account;
  std::vector<BankTransferRecord> bank_transfers;
  LocalizedText review_expectation;
  ApplicationActions actions;
  std::string reject_reason;  // when rejected
  // Money that arrived but was not needed (an online payment paid twice, or after the
  // application ended): the CA refunds it (issue 16). Zero from a service that does not say.
  forms::Money refund_due;
  nlohmann::json raw;  // the whole answer, for --json output
};

struct OnlinePayment {
  std::string payment_id;
  forms::Money amount;
  std::string pay_url;
  std::string qr_text;  // what the QR code encodes
  std::string gateway;
};

ServiceInfo parse_service_info(const nlohmann::json& json);
AgreementText parse_agreement(const nlohmann::json& json);
FeeSchedule parse_fee_schedule(const nlohmann::json& json);
ApplicationView parse_application_view(const nlohmann::json& json);
OnlinePayment parse_online_payment(const nlohmann::json& json);
// A record as the service shows it (amount_fen) or as a person writes it (amount in yuan).
BankTransferRecord bank_transfer_from_json(const nlohmann::json& json);  // ServiceError(protocol)

}  // namespace certrenew::client
