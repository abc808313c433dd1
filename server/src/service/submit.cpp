// POST /applications: decode -> verify -> policy -> persist, each a step of its own, in the order
// docs/protocol.md lists the checks (the first failure is answered; nothing is stored then).

#include <openssl/x509.h>

#include <iomanip>
#include <sstream>

#include "certrenew/core/openssl_ptr.hpp"
#include "service/digest.hpp"
#include "service/form_check.hpp"
#include "service/renewal_service.hpp"
#include "service/service_support.hpp"

namespace certrenew::server {

using nlohmann::json;
using protocol::BusinessState;
using protocol::PaymentState;

namespace {

std::string local_date(std::int64_t unix_seconds) {  // yyyymmdd in the server's time zone
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y%m%d", &tm);
  return buf;
}

std::int64_t to_unix(x509::TimePoint t) {
  return t.time_since_epoch().count();
}

// Maps a verification failure of the signed application to the API's error.
ApiError signed_data_error(const pki::PkiError& e) {
  using pki::PkiErrc;
  switch (e.code()) {
    case PkiErrc::not_trusted:
      return ApiError(403, "certificate_not_ours",
                      "the signing certificate was not issued by this CA",
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
      return ApiError(400, "unsupported_algorithm", "the signature algorithm is not supported",
                      "不支持的签名算法");
    default:
      return ApiError(400, "malformed_signed_data",
                      "the signed application is not valid SignedData", "签名数据格式错误");
  }
}

struct KeyDescription {
  std::string type;  // rsa, ec_p256, sm2, other
  int bits = 0;
};

KeyDescription describe_public_key(const Bytes& spki) {
  const unsigned char* p = spki.data();
  PkeyPtr key(d2i_PUBKEY(nullptr, &p, static_cast<long>(spki.size())));
  if (!key)
    throw ApiError(400, "bad_csr", "the request's public key does not parse", "证书请求的公钥无效");
  KeyDescription d;
  d.bits = EVP_PKEY_get_bits(key.get());
  char group[64] = {};
  if (EVP_PKEY_is_a(key.get(), "RSA")) {
    d.type = "rsa";
  } else if (EVP_PKEY_is_a(key.get(), "SM2")) {
    d.type = "sm2";
  } else if (EVP_PKEY_is_a(key.get(), "EC") &&
             EVP_PKEY_get_group_name(key.get(), group, sizeof group, nullptr) == 1) {
    std::string g(group);
    d.type = (g == "prime256v1" || g == "P-256") ? "ec_p256" : (g == "SM2" ? "sm2" : "other");
  } else {
    d.type = "other";
  }
  return d;
}

}  // namespace

Submission RenewalService::submit(const std::vector<std::uint8_t>& signed_application) {
  const std::string request_hash = sha256_hex(signed_application);
  const std::int64_t now = now_unix();
  if (auto again = previous_submission(request_hash)) return *again;
  const VerifiedApplication application = verify_application(signed_application, now);
  const AcceptedApplication accepted = check_policy(application, now);
  return persist(request_hash, application, accepted, now);
}

// The same signed request twice: the same application, not a second one.
std::optional<Submission> RenewalService::previous_submission(const std::string& request_hash) {
  std::optional<Submission> result;
  store_->transact([&](StoreTx& tx) {
    if (auto existing = tx.application_by_request(request_hash))
      result = Submission{false, capability_for(existing->business_no), view(tx, *existing, false)};
  });
  return result;
}

// The signature first, then the certificate's dates (an expired certificate is told "service
// hall" rather than "not ours"), then its chain to this CA at the current time, then the content.
RenewalService::VerifiedApplication RenewalService::verify_application(
    const std::vector<std::uint8_t>& signed_application, std::int64_t now) const {
  pki::VerifiedSignedData verified;
  x509::Certificate old;
  try {
    verified = pki::verify_signed_data(signed_application);
    old = x509::parse_certificate(verified.signer_certificate_der);
  } catch (const pki::PkiError& e) {
    throw signed_data_error(e);
  } catch (const x509::CertificateError&) {  // e.g. a validity time that is no valid time
    throw ApiError(400, "malformed_signed_data", "the signing certificate does not parse",
                   "签名证书格式错误");
  }
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
    throw ApiError(403, "certificate_not_ours", "the signing certificate was not issued by this CA",
                   "签名证书不是本机构签发的");

  try {
    const json content = protocol::parse_json(std::string_view(
        reinterpret_cast<const char*>(verified.content.data()), verified.content.size()));
    return {std::move(old), protocol::decode_application_content(content)};
  } catch (const protocol::DecodeError& e) {
    throw malformed(e, "malformed_application");
  }
}

RenewalService::AcceptedApplication RenewalService::check_policy(
    const VerifiedApplication& application, std::int64_t now) const {
  const protocol::ApplicationContent& content = application.content;
  const x509::Certificate& old = application.old_certificate;

  // Freshness: the time must be close to ours (the nonce is claimed when stored).
  if (std::llabs(content.time.unix_seconds() - now) > config_.policy.max_clock_skew_seconds)
    throw ApiError(
        400, "stale_request",
        "the application's time is too far from the server's; check this computer's clock",
        "申请时间与服务器时间相差过大，请检查本机时钟");

  auto quote = config_.fees.quote(content.period_months);
  if (!quote)
    throw bad_request("period_not_offered", "that renewal period is not offered",
                      "不提供该续期时长");

  if (!agreement_.matches(content.agreement.version, content.agreement.sha256))
    throw ApiError(409, "agreement_outdated",
                   "the accepted agreement is not the current version; read and accept it again",
                   "所接受的服务协议不是当前版本，请重新阅读并接受");

  // The new key's request.
  pki::CsrInfo csr;
  try {
    csr = pki::verify_csr(content.csr);
  } catch (const pki::PkiError&) {
    throw ApiError(400, "bad_csr", "the certificate request is invalid", "证书请求无效");
  }
  if (csr.subject_der != old.subject.der)
    throw ApiError(400, "subject_mismatch",
                   "the certificate request's subject differs from the current certificate's",
                   "证书请求的主题与原证书不一致");
  const KeyDescription new_key = describe_public_key(csr.spki_der);
  bool allowed = false;
  for (const auto& t : config_.policy.allowed_key_types) allowed = allowed || t == new_key.type;
  if (!allowed || (new_key.type == "rsa" && new_key.bits < config_.policy.min_rsa_bits))
    throw ApiError(400, "key_not_allowed",
                   "the new key (" + new_key.type + " " + std::to_string(new_key.bits) +
                       " bits) is not allowed by this CA's policy",
                   "新密钥的算法或长度不被允许");
  if (!config_.policy.allow_key_reuse && csr.spki_der == old.public_key.spki_der)
    throw ApiError(400, "key_reused",
                   "renewal needs a new key pair; the request reuses the old key",
                   "续期须使用新生成的密钥对");

  // throws ApiError(422) with every bad field
  json form = check_application_form(content.operator_info, content.recipient,
                                     std::chrono::floor<std::chrono::days>(now_()));
  return {*quote, std::move(form)};
}

Submission RenewalService::persist(const std::string& request_hash,
                                   const VerifiedApplication& application,
                                   const AcceptedApplication& accepted, std::int64_t now) {
  const x509::Certificate& old = application.old_certificate;
  const protocol::ApplicationContent& content = application.content;
  Submission result;
  store_->transact([&](StoreTx& tx) {
    // The same request may have been accepted by a concurrent call since the first look.
    if (auto existing = tx.application_by_request(request_hash)) {
      result.application = view(tx, *existing, false);
      result.capability_token = capability_for(existing->business_no);
      return;
    }
    if (auto open = tx.open_application_for(old.serial_hex))
      throw ApiError(409, "application_open",
                     "this certificate already has an open application: " + open->business_no,
                     "该证书已有未完成的续期申请：" + open->business_no,
                     {{"business_no", open->business_no}});
    if (!tx.claim_nonce(content.nonce,
                        now + 2 * std::int64_t{config_.policy.max_clock_skew_seconds}, now))
      throw ApiError(409, "replayed", "this application's nonce was used before", "重复提交的申请");

    const std::string day = local_date(now);
    std::int64_t seq = tx.next_sequence("business:" + day);
    std::int64_t order_seq = tx.next_sequence("order:" + day);
    if (seq > 9'999'999 || order_seq > 9'999)
      throw ApiError(503, "capacity", "too many applications today", "今日申请数量已达上限");
    std::ostringstream bn, on;
    bn << "01" << day << std::setw(7) << std::setfill('0') << seq;
    on << day << std::setw(4) << std::setfill('0') << order_seq;

    ApplicationRecord r;
    r.business_no = bn.str();
    r.order_no = on.str();
    r.request_sha256 = request_hash;
    r.state = protocol::code(BusinessState::entered);
    r.payment_state = protocol::code(PaymentState::unpaid);
    r.old_cert_serial = old.serial_hex;
    r.old_cert_der = old.der;
    r.old_not_after = to_unix(old.not_after);
    r.csr_der = content.csr;
    r.period_months = content.period_months;
    r.total_fen = accepted.quote.total_fen;
    r.form_json = accepted.form.dump();
    r.agreement_version = content.agreement.version;
    r.agreement_sha256 = content.agreement.sha256;
    r.created_at = r.updated_at = now;
    r.id = tx.insert_application(r);
    tx.append_event(r.id, {now, "applicant", "created",
                           "period " + std::to_string(content.period_months) + " months"});
    if (accepted.quote.total_fen == 0) {  // nothing to pay: straight to review
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

}  // namespace certrenew::server
