#pragma once
// Shared steps for the issue-15 attack tests (the application's steps are application_steps.hpp):
// running the openssl command line against files and the live server.

#include <string>

#include <nlohmann/json.hpp>

#include "application_steps.hpp"

namespace certrenew::testing::security {

// Runs `command` through /bin/sh with stdin from /dev/null; output is stdout+stderr.
int shell(const std::string& command, std::string* output);
// Writes a certificate as PEM to `file`.
void write_pem_certificate(const std::filesystem::path& file, const Bytes& der);

}  // namespace certrenew::testing::security
