#pragma once

#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace certrenew::server {

// An error the API returns: an HTTP status, a stable machine code (documented in
// docs/protocol.md), and a sentence in English and in Chinese. Nothing was changed when one is
// thrown: handlers throw before their transaction commits.
class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string code, const std::string& message_en, std::string message_zh,
           nlohmann::json details = nullptr)
      : std::runtime_error(message_en),
        status_(status),
        code_(std::move(code)),
        message_zh_(std::move(message_zh)),
        details_(std::move(details)) {}

  int status() const { return status_; }
  const std::string& code() const { return code_; }
  const std::string& message_zh() const { return message_zh_; }
  const nlohmann::json& details() const { return details_; }

  nlohmann::json to_json() const {
    nlohmann::json e = {{"code", code_}, {"message", what()}, {"message_zh", message_zh_}};
    if (!details_.is_null()) e["details"] = details_;
    return {{"error", e}};
  }

 private:
  int status_;
  std::string code_;
  std::string message_zh_;
  nlohmann::json details_;
};

}  // namespace certrenew::server
