#include "notify/notifier.hpp"

#include "certrenew/core/forms/money.hpp"
#include "certrenew/core/time/utc_time.hpp"
#include "certrenew/core/x509/certificate.hpp"

namespace certrenew::server {

using nlohmann::json;

std::string_view code(NotifyEvent event) {
  switch (event) {
    case NotifyEvent::submitted:
      return "submitted";
    case NotifyEvent::payment_confirmed:
      return "payment_confirmed";
    case NotifyEvent::approved:
      return "approved";
    case NotifyEvent::rejected:
      return "rejected";
    case NotifyEvent::completed:
      return "completed";
    case NotifyEvent::cancelled:
      return "cancelled";
    case NotifyEvent::refund_recorded:
      return "refund_recorded";
    case NotifyEvent::expiry_reminder:
      return "expiry_reminder";
  }
  return "unknown";
}

namespace {

std::string date_of(std::int64_t unix_seconds) {
  auto t = UtcTime::from_unix(unix_seconds);
  return t ? t->iso().substr(0, 10) : std::string();
}

std::int64_t unix_of(x509::TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

std::string text_at(const json& j, const char* a, const char* b) {
  if (!j.is_object() || !j.contains(a) || !j.at(a).is_object()) return {};
  const auto& o = j.at(a);
  return o.contains(b) && o.at(b).is_string() ? o.at(b).get<std::string>() : std::string();
}

// The operator declined this channel in the signed application ("notify": {"sms": false}); an
// application stored before the choice existed has none and is notified.
bool declined(const json& form, const char* channel) {
  if (!form.is_object() || !form.contains("notify") || !form.at("notify").is_object()) return false;
  const auto& choice = form.at("notify");
  return choice.contains(channel) && choice.at(channel).is_boolean() &&
         !choice.at(channel).get<bool>();
}

}  // namespace

Notifier::Notifier(NotifyConfig config, std::map<std::string, std::string> service_name,
                   std::map<std::string, std::string> agreement_languages)
    : config_(std::move(config)),
      service_name_(std::move(service_name)),
      agreement_languages_(std::move(agreement_languages)) {}

std::string Notifier::language_of(const ApplicationRecord& r) const {
  auto it = agreement_languages_.find(r.agreement_sha256);
  if (it != agreement_languages_.end() && (it->second == "zh-CN" || it->second == "en"))
    return it->second;
  return config_.default_language;
}

void Notifier::record(StoreTx& tx, const ApplicationRecord& r, NotifyEvent event, std::int64_t now,
                      json facts) const {
  add(tx, r, code(event), "app:" + r.business_no + ":" + std::string(code(event)), std::move(facts),
      now);
}

void Notifier::record_reminder(StoreTx& tx, const ApplicationRecord& contact,
                               const WatchedCertificate& certificate, int offset_days,
                               std::int64_t now) const {
  const std::int64_t days_left = (certificate.not_after - now + 86399) / 86400;
  add(tx, contact, code(NotifyEvent::expiry_reminder),
      "expiry:" + certificate.serial_hex + ":" + std::to_string(offset_days),
      {{"serial", certificate.serial_hex},
       {"expires_on", date_of(certificate.not_after)},
       {"days_left", std::to_string(days_left)}},
      now);
}

json Notifier::validity_facts(const std::vector<std::uint8_t>& der) {
  const auto cert = x509::parse_certificate(der);
  return {{"valid_from", date_of(unix_of(cert.not_before))},
          {"valid_until", date_of(unix_of(cert.not_after))}};
}

void Notifier::watch(StoreTx& tx, const ApplicationRecord& r,
                     const std::vector<std::uint8_t>& der) {
  watch(tx, r, x509::parse_certificate(der));
}

void Notifier::watch(StoreTx& tx, const ApplicationRecord& r,
                     const x509::Certificate& certificate) {
  tx.watch_certificate({certificate.serial_hex, unix_of(certificate.not_after), r.id});
}

void Notifier::add(StoreTx& tx, const ApplicationRecord& r, std::string_view event,
                   const std::string& dedup_prefix, json facts, std::int64_t now) const {
  json form = json::parse(r.form_json, nullptr, false);
  const std::string language = language_of(r);
  const std::string name = text_at(form, "operator", "name");
  // Facts every template may use. Never the ID number, never the recipient's address.
  facts["business_no"] = r.business_no;
  facts["operator_name"] = name;
  facts["amount"] = forms::Money::from_fen(r.total_fen).to_string();
  auto service = service_name_.find(language);
  if (service == service_name_.end()) service = service_name_.find("zh-CN");
  facts["service_name"] = service != service_name_.end() ? service->second : std::string();
  if (!facts.contains("subject")) {
    try {
      facts["subject"] = x509::parse_certificate(r.old_cert_der).subject.first("CN");
    } catch (const std::exception&) {
      facts["subject"] = "";
    }
  }

  const std::pair<const char*, std::string> channels[] = {
      {"email", text_at(form, "operator", "email")}, {"sms", text_at(form, "operator", "mobile")}};
  for (const auto& [channel, address] : channels) {
    if (address.empty() || declined(form, channel)) continue;
    OutboxMessage m;
    m.dedup_key = dedup_prefix + ":" + channel;
    m.application_id = r.id;
    m.event = std::string(event);
    m.channel = channel;
    m.recipient = address;
    m.recipient_name = name;
    m.language = language;
    m.facts_json = facts.dump();
    m.state = config_.channel_configured(channel) ? "pending" : "unsent";
    m.next_attempt_at = now;
    m.created_at = now;
    tx.queue_outbox_message(m);  // a message recorded already (same dedup key) stays as it is
  }
}

}  // namespace certrenew::server
