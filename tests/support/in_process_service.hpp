#pragma once
// TEST DOUBLE for the network only: client::ServiceApi over the server's RenewalService in the
// same process, so flow tests run every step in milliseconds without a server process. Everything
// else is real: the service's rules and SQLite store, the protocol's encoders and decoders (each
// answer and each error goes through the same JSON text the wire would carry), the client's flow.
//
// lose_answer() stands in for a connection that drops after the service acted (the flow must
// re-send a signed application from its outbox); fail_transport() for a service that cannot be
// reached at all.

#include <memory>
#include <string>

#include "certrenew/client/service/service_api.hpp"
#include "certrenew/client/service/service_client.hpp"
#include "instance/init.hpp"
#include "service/renewal_service.hpp"

namespace certrenew::testing {

// A fresh CA instance in `dir` (init's defaults, the project's assets, a CA key of `ca_key`) and
// the RenewalService over its SQLite database, for the in-process adapter below. `made`, when
// given, receives what init made (the instance's config file, ...).
std::unique_ptr<server::RenewalService> fresh_service(
    const std::filesystem::path& dir, server::CaKeyType ca_key = server::InitOptions{}.ca_key,
    server::InitResult* made = nullptr);

class InProcessService final : public client::ServiceApi {
 public:
  explicit InProcessService(server::RenewalService& service,
                            std::string base_url = "https://in-process.test");

  // The next call named `call` ("submit", "status", ...) reaches the service, which acts on it,
  // but its answer is lost: the client gets ServiceError(timeout).
  void lose_answer(std::string call) { lose_answer_ = std::move(call); }
  // While set, every call fails with ServiceError(connect) before reaching the service.
  void fail_transport(bool on) { unreachable_ = on; }
  int calls() const { return calls_; }

  std::string base_url() const override { return base_url_; }
  client::ServiceInfo info() override;
  client::AgreementText agreement(const std::string& language) override;
  client::FeeSchedule fees() override;
  client::SubmitAnswer submit(ByteView signed_application) override;
  client::ApplicationView status(const std::string& business_no,
                                 const std::string& capability) override;
  client::ApplicationView cancel(const std::string& business_no,
                                 const std::string& capability) override;
  client::ApplicationView save_bank_transfers(
      const std::string& business_no, const std::string& capability,
      const std::vector<client::BankTransferRecord>& records) override;
  client::OnlinePayment start_online_payment(const std::string& business_no,
                                             const std::string& capability) override;
  client::CertificateDownload certificate(const std::string& business_no,
                                          const std::string& capability) override;
  client::ApplicationView confirm_installed(const std::string& business_no,
                                            const std::string& capability) override;

 private:
  // Runs one call of the service and returns its answer as the wire would carry it.
  template <typename F>
  nlohmann::json exchange(const char* call, F f);

  server::RenewalService& service_;
  std::string base_url_;
  std::string lose_answer_;
  bool unreachable_ = false;
  int calls_ = 0;
};

}  // namespace certrenew::testing
