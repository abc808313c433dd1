#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "certrenew/client/service/service_api.hpp"
#include "certrenew/core/bytes.hpp"

namespace certrenew::client {

namespace detail {
class CurlConnection;
}

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

// The API's error answer {"error": {"code", "message", "message_zh", "details"}} as
// ServiceError(http). An answer that is not one, or has a field of the wrong type, still becomes
// ServiceError(http) naming the status: never a JSON exception that skips the flow's error mapping.
ServiceError error_from_answer(int http_status, const nlohmann::json& answer);

// The renewal service's API (docs/protocol.md) over libcurl, on one kept-alive connection per
// client (see detail::CurlConnection). Requests the protocol makes safe to
// repeat (reads, the idempotent submission, saving the transfer list, confirming installation) are
// retried after transport failures and 502/503/504; the others are sent once.
class ServiceClient final : public ServiceApi {
 public:
  explicit ServiceClient(ServiceEndpoint endpoint);

  std::string base_url() const override { return endpoint_.base_url; }
  ServiceInfo info() override;
  AgreementText agreement(const std::string& language) override;
  FeeSchedule fees() override;
  SubmitAnswer submit(ByteView signed_application) override;
  ApplicationView status(const std::string& business_no, const std::string& capability) override;
  ApplicationView cancel(const std::string& business_no, const std::string& capability) override;
  ApplicationView save_bank_transfers(const std::string& business_no, const std::string& capability,
                                      const std::vector<BankTransferRecord>& records) override;
  OnlinePayment start_online_payment(const std::string& business_no,
                                     const std::string& capability) override;
  CertificateDownload certificate(const std::string& business_no,
                                  const std::string& capability) override;
  ApplicationView confirm_installed(const std::string& business_no,
                                    const std::string& capability) override;

  const ServiceEndpoint& endpoint() const { return endpoint_; }

 private:
  nlohmann::json call(const char* method, const std::string& path, const nlohmann::json* body,
                      const std::string& bearer, bool repeatable);

  ServiceEndpoint endpoint_;
  // One kept-alive connection per service, shared by copies of this client.
  std::shared_ptr<detail::CurlConnection> connection_;
};

}  // namespace certrenew::client
