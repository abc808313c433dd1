#pragma once
// The applicant's and the back office's steps through a real certrenew-server, shared by the
// server tests: submit, pay by bank transfer, approve, download. Each step REQUIREs its answer.

#include <string>

#include <nlohmann/json.hpp>

#include "applicant.hpp"
#include "server_process.hpp"

namespace certrenew::testing {

// An application the server accepted: its number, capability token and first view.
struct Submitted {
  std::string business_no;
  std::string token;
  nlohmann::json application;
};

// POSTs `a`'s signed `content`; REQUIREs 201.
Submitted submit(const ServerProcess& s, const Applicant& a, const nlohmann::json& content);
// The same with the default content for `period` months.
Submitted submit(const ServerProcess& s, const Applicant& a, int period = 24);

// {"records": [one transfer of `amount` yuan, paid today]}.
nlohmann::json bank_transfer(const std::string& amount = "200.00",
                             const std::string& payer_name = "广州某某贸易有限公司",
                             const std::string& payer_account = "6222 0202 0000 1234 567");
// Saves bank_transfer(amount) and has finance confirm it: the application is under review.
void pay_by_transfer(const ServerProcess& s, const Submitted& app,
                     const std::string& amount = "200.00");
// pay_by_transfer() and the reviewer's approval; REQUIREs 200 of each.
void pay_and_approve(const ServerProcess& s, const Submitted& app,
                     const std::string& amount = "200.00");
// The issued certificate (DER); REQUIREs 200.
Bytes download(const ServerProcess& s, const Submitted& app);

// The error code of an answer, or a text that says there was none.
std::string code_of(const ServerProcess::Reply& r);

}  // namespace certrenew::testing
