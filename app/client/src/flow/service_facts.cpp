// Parsing the service's answers. Every accessor names the key it wanted, so a service that speaks
// another protocol version is reported as exactly that, not as a crash somewhere in a screen.
#include "certrenew/client/flow/service_facts.hpp"

#include "certrenew/client/service/service_client.hpp"
#include "certrenew/client/store/application_record.hpp"

namespace certrenew::client {
namespace {

using nlohmann::json;

[[noreturn]] void bad(const std::string& key, const char* wanted) {
  throw ServiceError(ServiceError::Kind::protocol, "the service's answer has no usable \"" + key +
                                                       "\" (" + wanted + " expected)");
}

const json& member(const json& j, const std::string& key) {
  if (!j.is_object() || !j.contains(key)) bad(key, "a value");
  return j.at(key);
}

std::string text(const json& j, const std::string& key) {
  const json& v = member(j, key);
  if (!v.is_string()) bad(key, "text");
  return v.get<std::string>();
}

std::string text_or(const json& j, const std::string& key, std::string fallback = {}) {
  if (!j.is_object() || !j.contains(key) || j.at(key).is_null()) return fallback;
  if (!j.at(key).is_string()) bad(key, "text");
  return j.at(key).get<std::string>();
}

std::int64_t integer(const json& j, const std::string& key) {
  const json& v = member(j, key);
  if (!v.is_number_integer()) bad(key, "an integer");
  return v.get<std::int64_t>();
}

bool flag(const json& j, const std::string& key) {
  const json& v = member(j, key);
  if (!v.is_boolean()) bad(key, "true or false");
  return v.get<bool>();
}

forms::Money fen(const json& j, const std::string& key) {
  return forms::Money::from_fen(integer(j, key));
}

LocalizedText localized(const json& j, const std::string& key) {
  const json& v = member(j, key);
  if (!v.is_object()) bad(key, "an object with zh and en");
  return {text(v, "zh"), text(v, "en")};
}

LocalizedText localized_or_empty(const json& j, const std::string& key) {
  if (!j.is_object() || !j.contains(key) || j.at(key).is_null()) return {};
  return localized(j, key);
}

FeeItem parse_item(const json& j) {
  FeeItem item;
  item.code = text(j, "code");
  item.name = {text(j, "name_zh"), text(j, "name_en")};
  item.unit_price = fen(j, "unit_price_fen");
  item.unit = text(j, "unit");
  item.quantity = static_cast<int>(integer(j, "quantity"));
  item.subtotal = fen(j, "subtotal_fen");
  return item;
}

FeePeriod parse_period(const json& j) {
  FeePeriod period;
  period.period_months = static_cast<int>(integer(j, "period_months"));
  period.total = fen(j, "total_fen");
  if (!j.contains("items")) return period;  // a period no longer offered is quoted by total only
  const json& items = j.at("items");
  if (!items.is_array()) bad("items", "a list");
  for (const json& item : items) period.items.push_back(parse_item(item));
  return period;
}

BankAccount parse_bank_account(const json& j) {
  const json& a = member(j, "bank_account");
  return {text(a, "company"), text(a, "account"), text(a, "bank")};
}

}  // namespace

const FeePeriod* FeeSchedule::period(int months) const {
  for (const auto& p : periods)
    if (p.period_months == months) return &p;
  return nullptr;
}

ServiceInfo parse_service_info(const json& j) {
  ServiceInfo info;
  info.api_version = static_cast<int>(integer(j, "api_version"));
  auto time = parse_utc_iso(text(j, "server_time"));
  if (!time) bad("server_time", "a UTC time");
  info.server_time = *time;
  const json& name = member(j, "service_name");
  info.service_name = {text(name, "zh-CN"), text(name, "en")};
  const json& ca = member(j, "ca");
  info.ca_subject = text(ca, "subject");
  try {
    info.ca_certificate = from_base64(text(ca, "certificate"));
  } catch (const std::invalid_argument&) {
    bad("ca.certificate", "base64 DER");
  }
  info.agreement_version = text(member(j, "agreement"), "version");
  info.renewal_window_days = static_cast<int>(integer(j, "renewal_window_days"));
  const json& types = member(j, "allowed_key_types");
  if (!types.is_array()) bad("allowed_key_types", "a list");
  for (const json& t : types) {
    if (!t.is_string()) bad("allowed_key_types", "a list of text");
    info.allowed_key_types.push_back(t.get<std::string>());
  }
  info.allow_key_reuse = flag(j, "allow_key_reuse");
  info.sm2_signer_id = text(j, "sm2_signer_id");
  info.max_clock_skew_seconds = static_cast<int>(integer(j, "max_clock_skew_seconds"));
  return info;
}

AgreementText parse_agreement(const json& j) {
  return {text(j, "version"), text(j, "language"), text(j, "sha256"), text(j, "text")};
}

FeeSchedule parse_fee_schedule(const json& j) {
  FeeSchedule fees;
  fees.currency = text(j, "currency");
  const json& periods = member(j, "periods");
  if (!periods.is_array()) bad("periods", "a list");
  for (const json& p : periods) fees.periods.push_back(parse_period(p));
  fees.delivery = localized(j, "delivery");
  fees.invoice_type = localized(j, "invoice_type");
  fees.bank_account = parse_bank_account(j);
  return fees;
}

BankTransferRecord bank_transfer_from_json(const json& j) {
  BankTransferRecord r;
  r.payer_account = text(j, "payer_account");
  r.payer_name = text(j, "payer_name");
  if (j.contains("amount_fen"))
    r.amount = forms::Money::from_fen(integer(j, "amount_fen")).to_string();
  else
    r.amount = text(j, "amount");
  r.paid_on = text(j, "paid_on");
  r.remarks = text_or(j, "remarks");
  return r;
}

json to_json(const BankTransferRecord& r) {
  return {{"payer_account", r.payer_account},
          {"payer_name", r.payer_name},
          {"amount", r.amount},
          {"paid_on", r.paid_on},
          {"remarks", r.remarks}};
}

ApplicationView parse_application_view(const json& j) {
  ApplicationView v;
  v.raw = j;
  v.business_no = text(j, "business_no");
  const json& state = member(j, "state");
  auto s = protocol::parse_business_state(text(state, "code"));
  if (!s) bad("state.code", "a known business state");
  v.state = *s;
  v.state_label = {text(state, "zh"), text(state, "en")};
  const json& pay = member(j, "payment_state");
  auto p = protocol::parse_payment_state(text(pay, "code"));
  if (!p) bad("payment_state.code", "a known payment state");
  v.payment_state = *p;
  v.payment_label = {text(pay, "zh"), text(pay, "en")};
  v.created_at = text(j, "created_at");
  v.updated_at = text(j, "updated_at");
  v.period_months = static_cast<int>(integer(j, "period_months"));
  const json& cert = member(j, "certificate");
  v.certificate_subject = text(cert, "subject");
  v.certificate_serial = text(cert, "serial");
  v.certificate_not_after = text(cert, "not_after");
  const json& recipient = member(j, "recipient");
  v.recipient_name = text(recipient, "name");
  v.recipient_mobile = text(recipient, "mobile");
  v.recipient_address = text(recipient, "address");
  const json& order = member(j, "order");
  v.order.order_no = text(order, "order_no");
  v.order.trade_type = localized(order, "trade_type");
  v.order.trade_state = localized(order, "trade_state");
  v.order.order_state = localized(order, "order_state");
  v.order.created_at = text(order, "created_at");
  v.fees = parse_period(member(j, "fees"));
  v.total = fen(j, "total_fen");
  v.delivery = localized(j, "delivery");
  v.invoice_type = localized(j, "invoice_type");
  v.bank_account = parse_bank_account(j);
  if (j.contains("bank_transfers")) {
    const json& list = j.at("bank_transfers");
    if (!list.is_array()) bad("bank_transfers", "a list");
    for (const json& r : list) v.bank_transfers.push_back(bank_transfer_from_json(r));
  }
  v.review_expectation = localized_or_empty(j, "review_expectation");
  const json& actions = member(j, "actions");
  v.actions = {flag(actions, "cancel"), flag(actions, "bank_transfer"), flag(actions, "pay_online"),
               flag(actions, "install")};
  v.reject_reason = text_or(j, "reject_reason");
  return v;
}

OnlinePayment parse_online_payment(const json& j) {
  return {text(j, "payment_id"), fen(j, "amount_fen"), text(j, "pay_url"), text(j, "qr_text"),
          text(j, "gateway")};
}

}  // namespace certrenew::client
