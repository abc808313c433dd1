// RenewalService: construction, the public facts, and who may act on an application. Each use
// case lives in a file of its own: submit.cpp, applicant_calls.cpp, payments.cpp, admin_calls.cpp,
// application_view.cpp.
#include "service/renewal_service.hpp"

#include <fstream>

#include "certrenew/core/bytes.hpp"
#include "certrenew/core/time/utc_time.hpp"
#include "jobs/polling_worker.hpp"
#include "service/application_listing.hpp"
#include "service/capability.hpp"
#include "service/digest.hpp"
#include "service/service_support.hpp"
#include "service/service_text.hpp"

namespace certrenew::server {

using nlohmann::json;
using protocol::BusinessState;
using protocol::PaymentState;

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

namespace {

std::map<std::string, std::string> agreement_languages(const Agreement& agreement) {
  std::map<std::string, std::string> out;
  for (const auto& [language, text] : agreement.texts()) out[text.sha256] = language;
  return out;
}

}  // namespace

RenewalService::RenewalService(ServerConfig config, std::unique_ptr<Store> store, Now now)
    : config_(std::move(config)),
      store_(std::move(store)),
      now_(std::move(now)),
      issuer_(make_issuer(config_)),
      ca_anchor_(pki::share_anchor(issuer_->ca_certificate_der())),
      agreement_(Agreement::load(config_.agreement_version, config_.agreement_files)),
      capability_key_(read_secret_file(config_.capability_key)),
      notifier_(config_.notify, config_.service_name, agreement_languages(agreement_)),
      kmc_(config_.kmc),
      inline_worker_(lease_worker_id()) {
  // Applications stored before the list's columns existed (migration 10) get them before the
  // service answers; afterwards this finds none.
  fill_listing_columns(*store_);
}

const CertificateAuthority& RenewalService::authority() const {
  if (const CertificateAuthority* ca = issuer_->certificate_authority()) return *ca;
  throw std::logic_error("the issuer (" + std::string(issuer_->type()) + ") is not built in");
}

std::int64_t RenewalService::now_unix() const {
  return std::chrono::duration_cast<std::chrono::seconds>(now_().time_since_epoch()).count();
}

std::string RenewalService::capability_for(const std::string& business_no) const {
  return hmac_sha256_b64url(capability_key_, "capability:v1:" + business_no);
}

protocol::ServiceInfo RenewalService::info() const {
  protocol::ServiceInfo info;
  info.server_time = UtcTime::from_unix(now_unix()).value_or(UtcTime());
  const auto name = [this](const char* language) {
    auto found = config_.service_name.find(language);
    if (found == config_.service_name.end()) found = config_.service_name.find("zh-CN");
    return found != config_.service_name.end() ? found->second : std::string();
  };
  info.service_name = {name("zh-CN"), name("en")};
  info.ca_certificate = issuer_->ca_certificate_der();
  info.ca_subject = x509::parse_certificate(info.ca_certificate).subject.display();
  info.agreement_version = agreement_.version();
  info.renewal_window_days = config_.policy.renewal_window_days;
  info.allowed_key_types = config_.policy.allowed_key_types;
  info.allow_key_reuse = config_.policy.allow_key_reuse;
  info.sm2_signer_id = std::string(kDefaultSm2SignerId);
  info.max_clock_skew_seconds = config_.policy.max_clock_skew_seconds;
  info.dual_certificates = std::string(policy_code(kmc_.policy()));  // issue 21
  return info;
}

protocol::AgreementText RenewalService::agreement(const std::string& language) const {
  const auto& t = agreement_.text(language);
  return {agreement_.version(), t.language, t.sha256, t.body};
}

protocol::FeeSchedule RenewalService::fees() const {
  protocol::FeeSchedule fees = config_.fees.answer();
  fees.bank_account = {config_.bank_account.company, config_.bank_account.account,
                       config_.bank_account.bank};
  return fees;
}

ApplicationRecord RenewalService::authorised(StoreTx& tx, const std::string& business_no,
                                             const std::string& capability) {
  // Unknown numbers and wrong tokens get the same answer, so numbers cannot be probed.
  auto r = tx.application_by_business_no(business_no);
  if (!r || !equal_secret(capability, capability_for(business_no)) ||
      !capability_live(*r, config_.policy, now_unix()))
    throw service_error(404, "not_found", "application.not_found_for_token");
  return *r;
}

}  // namespace certrenew::server
