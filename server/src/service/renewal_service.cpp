#include "service/renewal_service.hpp"

#include <openssl/x509.h>

#include <ctime>
#include <fstream>
#include <iomanip>
#include <sstream>

#include "certrenew/core/bytes.hpp"
#include "certrenew/core/pki/csr.hpp"
#include "certrenew/core/pki/signed_data.hpp"
#include "certrenew/core/protocol/states.hpp"
#include "certrenew/core/x509/certificate.hpp"
#include "service/api_error.hpp"
#include "service/capability.hpp"
#include "service/digest.hpp"
#include "service/form_check.hpp"
#include "service/intake_policy.hpp"
#include "service/numbering.hpp"
#include "service/revocation_policy.hpp"

namespace certrenew::server {

using nlohmann::json;
using protocol::BusinessState;
using protocol::PaymentState;

namespace {

constexpr std::string_view kApplicationType = "certrenew.renewal-application";

std::string iso_utc(std::int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::ostringstream out;
  out << std::put_time(&tm, "%Y-%m-%dT%H:%M:%SZ");
  return out.str();
}

std::optional<std::int64_t> parse_iso_utc(const std::string& text) {
  std::tm tm{};
  std::istringstream in(text);
  in >> std::get_time(&tm, "%Y-%m-%dT%H:%M:%SZ");
  if (in.fail() || in.peek() != std::char_traits<char>::eof()) return std::nullopt;
  return static_cast<std::int64_t>(timegm(&tm));
}

std::int64_t to_unix(x509::TimePoint t) {
  return t.time_since_epoch().count();
}

json state_json(BusinessState s) {
  return {
      {"code", protocol::code(s)}, {"zh", protocol::label_zh(s)}, {"en", protocol::label_en(s)}};
}
json state_json(PaymentState s) {
  return {
      {"code", protocol::code(s)}, {"zh", protocol::label_zh(s)}, {"en", protocol::label_en(s)}};
}

BusinessState business(const ApplicationRecord& r) {
  return *protocol::parse_business_state(r.state);
}
PaymentState payment(const ApplicationRecord& r) {
  return *protocol::parse_payment_state(r.payment_state);
}

ApiError bad_request(const std::string& code, const std::string& en, const std::string& zh) {
  return ApiError(400, code, en, zh);
}

ApiError invalid_state(const ApplicationRecord& r, const std::string& action_en,
                       const std::string& action_zh) {
  auto s = business(r);
  auto p = payment(r);
  return ApiError(409, "invalid_state",
                  "cannot " + action_en + " while the application is " +
                      std::string(protocol::label_en(s)) + " / " +
                      std::string(protocol::label_en(p)),
                  "申请当前状态为" + std::string(protocol::label_zh(s)) + "/" +
                      std::string(protocol::label_zh(p)) + "，不能" + action_zh);
}

// Maps a verification failure of the signed application to the API's error.
ApiError signed_data_error(const pki::PkiError& e) {
  using pki::PkiErrc;
  switch (e.code()) {
    case PkiErrc::not_trusted:
      return ApiError(403, "certificate_not_ours",
                      "the signing certificate was not issued by this CA: " + std::string(e.what()),
                      "签名证书不是本机构签发的");
    case PkiErrc::bad_signature:
    case PkiErrc::digest_mismatch:
      return ApiError(400, "bad_signature", "the application's signature does not verify",
                      "申请的签名验证失败");
    case PkiErrc::signer_certificate_missing:
      return ApiError(400, "signer_certificate_missing",
                      "the signed application does not carry the signing certificate",
                      "签名数据中缺少签名证书");
    case PkiErrc::unsupported_algorithm:
      return ApiError(400, "unsupported_algorithm", e.what(), "不支持的签名算法");
    default:
      return ApiError(400, "malformed_signed_data",
                      "the signed application is not valid SignedData: " + std::string(e.what()),
                      "签名数据格式错误");
  }
}

const json& member(const json& j, const char* key, json::value_t type, const std::string& where) {
  if (!j.is_object() || !j.contains(key) || j.at(key).type() != type)
    throw ApiError(400, "malformed_application",
                   where + "." + key + " is missing or of the wrong type",
                   "申请内容缺少字段或字段类型错误：" + where + "." + key);
  return j.at(key);
}

}  // namespace

std::vector<std::uint8_t> read_secret_file(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string hex;
  if (!in || !(in >> hex)) throw std::runtime_error("cannot read the secret " + file.string());
  try {
    auto key = from_hex(hex);
    if (key.size() < 32) throw std::invalid_argument("shorter than 32 bytes");
    return key;
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error(file.string() + " is not a usable secret: " + e.what());
  }
}

RenewalService::RenewalService(ServerConfig config, std::unique_ptr<Store> store, Now now)
    : config_(std::move(config)),
      store_(std::move(store)),
      now_(std::move(now)),
      ca_(CertificateAuthority::load(config_.ca_certificate, config_.ca_private_key)),
      agreement_(Agreement::load(config_.agreement_version, config_.agreement_files)),
      capability_key_(read_secret_file(config_.capability_key)) {
  ca_.set_crl_distribution_point(config_.crl.url);
}

std::int64_t RenewalService::now_unix() const {
  return std::chrono::duration_cast<std::chrono::seconds>(now_().time_since_epoch()).count();
}

std::string RenewalService::capability_for(const std::string& business_no) const {
  return hmac_sha256_b64url(capability_key_, "capability:v1:" + business_no);
}

json RenewalService::info() const {
  auto ca = x509::parse_certificate(ca_.certificate_der());
  return {{"api_version", 1},
          {"service_name", config_.service_name},
          {"server_time", iso_utc(now_unix())},
          {"ca",
           {{"subject", ca.subject.display()}, {"certificate", to_base64(ca_.certificate_der())}}},
          {"agreement", {{"version", agreement_.version()}}},
          {"renewal_window_days", config_.policy.renewal_window_days},
          {"allowed_key_types", config_.policy.allowed_key_types},
          {"allow_key_reuse", config_.policy.allow_key_reuse},
          {"sm2_signer_id", std::string(kDefaultSm2SignerId)},
          {"max_clock_skew_seconds", config_.policy.max_clock_skew_seconds}};
}

json RenewalService::agreement(const std::string& language) const {
  const auto& t = agreement_.text(language);
  return {{"version", agreement_.version()},
          {"language", t.language},
          {"sha256", t.sha256},
          {"text", t.body}};
}

json RenewalService::fees() const {
  json j = config_.fees.to_json();
  j["bank_account"] = {{"company", config_.bank_account.company},
                       {"account", config_.bank_account.account},
                       {"bank", config_.bank_account.bank}};
  return j;
}

Submission RenewalService::submit(const std::vector<std::uint8_t>& signed_application) {
  const std::string request_hash = sha256_hex(signed_application);
  const std::int64_t now = now_unix();

  // The same signed request twice: the same application, not a second one.
  Submission result;
  bool replay = false;
  store_->transact([&](StoreTx& tx) {
    if (auto existing = tx.application_by_request(request_hash)) {
      if (!capability_live(*existing, config_.policy, now)) throw_application_ended(*existing);
      result.application = view(tx, *existing, false);
      result.capability_token = capability_for(existing->business_no);
      replay = true;
    }
  });
  if (replay) return result;

  // The signature first, then the certificate's dates (an expired certificate is told "service
  // hall" rather than "not ours"), then its chain to this CA at the current time.
  pki::VerifiedSignedData verified;
  try {
    verified = pki::verify_signed_data(signed_application);
  } catch (const pki::PkiError& e) {
    throw signed_data_error(e);
  }
  x509::Certificate old = x509::parse_certificate(verified.signer_certificate_der);
  if (to_unix(old.not_after) < now)
    throw ApiError(403, "certificate_expired",
                   "the certificate has expired; renew it at the service hall",
                   "证书已过期，不能在线续期，请到营业厅办理");
  if (to_unix(old.not_before) > now)
    throw ApiError(403, "certificate_not_yet_valid", "the certificate is not valid yet",
                   "证书尚未生效");
  const std::int64_t window = std::int64_t{config_.policy.renewal_window_days} * 86400;
  if (to_unix(old.not_after) - now > window)
    throw ApiError(
        403, "renewal_window_not_open",
        "online renewal opens " + std::to_string(config_.policy.renewal_window_days) +
            " days before the certificate expires",
        "证书到期前" + std::to_string(config_.policy.renewal_window_days) + "天内方可在线续期");

  pki::TrustOptions trust;
  trust.anchors.push_back(ca_.certificate_der());
  trust.at = now_();
  if (pki::ChainCheck chain = pki::check_chain(old.der, trust); !chain.trusted)
    throw ApiError(403, "certificate_not_ours",
                   "the signing certificate was not issued by this CA: " + chain.reason,
                   "签名证书不是本机构签发的");
  check_applying_certificate(old.der);

  json content;
  try {
    content = json::parse(verified.content.begin(), verified.content.end());
  } catch (const json::parse_error&) {
    throw bad_request("malformed_application", "the signed content is not JSON",
                      "申请内容不是有效的 JSON");
  }
  if (member(content, "type", json::value_t::string, "application") != kApplicationType ||
      !content.contains("version") || content.at("version") != 1)
    throw bad_request("malformed_application", "not a version-1 renewal application",
                      "不是受支持的续期申请格式");

  // Freshness: the time must be close to ours and the nonce new.
  auto sent_at = parse_iso_utc(
      member(content, "time", json::value_t::string, "application").get<std::string>());
  if (!sent_at)
    throw bad_request("malformed_application", "application.time must be yyyy-mm-ddThh:mm:ssZ",
                      "申请时间格式错误");
  if (std::llabs(*sent_at - now) > config_.policy.max_clock_skew_seconds)
    throw ApiError(
        400, "stale_request",
        "the application's time is too far from the server's; check this computer's clock",
        "申请时间与服务器时间相差过大，请检查本机时钟");
  const std::string nonce =
      member(content, "nonce", json::value_t::string, "application").get<std::string>();
  if (nonce.size() < 16 || nonce.size() > 128)
    throw bad_request("malformed_application", "application.nonce must have 16 to 128 characters",
                      "申请随机数长度错误");

  const int period =
      member(content, "period_months", json::value_t::number_unsigned, "application").get<int>();
  auto quote = config_.fees.quote(period);
  if (!quote)
    throw bad_request("period_not_offered", "that renewal period is not offered",
                      "不提供该续期时长");

  const json& agreement = member(content, "agreement", json::value_t::object, "application");
  if (!agreement_.matches(
          member(agreement, "version", json::value_t::string, "agreement").get<std::string>(),
          member(agreement, "sha256", json::value_t::string, "agreement").get<std::string>()))
    throw ApiError(409, "agreement_outdated",
                   "the accepted agreement is not the current version; read and accept it again",
                   "所接受的服务协议不是当前版本，请重新阅读并接受");

  // The new key's request.
  Bytes csr_der;
  try {
    csr_der = from_base64(
        member(content, "csr", json::value_t::string, "application").get<std::string>());
  } catch (const std::invalid_argument&) {
    throw bad_request("malformed_application", "application.csr is not base64", "证书请求编码错误");
  }
  pki::CsrInfo csr;
  try {
    csr = pki::verify_csr(csr_der);
  } catch (const pki::PkiError& e) {
    throw ApiError(400, "bad_csr", "the certificate request is invalid: " + std::string(e.what()),
                   "证书请求无效");
  }
  if (csr.subject_der != old.subject.der)
    throw ApiError(400, "subject_mismatch",
                   "the certificate request's subject differs from the current certificate's",
                   "证书请求的主题与原证书不一致");
  const std::string key_fingerprint = check_new_key(config_.policy, old.der, csr.spki_der);

  json form = check_application_form(content);  // throws ApiError(422) with every bad field

  store_->transact([&](StoreTx& tx) {
    // The same request may have been accepted by a concurrent call since the check above.
    if (auto existing = tx.application_by_request(request_hash)) {
      if (!capability_live(*existing, config_.policy, now)) throw_application_ended(*existing);
      result.application = view(tx, *existing, false);
      result.capability_token = capability_for(existing->business_no);
      return;
    }
    admit_application(tx, config_.policy, {old.serial_hex, key_fingerprint}, now);
    if (auto open = tx.open_application_for(old.serial_hex))
      throw ApiError(409, "application_open",
                     "this certificate already has an open application: " + open->business_no,
                     "该证书已有未完成的续期申请：" + open->business_no,
                     {{"business_no", open->business_no}});
    if (!tx.claim_nonce(nonce, now + 2 * std::int64_t{config_.policy.max_clock_skew_seconds}, now))
      throw ApiError(409, "replayed", "this application's nonce was used before", "重复提交的申请");

    const ApplicationNumbers numbers = allocate_application_numbers(tx, now);
    ApplicationRecord r;
    r.business_no = numbers.business_no;
    r.order_no = numbers.order_no;
    r.request_sha256 = request_hash;
    r.state = protocol::code(BusinessState::entered);
    r.payment_state = protocol::code(PaymentState::unpaid);
    r.old_cert_serial = old.serial_hex;
    r.old_cert_der = old.der;
    r.old_not_after = to_unix(old.not_after);
    r.csr_der = csr_der;
    r.period_months = period;
    r.total_fen = quote->total_fen;
    r.form_json = form.dump();
    r.agreement_version = agreement.at("version");
    r.agreement_sha256 = agreement.at("sha256");
    r.created_at = r.updated_at = now;
    r.id = tx.insert_application(r);
    tx.append_event(r.id,
                    {now, "applicant", "created", "period " + std::to_string(period) + " months"});
    if (quote->total_fen == 0) {  // nothing to pay: straight to review
      r.payment_state = protocol::code(PaymentState::paid);
      r.state = protocol::code(BusinessState::under_review);
      tx.update_application(r);
    }
    result.created = true;
    result.capability_token = capability_for(r.business_no);
    result.application = view(tx, r, false);
  });
  return result;
}

ApplicationRecord RenewalService::authorised(StoreTx& tx, const std::string& business_no,
                                             const std::string& capability) {
  // Unknown numbers and wrong tokens get the same answer, so numbers cannot be probed.
  auto r = tx.application_by_business_no(business_no);
  if (!r || !equal_secret(capability, capability_for(business_no)) ||
      !capability_live(*r, config_.policy, now_unix()))
    throw ApiError(404, "not_found", "no such application for this capability token",
                   "未找到该申请或无权访问");
  return *r;
}

json RenewalService::status(const std::string& business_no, const std::string& capability) {
  json out;
  store_->transact(
      [&](StoreTx& tx) { out = view(tx, authorised(tx, business_no, capability), false); });
  return out;
}

json RenewalService::cancel(const std::string& business_no, const std::string& capability) {
  json out;
  store_->transact([&](StoreTx& tx) {
    auto r = authorised(tx, business_no, capability);
    if (!protocol::can_cancel(business(r), payment(r)))
      throw invalid_state(r, "cancel", "撤销申请");
    r.state = protocol::code(BusinessState::cancelled);
    r.updated_at = now_unix();
    tx.update_application(r);
    tx.append_event(r.id, {r.updated_at, "applicant", "cancelled", ""});
    out = view(tx, r, false);
  });
  return out;
}

json RenewalService::save_bank_transfers(const std::string& business_no,
                                         const std::string& capability, const json& records) {
  std::vector<BankTransferRecord> transfers = check_bank_transfers(records, now_());
  json out;
  store_->transact([&](StoreTx& tx) {
    auto r = authorised(tx, business_no, capability);
    if (!protocol::can_record_bank_transfer(business(r), payment(r)))
      throw invalid_state(r, "record a bank transfer", "登记银行转账");
    tx.replace_bank_transfers(r.id, transfers);
    r.payment_state =
        protocol::code(transfers.empty() ? PaymentState::unpaid : PaymentState::confirming);
    r.updated_at = now_unix();
    tx.update_application(r);
    tx.append_event(r.id, {r.updated_at, "applicant", "bank_transfer_saved",
                           std::to_string(transfers.size()) + " record(s)"});
    out = view(tx, r, false);
  });
  return out;
}

json RenewalService::start_online_payment(const std::string& business_no,
                                          const std::string& capability,
                                          const std::string& /*public_base_url*/) {
  OnlinePaymentRecord p;
  std::string number;
  store_->transact([&](StoreTx& tx) {
    auto r = authorised(tx, business_no, capability);
    if (!gateway_)
      throw ApiError(409, "online_payment_unavailable",
                     "this service takes no online payments; pay by bank transfer",
                     "本服务不支持在线支付，请使用银行转账");
    if (!protocol::can_pay_online(business(r), payment(r)))
      throw invalid_state(r, "pay online", "在线支付");
    p.id = "P" + to_hex(random_bytes(12));
    p.application_id = r.id;
    p.amount_fen = r.total_fen;
    p.state = "pending";
    p.created_at = p.updated_at = now_unix();
    number = r.business_no;
    tx.put_online_payment(p);
    tx.append_event(r.id, {p.created_at, "applicant", "online_payment_started", p.id});
  });
  // The gateway is asked outside the transaction: a real one is a network call.
  PaymentStart started = gateway_->start({p.id, p.amount_fen, number});
  return {{"payment_id", p.id},
          {"amount_fen", p.amount_fen},
          {"pay_url", started.pay_url},
          {"qr_text", started.qr_text},
          {"gateway", gateway_->name()}};
}

json RenewalService::payment_notification(const GatewayCallback& callback) {
  if (!gateway_) throw ApiError(404, "no_such_endpoint", "no payment gateway", "未配置支付网关");
  const GatewayNotification n = gateway_->verify_notification(callback);
  const std::string& payment_id = n.payment_id;
  const std::string& gateway_ref = n.gateway_ref;
  const std::int64_t amount = n.amount_fen;
  json out;
  store_->transact([&](StoreTx& tx) {
    auto p = tx.online_payment(payment_id);
    if (!p) throw ApiError(404, "not_found", "no such payment", "未找到该支付");
    if (p->state == "paid") {  // gateways repeat notifications; the first one counted
      out = {{"payment_id", p->id}, {"state", p->state}};
      return;
    }
    if (amount != p->amount_fen)
      throw ApiError(400, "amount_mismatch", "the notified amount differs from the amount due",
                     "支付金额与应付金额不符");
    std::int64_t now = now_unix();
    p->state = "paid";
    p->gateway_ref = gateway_ref;
    p->updated_at = now;
    tx.put_online_payment(*p);
    auto r = tx.application_by_id(p->application_id);
    if (!r) throw ApiError(500, "internal", "the payment's application is missing", "内部错误");
    if (protocol::can_pay_online(business(*r), payment(*r))) {
      r->payment_state = protocol::code(PaymentState::paid);
      r->state = protocol::code(BusinessState::under_review);
      r->updated_at = now;
      tx.update_application(*r);
      tx.append_event(r->id, {now, "gateway", "paid_online", gateway_ref});
      if (config_.policy.auto_approve) issue_automatically(tx, *r);
    } else {
      // Money arrived for an application that can no longer take it (cancelled meanwhile):
      // recorded for the back office to refund, the application is left as it is.
      tx.append_event(r->id, {now, "gateway", "payment_needs_refund", gateway_ref});
    }
    out = {{"payment_id", p->id}, {"state", p->state}};
  });
  return out;
}

json RenewalService::certificate(const std::string& business_no, const std::string& capability) {
  json out;
  store_->transact([&](StoreTx& tx) {
    auto r = authorised(tx, business_no, capability);
    if (!protocol::can_install(business(r)) || !r.new_cert_der)
      throw invalid_state(r, "download the certificate", "下载证书");
    out = {{"business_no", r.business_no},
           {"certificate", to_base64(*r.new_cert_der)},
           {"chain", json::array({to_base64(ca_.certificate_der())})}};
  });
  return out;
}

json RenewalService::confirm_installed(const std::string& business_no,
                                       const std::string& capability) {
  json out;
  store_->transact([&](StoreTx& tx) {
    auto r = authorised(tx, business_no, capability);
    if (business(r) == BusinessState::completed) {  // confirming twice is harmless
      out = view(tx, r, false);
      return;
    }
    if (business(r) != BusinessState::approved)
      throw invalid_state(r, "confirm installation", "确认安装");
    r.state = protocol::code(BusinessState::completed);
    r.updated_at = now_unix();
    tx.update_application(r);
    tx.append_event(r.id, {r.updated_at, "applicant", "installed", ""});
    record_superseded(tx, config_.policy, r, r.updated_at);
    out = view(tx, r, false);
  });
  return out;
}

std::string RenewalService::authenticate_operator(const std::string& token) const {
  if (token.empty())
    throw ApiError(401, "unauthorized", "operator credentials are required", "需要操作员凭据");
  const std::string hash = sha256_hex(token);
  for (const auto& op : config_.operators)
    if (equal_secret(hash, op.token_sha256)) return op.name;
  throw ApiError(403, "forbidden", "these operator credentials are not valid", "操作员凭据无效");
}

json RenewalService::admin_list(const std::string& state, int limit, int offset) {
  if (!state.empty() && !protocol::parse_business_state(state))
    throw bad_request("bad_filter", "unknown state filter: " + state, "未知的状态筛选条件");
  if (limit < 1 || limit > 500 || offset < 0)
    throw bad_request("bad_filter", "limit must be 1..500 and offset not negative", "分页参数错误");
  json out = json::array();
  store_->transact([&](StoreTx& tx) {
    for (const auto& r : tx.list_applications(state, limit, offset)) {
      out.push_back({{"business_no", r.business_no},
                     {"state", state_json(business(r))},
                     {"payment_state", state_json(payment(r))},
                     {"total_fen", r.total_fen},
                     {"created_at", iso_utc(r.created_at)}});
    }
  });
  return {{"applications", out}};
}

json RenewalService::admin_show(const std::string& business_no) {
  json out;
  store_->transact([&](StoreTx& tx) {
    auto r = tx.application_by_business_no(business_no);
    if (!r) throw ApiError(404, "not_found", "no such application", "未找到该申请");
    out = view(tx, *r, true);
  });
  return out;
}

void RenewalService::issue(StoreTx& tx, ApplicationRecord& r, const std::string& actor) {
  r.new_cert_der = ca_.renew(r.old_cert_der, r.csr_der, r.period_months, now_());
  r.state = protocol::code(BusinessState::approved);
  r.updated_at = now_unix();
  tx.update_application(r);
  tx.append_event(r.id, {r.updated_at, actor, "approved", "certificate issued"});
  record_issued_key(tx, *r.new_cert_der, r.updated_at);
}

// Auto-approval must never lose the payment that triggered it: if issuance fails, the payment
// stands and the application waits under review for a person.
void RenewalService::issue_automatically(StoreTx& tx, ApplicationRecord& r) {
  try {
    issue(tx, r, "system");
  } catch (const IssuanceError& e) {
    tx.append_event(r.id, {now_unix(), "system", "auto_approve_failed", e.what()});
  }
}

json RenewalService::admin_confirm_payment(const std::string& business_no, const std::string& op) {
  json out;
  store_->transact([&](StoreTx& tx) {
    auto r = tx.application_by_business_no(business_no);
    if (!r) throw ApiError(404, "not_found", "no such application", "未找到该申请");
    if (!protocol::can_confirm_payment(business(*r), payment(*r)))
      throw invalid_state(*r, "confirm the payment", "确认付款");
    std::int64_t paid = 0;
    for (const auto& t : tx.bank_transfers(r->id)) paid += t.amount_fen;
    if (paid < r->total_fen)
      throw ApiError(409, "payment_short",
                     "the recorded transfers (" + std::to_string(paid) +
                         " fen) are less than due (" + std::to_string(r->total_fen) + " fen)",
                     "登记的转账金额少于应付金额");
    r->payment_state = protocol::code(PaymentState::paid);
    r->state = protocol::code(BusinessState::under_review);
    r->updated_at = now_unix();
    tx.update_application(*r);
    tx.append_event(r->id, {r->updated_at, "operator:" + op, "payment_confirmed", ""});
    if (config_.policy.auto_approve) issue_automatically(tx, *r);
    out = view(tx, *r, true);
  });
  return out;
}

json RenewalService::admin_approve(const std::string& business_no, const std::string& op) {
  json out;
  store_->transact([&](StoreTx& tx) {
    auto r = tx.application_by_business_no(business_no);
    if (!r) throw ApiError(404, "not_found", "no such application", "未找到该申请");
    if (!protocol::can_review(business(*r), payment(*r)))
      throw invalid_state(*r, "approve", "审核通过");
    issue(tx, *r, "operator:" + op);
    out = view(tx, *r, true);
  });
  return out;
}

json RenewalService::admin_reject(const std::string& business_no, const std::string& op,
                                  const std::string& reason) {
  if (reason.empty() || reason.size() > 1000)
    throw bad_request("reason_required", "a rejection needs a reason (up to 1000 bytes)",
                      "驳回须填写原因");
  json out;
  store_->transact([&](StoreTx& tx) {
    auto r = tx.application_by_business_no(business_no);
    if (!r) throw ApiError(404, "not_found", "no such application", "未找到该申请");
    if (!protocol::can_review(business(*r), payment(*r))) throw invalid_state(*r, "reject", "驳回");
    r->state = protocol::code(BusinessState::rejected);
    r->reject_reason = reason;
    r->updated_at = now_unix();
    tx.update_application(*r);
    tx.append_event(r->id, {r->updated_at, "operator:" + op, "rejected", reason});
    out = view(tx, *r, true);
  });
  return out;
}

json RenewalService::view(StoreTx& tx, const ApplicationRecord& r, bool for_operator) const {
  auto s = business(r);
  auto p = payment(r);
  auto old = x509::parse_certificate(r.old_cert_der);
  json form = json::parse(r.form_json);
  if (!for_operator) form["operator"]["id_number"] = mask_id_number(form["operator"]["id_number"]);
  json transfers = json::array();
  for (const auto& t : tx.bank_transfers(r.id)) {
    transfers.push_back({{"payer_account", t.payer_account},
                         {"payer_name", t.payer_name},
                         {"amount_fen", t.amount_fen},
                         {"paid_on", t.paid_on},
                         {"remarks", t.remarks}});
  }
  const json schedule = config_.fees.to_json();
  auto quote = config_.fees.quote(r.period_months);
  json fee = quote ? to_json(*quote)
                   : json{{"period_months", r.period_months}, {"total_fen", r.total_fen}};
  fee["total_fen"] = r.total_fen;  // what was quoted at submission counts, even if prices changed
  json out = {
      {"business_no", r.business_no},
      {"state", state_json(s)},
      {"payment_state", state_json(p)},
      {"created_at", iso_utc(r.created_at)},
      {"updated_at", iso_utc(r.updated_at)},
      {"period_months", r.period_months},
      {"certificate",
       {{"serial", old.serial_hex},
        {"subject", old.subject.display()},
        {"not_after", iso_utc(to_unix(old.not_after))}}},
      {"operator", form["operator"]},
      {"recipient", form["recipient"]},
      {"order",
       {{"order_no", r.order_no},
        {"trade_type", {{"zh", "消费"}, {"en", "Purchase"}}},
        {"trade_state", state_json(p)},
        {"order_state", s == BusinessState::cancelled ? json{{"zh", "已取消"}, {"en", "Cancelled"}}
                                                      : json{{"zh", "正常"}, {"en", "Normal"}}},
        {"created_at", iso_utc(r.created_at)}}},
      {"fees", fee},
      {"total_fen", r.total_fen},
      {"delivery", schedule["delivery"]},
      {"invoice_type", schedule["invoice_type"]},
      {"bank_account",
       {{"company", config_.bank_account.company},
        {"account", config_.bank_account.account},
        {"bank", config_.bank_account.bank}}},
      {"bank_transfers", transfers},
      {"review_expectation",
       {{"zh", "通常需要1~3个工作日完成审核"}, {"en", "Review usually takes 1–3 working days"}}},
      {"actions",
       {{"cancel", protocol::can_cancel(s, p)},
        {"bank_transfer", protocol::can_record_bank_transfer(s, p)},
        {"pay_online", gateway_ != nullptr && protocol::can_pay_online(s, p)},
        {"install", protocol::can_install(s) && r.new_cert_der.has_value()}}}};
  if (r.reject_reason) out["reject_reason"] = *r.reject_reason;
  if (for_operator) {
    json events = json::array();
    for (const auto& e : tx.events(r.id))
      events.push_back(
          {{"at", iso_utc(e.at)}, {"actor", e.actor}, {"kind", e.kind}, {"detail", e.detail}});
    out["events"] = events;
    out["agreement"] = {{"version", r.agreement_version}, {"sha256", r.agreement_sha256}};
  }
  return out;
}

}  // namespace certrenew::server
