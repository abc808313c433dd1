#pragma once

#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "certrenew/core/bytes.hpp"

namespace certrenew::client {

// Where the renewal service is and what its TLS must chain to. There is no switch to turn
// verification off: a client that cannot verify the service must not send it a signed request.
struct ServiceEndpoint {
  std::string base_url;              // https://host:port, no trailing slash
  std::filesystem::path trust_file;  // PEM CA certificate(s) for the service's TLS; empty: the
                                     // system's trust store (still verified)
  std::chrono::seconds connect_timeout{10};
  std::chrono::seconds request_timeout{30};
  int retries = 2;  // extra attempts, only for requests that are safe to repeat
};

// Why a call to the service failed, sorted so the UI can say what to do about it.
class ServiceError : public std::runtime_error {
 public:
  enum class Kind {
    bad_endpoint,  // the configured URL or trust file is unusable
    dns,           // the host name does not resolve
    connect,       // nothing answers at that address
    tls,           // the service's certificate does not verify against the configured trust
    timeout,       // connected, but no answer in time
    http,          // the service answered with an error (see code() and message_zh())
    protocol,      // the answer is not what the protocol says (not JSON, too large)
  };
  ServiceError(Kind kind, const std::string& message, int http_status = 0, std::string code = {},
               std::string message_zh = {}, nlohmann::json details = nullptr)
      : std::runtime_error(message),
        kind_(kind),
        http_status_(http_status),
        code_(std::move(code)),
        message_zh_(std::move(message_zh)),
        details_(std::move(details)) {}
  Kind kind() const { return kind_; }
  int http_status() const { return http_status_; }
  const std::string& code() const { return code_; }  // the API's stable error code, for http
  const std::string& message_zh() const { return message_zh_; }
  const nlohmann::json& details() const { return details_; }

 private:
  Kind kind_;
  int http_status_;
  std::string code_;
  std::string message_zh_;
  nlohmann::json details_;
};

// The renewal service's API (docs/protocol.md) over libcurl. Requests the protocol makes safe to
// repeat (reads, the idempotent submission, saving the transfer list, confirming installation) are
// retried after transport failures and 502/503/504; the others are sent once.
class ServiceClient {
 public:
  explicit ServiceClient(ServiceEndpoint endpoint);

  nlohmann::json info();
  nlohmann::json agreement(const std::string& language);
  nlohmann::json fees();

  // {"capability_token", "application"}; sending the same signed request again is safe.
  nlohmann::json submit(ByteView signed_application);
  nlohmann::json status(const std::string& business_no, const std::string& capability);
  nlohmann::json cancel(const std::string& business_no, const std::string& capability);
  nlohmann::json save_bank_transfers(const std::string& business_no, const std::string& capability,
                                     const nlohmann::json& records);
  nlohmann::json start_online_payment(const std::string& business_no,
                                      const std::string& capability);
  nlohmann::json certificate(const std::string& business_no, const std::string& capability);
  nlohmann::json confirm_installed(const std::string& business_no, const std::string& capability);

  const ServiceEndpoint& endpoint() const { return endpoint_; }

 private:
  nlohmann::json call(const char* method, const std::string& path, const nlohmann::json* body,
                      const std::string& bearer, bool repeatable);

  ServiceEndpoint endpoint_;
};

}  // namespace certrenew::client
