#include "in_process_service.hpp"

#include "certrenew/core/protocol/application_answers.hpp"
#include "certrenew/core/protocol/json_field.hpp"
#include "service/api_error.hpp"

namespace certrenew::testing {

using client::ServiceError;
using nlohmann::json;

namespace {

// What the client would read off the wire: the encoded text, decoded again.
json over_the_wire(const json& answer) {
  return protocol::parse_json(protocol::encode_json(answer));
}

}  // namespace

std::unique_ptr<server::RenewalService> fresh_service(const std::filesystem::path& dir,
                                                      server::CaKeyType ca_key,
                                                      server::InitResult* made) {
  server::InitOptions init;
  init.dir = dir;
  init.assets_dir = server::find_assets_dir();
  init.ca_key = ca_key;
  const server::InitResult instance = server::init_instance(init);
  if (made) *made = instance;
  server::ServerConfig config = server::ServerConfig::load(instance.config);
  const std::filesystem::path database = config.database;
  return std::make_unique<server::RenewalService>(std::move(config),
                                                  server::open_sqlite_store(database));
}

InProcessService::InProcessService(server::RenewalService& service, std::string base_url)
    : service_(service), base_url_(std::move(base_url)) {}

template <typename F>
json InProcessService::exchange(const char* call, F f) {
  ++calls_;
  if (unreachable_)
    throw ServiceError(ServiceError::Kind::connect, "the service cannot be reached (test)");
  json answer;
  try {
    answer = f();
  } catch (const server::ApiError& e) {
    throw client::error_from_answer(e.status(), over_the_wire(e.to_json()));
  }
  if (lose_answer_ == call) {
    lose_answer_.clear();
    throw ServiceError(ServiceError::Kind::timeout, "the answer was lost (test)");
  }
  return over_the_wire(answer);
}

client::ServiceInfo InProcessService::info() {
  return client::parse_service_info(
      exchange("info", [&] { return protocol::encode(service_.info()); }));
}

client::AgreementText InProcessService::agreement(const std::string& language) {
  return client::parse_agreement(
      exchange("agreement", [&] { return protocol::encode(service_.agreement(language)); }));
}

client::FeeSchedule InProcessService::fees() {
  return client::parse_fee_schedule(
      exchange("fees", [&] { return protocol::encode(service_.fees()); }));
}

client::SubmitAnswer InProcessService::submit(ByteView signed_application) {
  return client::parse_submit_answer(exchange("submit", [&] {
    auto s = service_.submit(Bytes(signed_application.begin(), signed_application.end()));
    return json{{"capability_token", s.capability_token},
                {"application", protocol::encode(s.application)}};
  }));
}

client::ApplicationView InProcessService::status(const std::string& no, const std::string& cap) {
  return client::parse_application_view(
      exchange("status", [&] { return protocol::encode(service_.status(no, cap)); }));
}

client::ApplicationView InProcessService::cancel(const std::string& no, const std::string& cap) {
  return client::parse_application_view(
      exchange("cancel", [&] { return protocol::encode(service_.cancel(no, cap)); }));
}

client::ApplicationView InProcessService::save_bank_transfers(
    const std::string& no, const std::string& cap,
    const std::vector<client::BankTransferRecord>& records) {
  return client::parse_application_view(exchange("save_bank_transfers", [&] {
    // Through the request's encoder and decoder, as the HTTP layer would.
    const json body = over_the_wire(protocol::encode(protocol::BankTransfersRequest{records}));
    return protocol::encode(
        service_.save_bank_transfers(no, cap, protocol::decode_bank_transfers_request(body)));
  }));
}

client::OnlinePayment InProcessService::start_online_payment(const std::string& no,
                                                             const std::string& cap) {
  return client::parse_online_payment(exchange("start_online_payment", [&] {
    return protocol::encode(service_.start_online_payment(no, cap, base_url_));
  }));
}

client::CertificateDownload InProcessService::certificate(const std::string& no,
                                                          const std::string& cap) {
  return client::parse_certificate_download(
      exchange("certificate", [&] { return protocol::encode(service_.certificate(no, cap)); }));
}

client::ApplicationView InProcessService::confirm_installed(const std::string& no,
                                                            const std::string& cap) {
  return client::parse_application_view(exchange(
      "confirm_installed", [&] { return protocol::encode(service_.confirm_installed(no, cap)); }));
}

}  // namespace certrenew::testing
