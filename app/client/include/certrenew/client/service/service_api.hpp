#pragma once
// What the renewal flow asks of the renewal service (docs/protocol.md), in protocol terms and free
// of any transport. ServiceClient (libcurl, HTTPS) is the product's implementation; the tests'
// in-process adapter over the server's RenewalService (tests/support/in_process_service) is the
// other, so that every step of the flow can be tested without a server process.
//
// Every method throws ServiceError: Kind::http for an answer of the API's (code(), message_zh(),
// details()), Kind::protocol for an answer that does not decode, the transport kinds for the rest.

#include <optional>
#include <string>
#include <vector>

#include "certrenew/client/flow/service_facts.hpp"
#include "certrenew/core/bytes.hpp"
#include "certrenew/core/protocol/dual_certificates.hpp"

namespace certrenew::client {

struct SubmitAnswer {
  std::string capability_token;
  ApplicationView application;
};

using protocol::CertificateDownload;

// The answers' decoders (service_facts.cpp); ServiceError(protocol) naming the field.
SubmitAnswer parse_submit_answer(const nlohmann::json& json);
CertificateDownload parse_certificate_download(const nlohmann::json& json);

class ServiceApi {
 public:
  virtual ~ServiceApi() = default;

  // Where the service is, as stored with each application.
  virtual std::string base_url() const = 0;

  virtual ServiceInfo info() = 0;
  virtual AgreementText agreement(const std::string& language) = 0;
  virtual FeeSchedule fees() = 0;

  // Sending the same signed request again is safe: the service answers with the same application.
  virtual SubmitAnswer submit(ByteView signed_application) = 0;
  virtual ApplicationView status(const std::string& business_no, const std::string& capability) = 0;
  virtual ApplicationView cancel(const std::string& business_no, const std::string& capability) = 0;
  virtual ApplicationView save_bank_transfers(const std::string& business_no,
                                              const std::string& capability,
                                              const std::vector<BankTransferRecord>& records) = 0;
  virtual OnlinePayment start_online_payment(const std::string& business_no,
                                             const std::string& capability) = 0;
  virtual CertificateDownload certificate(const std::string& business_no,
                                          const std::string& capability) = 0;
  virtual ApplicationView confirm_installed(const std::string& business_no,
                                            const std::string& capability) = 0;
};

}  // namespace certrenew::client
