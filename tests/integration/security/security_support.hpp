#pragma once
// Shared steps for the issue-15 attack tests: a submitted application, taking it through payment
// and approval, and running the openssl command line against files and the live server.

#include <string>

#include <nlohmann/json.hpp>

#include "applicant.hpp"

namespace certrenew::testing::security {

struct Submitted {
  std::string business_no;
  std::string token;
  nlohmann::json application;
};

// Submits a fresh application for `a` (REQUIREs 201).
Submitted submit(const ServerProcess& s, const Applicant& a, int period = 24);
// Bank transfer, confirmation and approval by the operator (REQUIREs each step).
void pay_and_approve(const ServerProcess& s, const Submitted& app);
// The issued certificate (DER).
Bytes download(const ServerProcess& s, const Submitted& app);
std::string code_of(const ServerProcess::Reply& r);

// Runs `command` through /bin/sh with stdin from /dev/null; output is stdout+stderr.
int shell(const std::string& command, std::string* output);
// Writes a certificate as PEM to `file`.
void write_pem_certificate(const std::filesystem::path& file, const Bytes& der);

}  // namespace certrenew::testing::security
