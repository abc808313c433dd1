#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace certrenew::server {

// The back office's command line: calls the admin API of a running instance over HTTPS,
// verified against the instance's TLS root, with an operator token.
struct AdminTarget {
  std::string host;
  int port = 0;
  std::filesystem::path tls_root;
  std::string token;
};

AdminTarget admin_target_from_config(const std::filesystem::path& config_file,
                                     const std::filesystem::path& token_file,
                                     const std::string& listen_override = "");

// Performs one call; returns the JSON answer or throws std::runtime_error with the API's message.
nlohmann::json admin_call(const AdminTarget& target, const std::string& method,
                          const std::string& path, const nlohmann::json& body = nullptr);

}  // namespace certrenew::server
