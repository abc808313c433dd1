// Parsing the service's answers through core/protocol's strict decoder. Every problem names the
// field path it found, so a service that speaks another protocol version is reported as exactly
// that, not as a crash somewhere in a screen.
#include "certrenew/client/flow/service_facts.hpp"

#include "certrenew/client/service/service_api.hpp"
#include "certrenew/client/service/service_client.hpp"
#include "certrenew/core/protocol/json_field.hpp"
#include "certrenew/core/protocol/public_answers.hpp"

namespace certrenew::client {
namespace {

using nlohmann::json;
using protocol::Field;

// Runs a decoder; its DecodeError becomes the client's own error.
template <typename F>
auto decoded(F decode) -> decltype(decode()) {
  try {
    return decode();
  } catch (const protocol::DecodeError& e) {
    throw ServiceError(
        ServiceError::Kind::protocol,
        "the service's answer does not follow the protocol: " + std::string(e.what()));
  }
}

std::string text_or(const Field& f, std::string_view key) {
  auto v = f.find(key);
  return v ? v->text() : std::string();
}

LocalizedText localized(const Field& f) {
  return protocol::decode_localized_text(f);
}

BankTransferRecord parse_transfer(const Field& f) {
  if (!f.raw().is_object() || !f.raw().contains("amount_fen"))
    return protocol::decode_bank_transfer_record(f);
  BankTransferRecord r;
  r.payer_account = f.at("payer_account").text();
  r.payer_name = f.at("payer_name").text();
  r.amount = f.at("amount_fen").money_fen().to_string();
  r.paid_on = f.at("paid_on").text();
  r.remarks = text_or(f, "remarks");
  return r;
}

template <typename State>
State state_code(const Field& f, std::optional<State> (*parse)(std::string_view)) {
  auto s = parse(f.text());
  if (!s) f.fail("not a known state");
  return *s;
}

}  // namespace

ServiceInfo parse_service_info(const json& j) {
  return decoded([&] { return protocol::decode_service_info(j); });
}

AgreementText parse_agreement(const json& j) {
  return decoded([&] { return protocol::decode_agreement_text(j); });
}

FeeSchedule parse_fee_schedule(const json& j) {
  return decoded([&] { return protocol::decode_fee_schedule(j); });
}

BankTransferRecord bank_transfer_from_json(const json& j) {
  return decoded([&] { return parse_transfer(Field(j)); });
}

ApplicationView parse_application_view(const json& j) {
  return decoded([&] {
    const Field root(j);
    ApplicationView v;
    v.raw = j;
    v.business_no = root.at("business_no").text();
    const Field state = root.at("state");
    v.state = state_code(state.at("code"), protocol::parse_business_state);
    v.state_label = localized(state);
    const Field pay = root.at("payment_state");
    v.payment_state = state_code(pay.at("code"), protocol::parse_payment_state);
    v.payment_label = localized(pay);
    v.created_at = root.at("created_at").text();
    v.updated_at = root.at("updated_at").text();
    v.period_months = root.at("period_months").small_integer(1, protocol::kMaxPeriodMonths);
    const Field cert = root.at("certificate");
    v.certificate_subject = cert.at("subject").text();
    v.certificate_serial = cert.at("serial").text();
    v.certificate_not_after = cert.at("not_after").text();
    const Field recipient = root.at("recipient");
    v.recipient_name = recipient.at("name").text();
    v.recipient_mobile = recipient.at("mobile").text();
    v.recipient_address = recipient.at("address").text();
    const Field order = root.at("order");
    v.order.order_no = order.at("order_no").text();
    v.order.trade_type = localized(order.at("trade_type"));
    v.order.trade_state = localized(order.at("trade_state"));
    v.order.order_state = localized(order.at("order_state"));
    v.order.created_at = order.at("created_at").text();
    v.fees = protocol::decode_fee_period(root.at("fees"));
    v.total = root.at("total_fen").money_fen();
    v.delivery = localized(root.at("delivery"));
    v.invoice_type = localized(root.at("invoice_type"));
    v.bank_account = protocol::decode_bank_account(root.at("bank_account"));
    if (auto list = root.find("bank_transfers"))
      for (const Field& r : list->items()) v.bank_transfers.push_back(parse_transfer(r));
    if (auto review = root.find("review_expectation")) v.review_expectation = localized(*review);
    const Field actions = root.at("actions");
    v.actions = {actions.at("cancel").boolean(), actions.at("bank_transfer").boolean(),
                 actions.at("pay_online").boolean(), actions.at("install").boolean()};
    v.reject_reason = text_or(root, "reject_reason");
    if (auto refund = root.find("refund_due_fen")) v.refund_due = refund->money_fen();
    return v;
  });
}

OnlinePayment parse_online_payment(const json& j) {
  return decoded([&] {
    const Field root(j);
    return OnlinePayment{root.at("payment_id").text(), root.at("amount_fen").money_fen(),
                         root.at("pay_url").text(), root.at("qr_text").text(),
                         root.at("gateway").text()};
  });
}

SubmitAnswer parse_submit_answer(const json& j) {
  const std::string token = decoded([&] { return Field(j).at("capability_token").text(1024); });
  const json* application = j.is_object() && j.contains("application") ? &j.at("application") : &j;
  return {token, parse_application_view(*application)};
}

CertificateDownload parse_certificate_download(const json& j) {
  return decoded([&] {
    const Field root(j);
    CertificateDownload d;
    d.business_no = root.at("business_no").text();
    d.certificate = root.at("certificate").base64(64 * 1024);
    for (const Field& c : root.at("chain").items(10)) d.chain.push_back(c.base64(64 * 1024));
    auto dual = protocol::decode_dual_certificate_download(root);
    d.encryption = std::move(dual.encryption);
    d.recovered = std::move(dual.recovered);
    return d;
  });
}

ServiceError error_from_answer(int http_status, const json& answer) {
  const std::string fallback = "the service answered HTTP " + std::to_string(http_status);
  try {
    protocol::ErrorAnswer e = protocol::decode_error_answer(answer);
    return ServiceError(ServiceError::Kind::http, e.message, http_status, e.code, e.message_zh,
                        e.details);
  } catch (const protocol::DecodeError&) {
    // Not the API's error shape: keep what is certain, the status and a usable code if any.
    std::string code;
    if (answer.is_object() && answer.contains("error") && answer["error"].is_object() &&
        answer["error"].contains("code") && answer["error"]["code"].is_string() &&
        protocol::is_valid_utf8(answer["error"]["code"].get_ref<const std::string&>()))
      code = answer["error"]["code"].get<std::string>();
    return ServiceError(ServiceError::Kind::http, fallback, http_status, code);
  }
}

}  // namespace certrenew::client
