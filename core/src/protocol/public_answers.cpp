#include "certrenew/core/protocol/public_answers.hpp"

#include "certrenew/core/protocol/requests.hpp"

namespace certrenew::protocol {

using nlohmann::json;

namespace {

constexpr std::int64_t kMaxCount = 1'000'000;

FeeItem decode_fee_item(const Field& f) {
  FeeItem item;
  item.code = f.at("code").text();
  item.name = {f.at("name_zh").text(), f.at("name_en").text()};
  item.unit_price = f.at("unit_price_fen").money_fen();
  item.unit = f.at("unit").text();
  item.quantity = f.at("quantity").small_integer(0, kMaxCount);
  item.subtotal = f.at("subtotal_fen").money_fen();
  return item;
}

json encode(const FeeItem& i) {
  return {{"code", i.code},
          {"name_zh", i.name.zh},
          {"name_en", i.name.en},
          {"unit_price_fen", i.unit_price.fen()},
          {"unit", i.unit},
          {"quantity", i.quantity},
          {"subtotal_fen", i.subtotal.fen()}};
}

}  // namespace

LocalizedText decode_localized_text(const Field& f) {
  return {f.at("zh").text(), f.at("en").text()};
}

json encode(const LocalizedText& t) {
  return {{"zh", t.zh}, {"en", t.en}};
}

CodedText decode_coded_text(const Field& f) {
  CodedText t;
  static_cast<LocalizedText&>(t) = decode_localized_text(f);
  t.code = f.text_or_empty("code", 128);
  return t;
}

json encode(const CodedText& t) {
  json j = encode(static_cast<const LocalizedText&>(t));
  j["code"] = t.code;
  return j;
}

ServiceInfo decode_service_info(const json& j) {
  const Field root(j);
  ServiceInfo info;
  info.api_version = root.at("api_version").small_integer(0, kMaxCount);
  info.server_time = root.at("server_time").time();
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
  if (auto dual = root.find("dual_certificates")) info.dual_certificates = dual->text(32);
  return info;
}

json encode(const ServiceInfo& i) {
  return {{"api_version", i.api_version},
          {"service_name", {{"zh-CN", i.service_name.zh}, {"en", i.service_name.en}}},
          {"server_time", i.server_time.iso()},
          {"ca", {{"subject", i.ca_subject}, {"certificate", to_base64(i.ca_certificate)}}},
          {"agreement", {{"version", i.agreement_version}}},
          {"renewal_window_days", i.renewal_window_days},
          {"allowed_key_types", i.allowed_key_types},
          {"allow_key_reuse", i.allow_key_reuse},
          {"sm2_signer_id", i.sm2_signer_id},
          {"max_clock_skew_seconds", i.max_clock_skew_seconds},
          {"dual_certificates", i.dual_certificates}};
}

AgreementText decode_agreement_text(const json& j) {
  const Field root(j);
  return {root.at("version").text(), root.at("language").text(), root.at("sha256").text(),
          root.at("text").text(1024 * 1024)};
}

json encode(const AgreementText& a) {
  return {{"version", a.version}, {"language", a.language}, {"sha256", a.sha256}, {"text", a.text}};
}

FeePeriod decode_fee_period(const Field& f) {
  FeePeriod period;
  period.period_months = f.at("period_months").small_integer(1, kMaxPeriodMonths);
  period.total = f.at("total_fen").money_fen();
  if (auto items = f.find("items"))
    for (const Field& item : items->items()) period.items.push_back(decode_fee_item(item));
  return period;
}

json encode(const FeePeriod& p) {
  json j = {{"period_months", p.period_months}, {"total_fen", p.total.fen()}};
  if (!p.items.empty()) {
    json items = json::array();
    for (const FeeItem& i : p.items) items.push_back(encode(i));
    j["items"] = std::move(items);
  }
  return j;
}

BankAccount decode_bank_account(const Field& f) {
  return {f.at("company").text(), f.at("account").text(), f.at("bank").text()};
}

json encode(const BankAccount& a) {
  return {{"company", a.company}, {"account", a.account}, {"bank", a.bank}};
}

const FeePeriod* FeeSchedule::period(int months) const {
  for (const auto& p : periods)
    if (p.period_months == months) return &p;
  return nullptr;
}

FeeSchedule decode_fee_schedule(const json& j) {
  const Field root(j);
  FeeSchedule fees;
  fees.currency = root.at("currency").text();
  if (auto price = root.find("price_per_year_fen")) fees.price_per_year = price->money_fen();
  for (const Field& p : root.at("periods").items()) fees.periods.push_back(decode_fee_period(p));
  fees.delivery = decode_coded_text(root.at("delivery"));
  fees.invoice_type = decode_coded_text(root.at("invoice_type"));
  fees.bank_account = decode_bank_account(root.at("bank_account"));
  return fees;
}

json encode(const FeeSchedule& f) {
  json periods = json::array();
  for (const FeePeriod& p : f.periods) periods.push_back(encode(p));
  return {{"currency", f.currency},
          {"price_per_year_fen", f.price_per_year.fen()},
          {"periods", std::move(periods)},
          {"delivery", encode(f.delivery)},
          {"invoice_type", encode(f.invoice_type)},
          {"bank_account", encode(f.bank_account)}};
}

ErrorAnswer decode_error_answer(const json& j) {
  const Field e = Field(j).at("error");
  ErrorAnswer error;
  error.code = e.at("code").text(128);
  error.message = e.at("message").text(4096);
  error.message_zh = e.text_or_empty("message_zh", 64 * 1024);
  if (auto details = e.find("details")) error.details = details->raw();
  return error;
}

json encode(const ErrorAnswer& error) {
  json e = {{"code", error.code}, {"message", error.message}, {"message_zh", error.message_zh}};
  if (!error.details.is_null()) e["details"] = error.details;
  return {{"error", std::move(e)}};
}

}  // namespace certrenew::protocol
