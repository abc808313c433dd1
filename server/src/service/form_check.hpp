#pragma once

#include <chrono>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "certrenew/core/forms/money.hpp"
#include "certrenew/core/protocol/requests.hpp"
#include "storage/store.hpp"

namespace certrenew::server {

// Checks the operator (经办人) and recipient (收件人) of an application's content with the shared
// validators and returns them normalised as {"operator": {...}, "recipient": {...}}. Throws
// ApiError 422 "validation_failed" listing every bad field with its reason in both languages.
// `today` is the local date, for the birth date inside the ID number.
nlohmann::json check_application_form(const protocol::OperatorInfo& operator_info,
                                      const protocol::RecipientInfo& recipient,
                                      std::chrono::sys_days today);

// Checks bank transfer records (payer account, payer name, amount in yuan as text, date paid,
// remarks); at most 10. Throws ApiError 422 like the form check.
std::vector<BankTransferRecord> check_bank_transfers(
    const std::vector<protocol::BankTransferRecord>& records,
    std::chrono::system_clock::time_point now);

// Refuses (422 validation_failed, field records[i].amount) an amount beyond 100 times the amount
// due: no real transfer is that large, and bounded amounts cannot add up past 64 bits.
void check_transfer_amounts(const std::vector<BankTransferRecord>& transfers, forms::Money due);

// "110105********002X": enough for a person to recognise, not enough to misuse.
std::string mask_id_number(const nlohmann::json& id_number);

}  // namespace certrenew::server
