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
#include "certrenew/core/protocol/application_answers.hpp"
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

// The answers about an application are core/protocol's typed messages too.
using protocol::ApplicationActions;
using protocol::ApplicationView;
using protocol::OnlinePayment;
using protocol::OrderDetails;
using protocol::RecordedTransfer;

ServiceInfo parse_service_info(const nlohmann::json& json);
AgreementText parse_agreement(const nlohmann::json& json);
FeeSchedule parse_fee_schedule(const nlohmann::json& json);
ApplicationView parse_application_view(const nlohmann::json& json);
OnlinePayment parse_online_payment(const nlohmann::json& json);
// A record as the service shows it (amount_fen) or as a person writes it (amount in yuan).
BankTransferRecord bank_transfer_from_json(const nlohmann::json& json);  // ServiceError(protocol)

}  // namespace certrenew::client
