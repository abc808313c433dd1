#include "certrenew/core/protocol/application_answers.hpp"

#include <limits>

namespace certrenew::protocol {

using nlohmann::json;

namespace {

template <typename State>
State state_code(const Field& f, std::optional<State> (*parse)(std::string_view)) {
  auto s = parse(f.text(64));
  if (!s) f.fail("not a known state");
  return *s;
}

template <typename State>
json encode_state(State state, const LocalizedText& label) {
  json j = encode(label);
  j["code"] = code(state);
  return j;
}

OnlinePaymentEntry decode_online_payment_entry(const Field& f) {
  return {f.at("payment_id").text(256),     f.at("amount_fen").money_fen(),
          decode_coded_text(f.at("state")), f.at("created_at").text(64),
          f.text_or_empty("expires_at"),    f.text_or_empty("gateway_ref")};
}

json encode(const OnlinePaymentEntry& p) {
  json j = {{"payment_id", p.payment_id},
            {"amount_fen", p.amount.fen()},
            {"state", encode(p.state)},
            {"created_at", p.created_at}};
  if (!p.expires_at.empty()) j["expires_at"] = p.expires_at;
  if (!p.gateway_ref.empty()) j["gateway_ref"] = p.gateway_ref;
  return j;
}

OrderDetails decode_order(const Field& f) {
  return {f.at("order_no").text(64), decode_localized_text(f.at("trade_type")),
          decode_coded_text(f.at("trade_state")), decode_localized_text(f.at("order_state")),
          f.at("created_at").text(64)};
}

json encode(const OrderDetails& o) {
  return {{"order_no", o.order_no},
          {"trade_type", encode(o.trade_type)},
          {"trade_state", encode(o.trade_state)},
          {"order_state", encode(o.order_state)},
          {"created_at", o.created_at}};
}

}  // namespace

RecordedTransfer decode_recorded_transfer(const Field& f) {
  return {f.at("payer_account").text(), f.at("payer_name").text(), f.at("amount_fen").money_fen(),
          f.at("paid_on").text(64), f.text_or_empty("remarks")};
}

json encode(const RecordedTransfer& t) {
  return {{"payer_account", t.payer_account},
          {"payer_name", t.payer_name},
          {"amount_fen", t.amount.fen()},
          {"paid_on", t.paid_on},
          {"remarks", t.remarks}};
}

BankTransferRecord RecordedTransfer::as_request() const {
  return {payer_account, payer_name, amount.to_string(), paid_on, remarks};
}

std::vector<BankTransferRecord> as_requests(const std::vector<RecordedTransfer>& recorded) {
  std::vector<BankTransferRecord> out;
  for (const auto& t : recorded) out.push_back(t.as_request());
  return out;
}

LocalizedText labels(BusinessState state) {
  return {std::string(label_zh(state)), std::string(label_en(state))};
}

LocalizedText labels(PaymentState state) {
  return {std::string(label_zh(state)), std::string(label_en(state))};
}

json encode_state(BusinessState state) {
  return encode_state(state, labels(state));
}

json encode_state(PaymentState state) {
  return encode_state(state, labels(state));
}

BusinessState decode_business_state(const Field& state) {
  return state_code(state.at("code"), parse_business_state);
}

PaymentState decode_payment_state(const Field& state) {
  return state_code(state.at("code"), parse_payment_state);
}

OnlinePayment decode_online_payment(const Field& f) {
  return {f.at("payment_id").text(256), f.at("amount_fen").money_fen(), f.at("pay_url").text(),
          f.at("qr_text").text(),       f.text_or_empty("expires_at"),  f.text_or_empty("gateway")};
}

json encode(const OnlinePayment& p) {
  json j = {{"payment_id", p.payment_id},
            {"amount_fen", p.amount.fen()},
            {"pay_url", p.pay_url},
            {"qr_text", p.qr_text},
            {"expires_at", p.expires_at}};
  if (!p.gateway.empty()) j["gateway"] = p.gateway;
  return j;
}

ApplicationView decode_application_view(const Field& root) {
  ApplicationView v;
  v.business_no = root.at("business_no").text(64);
  const Field state = root.at("state");
  v.state = state_code(state.at("code"), parse_business_state);
  v.state_label = decode_localized_text(state);
  const Field pay = root.at("payment_state");
  v.payment_state = state_code(pay.at("code"), parse_payment_state);
  v.payment_label = decode_localized_text(pay);
  v.created_at = root.at("created_at").text(64);
  v.updated_at = root.at("updated_at").text(64);
  v.period_months = root.at("period_months").small_integer(1, kMaxPeriodMonths);
  const Field cert = root.at("certificate");
  v.certificate_subject = cert.at("subject").text();
  v.certificate_serial = cert.at("serial").text();
  v.certificate_not_after = cert.at("not_after").text(64);
  if (auto op = root.find("operator")) v.operator_info = decode_operator_info(*op);
  const Field recipient = root.at("recipient");
  v.recipient_name = recipient.at("name").text();
  v.recipient_mobile = recipient.at("mobile").text();
  v.recipient_address = recipient.at("address").text();
  v.order = decode_order(root.at("order"));
  v.fees = decode_fee_period(root.at("fees"));
  v.total = root.at("total_fen").money_fen();
  v.delivery = decode_coded_text(root.at("delivery"));
  v.invoice_type = decode_coded_text(root.at("invoice_type"));
  v.bank_account = decode_bank_account(root.at("bank_account"));
  if (auto list = root.find("bank_transfers"))
    for (const Field& t : list->items(kMaxBankTransfers))
      v.bank_transfers.push_back(decode_recorded_transfer(t));
  if (auto review = root.find("review_expectation"))
    v.review_expectation = decode_localized_text(*review);
  const Field actions = root.at("actions");
  v.actions = {actions.at("cancel").boolean(), actions.at("bank_transfer").boolean(),
               actions.at("pay_online").boolean(), actions.at("install").boolean()};
  v.reject_reason = root.text_or_empty("reject_reason");
  if (auto issuance = root.find("issuance")) v.issuance = decode_coded_text(*issuance);
  if (auto live = root.find("online_payment")) v.online_payment = decode_online_payment(*live);
  if (auto list = root.find("online_payments"))
    for (const Field& p : list->items(kMaxListedItems))
      v.online_payments.push_back(decode_online_payment_entry(p));
  if (auto refund = root.find("refund_due_fen")) v.refund_due = refund->money_fen();
  return v;
}

json encode(const ApplicationView& v) {
  json transfers = json::array();
  for (const auto& t : v.bank_transfers) transfers.push_back(encode(t));
  json payments = json::array();
  for (const auto& p : v.online_payments) payments.push_back(encode(p));
  json out = {{"business_no", v.business_no},
              {"state", encode_state(v.state, v.state_label)},
              {"payment_state", encode_state(v.payment_state, v.payment_label)},
              {"created_at", v.created_at},
              {"updated_at", v.updated_at},
              {"period_months", v.period_months},
              {"certificate",
               {{"serial", v.certificate_serial},
                {"subject", v.certificate_subject},
                {"not_after", v.certificate_not_after}}},
              {"operator", encode(v.operator_info)},
              {"recipient",
               encode(RecipientInfo{v.recipient_name, v.recipient_mobile, v.recipient_address})},
              {"order", encode(v.order)},
              {"fees", encode(v.fees)},
              {"total_fen", v.total.fen()},
              {"delivery", encode(v.delivery)},
              {"invoice_type", encode(v.invoice_type)},
              {"bank_account", encode(v.bank_account)},
              {"bank_transfers", transfers},
              {"review_expectation", encode(v.review_expectation)},
              {"actions",
               {{"cancel", v.actions.cancel},
                {"bank_transfer", v.actions.bank_transfer},
                {"pay_online", v.actions.pay_online},
                {"install", v.actions.install}}},
              {"online_payments", payments},
              {"refund_due_fen", v.refund_due.fen()}};
  if (!v.reject_reason.empty()) out["reject_reason"] = v.reject_reason;
  if (v.issuance) out["issuance"] = encode(*v.issuance);
  if (v.online_payment) out["online_payment"] = encode(*v.online_payment);
  return out;
}

CertificateDownload decode_certificate_download(const Field& root) {
  CertificateDownload d;
  d.business_no = root.at("business_no").text(64);
  d.certificate = root.at("certificate").base64(64 * 1024);
  for (const Field& c : root.at("chain").items(10)) d.chain.push_back(c.base64(64 * 1024));
  auto dual = decode_dual_certificate_download(root);
  d.encryption = std::move(dual.encryption);
  d.recovered = std::move(dual.recovered);
  return d;
}

json encode(const CertificateDownload& d) {
  json chain = json::array();
  for (const Bytes& c : d.chain) chain.push_back(to_base64(c));
  json out = {
      {"business_no", d.business_no}, {"certificate", to_base64(d.certificate)}, {"chain", chain}};
  add_to_answer(DualCertificateDownload{d.encryption, d.recovered}, out);  // issue 21
  return out;
}

OperatorApplicationView decode_operator_application_view(const Field& root) {
  OperatorApplicationView o;
  o.view = decode_application_view(root);
  for (const Field& e : root.at("events").items(kMaxListedItems))
    o.events.push_back(
        {e.at("at").text(64), e.at("actor").text(), e.at("kind").text(256), e.at("detail").text()});
  const Field agreement = root.at("agreement");
  o.agreement = {agreement.at("version").text(256), agreement.at("sha256").text(128)};
  if (auto notifications = root.find("notifications")) {
    notifications->items(kMaxListedItems);  // a list; its entries are the notifier's
    o.notifications = notifications->raw();
  }
  if (auto jobs = root.find("issuer_jobs"))
    for (const Field& j : jobs->items(kMaxListedItems))
      o.issuer_jobs.push_back(
          {j.at("kind").text(64), j.at("state").text(64),
           j.at("attempts").integer(0, std::numeric_limits<std::int64_t>::max()),
           j.at("next_attempt_at").text(64), j.at("last_error").text()});
  return o;
}

json encode(const OperatorApplicationView& o) {
  json out = encode(o.view);
  json events = json::array();
  for (const auto& e : o.events)
    events.push_back({{"at", e.at}, {"actor", e.actor}, {"kind", e.kind}, {"detail", e.detail}});
  json jobs = json::array();
  for (const auto& j : o.issuer_jobs)
    jobs.push_back({{"kind", j.kind},
                    {"state", j.state},
                    {"attempts", j.attempts},
                    {"next_attempt_at", j.next_attempt_at},
                    {"last_error", j.last_error}});
  out["events"] = events;
  out["agreement"] = {{"version", o.agreement.version}, {"sha256", o.agreement.sha256}};
  out["notifications"] = o.notifications;
  out["issuer_jobs"] = jobs;
  return out;
}

std::vector<ApplicationListEntry> decode_application_list(const Field& root) {
  std::vector<ApplicationListEntry> out;
  for (const Field& a : root.at("applications").items(kMaxListedItems))
    out.push_back({a.at("business_no").text(64), decode_business_state(a.at("state")),
                   decode_payment_state(a.at("payment_state")), a.at("total_fen").money_fen(),
                   a.at("created_at").text(64)});
  return out;
}

json encode(const std::vector<ApplicationListEntry>& list) {
  json out = json::array();
  for (const auto& a : list)
    out.push_back({{"business_no", a.business_no},
                   {"state", encode_state(a.state)},
                   {"payment_state", encode_state(a.payment_state)},
                   {"total_fen", a.total.fen()},
                   {"created_at", a.created_at}});
  return {{"applications", out}};
}

}  // namespace certrenew::protocol
