#pragma once

#include <chrono>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "storage/store.hpp"

namespace certrenew::server {

// Checks the operator (经办人) and recipient (收件人) of an application's content with the shared
// validators and returns them normalised as {"operator": {...}, "recipient": {...}}. Throws
// ApiError 422 "validation_failed" listing every bad field with its reason in both languages.
nlohmann::json check_application_form(const nlohmann::json& content);

// Checks bank transfer records (payer account, payer name, amount in yuan as text, date paid,
// remarks); at most 10. Throws ApiError 422 like the form check.
std::vector<BankTransferRecord> check_bank_transfers(const nlohmann::json& records,
                                                     std::chrono::system_clock::time_point now);

// "110105********002X": enough for a person to recognise, not enough to misuse.
std::string mask_id_number(const nlohmann::json& id_number);

}  // namespace certrenew::server
