// Parsing the service's answers through core/protocol's strict decoder. Every problem names the
// field path it found, so a service that speaks another protocol version is reported as exactly
// that, not as a crash somewhere in a screen.
#include "certrenew/client/flow/service_facts.hpp"

#include "certrenew/client/service/service_api.hpp"
#include "certrenew/client/service/service_client.hpp"
#include "certrenew/core/protocol/json_field.hpp"

namespace certrenew::client {
namespace {

using nlohmann::json;
using protocol::Field;

constexpr std::int64_t kMaxCount = 1'000'000;

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
  return {f.at("zh").text(), f.at("en").text()};
}

FeeItem parse_item(const Field& f) {
  FeeItem item;
  item.code = f.at("code").text();
  item.name = {f.at("name_zh").text(), f.at("name_en").text()};
  item.unit_price = f.at("unit_price_fen").money_fen();
  item.unit = f.at("unit").text();
  item.quantity = f.at("quantity").small_integer(0, kMaxCount);
  item.subtotal = f.at("subtotal_fen").money_fen();
  return item;
}

FeePeriod parse_period(const Field& f) {
  FeePeriod period;
  period.period_months = f.at("period_months").small_integer(1, protocol::kMaxPeriodMonths);
  period.total = f.at("total_fen").money_fen();
  // A period no longer offered is quoted by its total only.
  if (auto items = f.find("items"))
    for (const Field& item : items->items()) period.items.push_back(parse_item(item));
  return period;
}

BankAccount parse_bank_account(const Field& f) {
  const Field a = f.at("bank_account");
  return {a.at("company").text(), a.at("account").text(), a.at("bank").text()};
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

const FeePeriod* FeeSchedule::period(int months) const {
  for (const auto& p : periods)
    if (p.period_months == months) return &p;
  return nullptr;
}

ServiceInfo parse_service_info(const json& j) {
  return decoded([&] {
    const Field root(j);
    ServiceInfo info;
    info.api_version = root.at("api_version").small_integer(0, kMaxCount);
    info.server_time = root.at("server_time").time().sys_seconds();
    info.service_name = {root.at("service_name").at("zh-CN").text(),
                         root.at("service_name").at("en").text()};
    info.ca_subject = root.at("ca").at("subject").text();
    info.ca_certificate = root.at("ca").at("certificate").base64();
    info.agreement_version = root.at("agreement").at("version").text();
    info.renewal_window_days = root.at("renewal_window_days").small_integer(0, 36500);
    for (const Field& t : root.at("allowed_key_types").items(100))
      info.allowed_key_types.push_back(t.text());
    info.allow_key_reuse = root.at("allow_key_reuse").boolean();
    info.sm2_signer_id = root.at("sm2_signer_id").text();
    info.max_clock_skew_seconds = root.at("max_clock_skew_seconds").small_integer(0, 86400 * 365);
    return info;
  });
}

AgreementText parse_agreement(const json& j) {
  return decoded([&] {
    const Field root(j);
    return AgreementText{root.at("version").text(), root.at("language").text(),
                         root.at("sha256").text(), root.at("text").text(1024 * 1024)};
  });
}

FeeSchedule parse_fee_schedule(const json& j) {
  return decoded([&] {
    const Field root(j);
    FeeSchedule fees;
    fees.currency = root.at("currency").text();
    for (const Field& p : root.at("periods").items()) fees.periods.push_back(parse_period(p));
    fees.delivery = localized(root.at("delivery"));
    fees.invoice_type = localized(root.at("invoice_type"));
    fees.bank_account = parse_bank_account(root);
    fees.raw = j;
    return fees;
  });
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
    v.fees = parse_period(root.at("fees"));
    v.total = root.at("total_fen").money_fen();
    v.delivery = localized(root.at("delivery"));
    v.invoice_type = localized(root.at("invoice_type"));
    v.bank_account = parse_bank_account(root);
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
    const Field e = Field(answer).at("error");
    auto details = e.find("details");
    return ServiceError(ServiceError::Kind::http, e.at("message").text(4096), http_status,
                        e.at("code").text(128), text_or(e, "message_zh"),
                        details ? details->raw() : json());
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
