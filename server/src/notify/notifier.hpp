#pragma once
// Writes notifications into the outbox, inside the transaction of the state change that causes
// them (issue 19). Delivery is the outbox worker's job (outbox_worker.hpp).

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "certrenew/core/x509/certificate.hpp"
#include "notify/notify_config.hpp"
#include "storage/store.hpp"

namespace certrenew::server {

enum class NotifyEvent {
  submitted,          // business number, amount due, how to pay
  payment_confirmed,  // amount paid
  approved,           // the certificate is ready to install
  rejected,           // the reason
  completed,          // installed: the new validity
  cancelled,
  refund_recorded,  // money arrived for an application that could not take it
  expiry_reminder,  // a watched certificate nears its notAfter
};
std::string_view code(NotifyEvent event);

class Notifier {
 public:
  // `agreement_languages` maps an agreement text's SHA-256 to its language: the language the
  // applicant read the agreement in is the language they are written to in.
  Notifier(NotifyConfig config, std::map<std::string, std::string> service_name,
           std::map<std::string, std::string> agreement_languages);

  // One message per channel the operator gave an address for and did not decline (an opted-out
  // channel gets no outbox row at all, expiry reminders included); `facts` are the event's own
  // (reason, amount, ...), the application's common ones are added. A message for a channel that
  // is not configured is recorded as "unsent". Recording the same event twice adds nothing.
  void record(StoreTx& tx, const ApplicationRecord& r, NotifyEvent event, std::int64_t now,
              nlohmann::json facts = nlohmann::json::object()) const;
  // An expiry reminder `offset_days` before `certificate`'s notAfter, to `contact`'s operator.
  void record_reminder(StoreTx& tx, const ApplicationRecord& contact,
                       const WatchedCertificate& certificate, int offset_days,
                       std::int64_t now) const;
  // Watches a certificate for expiry reminders (DER; its latest application is `r`).
  static void watch(StoreTx& tx, const ApplicationRecord& r, const std::vector<std::uint8_t>& der);
  // The same for a certificate already parsed (intake has it: each parse costs about as much as a
  // signature check).
  static void watch(StoreTx& tx, const ApplicationRecord& r, const x509::Certificate& certificate);

  // {"valid_from", "valid_until"} (yyyy-mm-dd, UTC) of a certificate (DER).
  static nlohmann::json validity_facts(const std::vector<std::uint8_t>& der);

  std::string language_of(const ApplicationRecord& r) const;
  const NotifyConfig& config() const { return config_; }

 private:
  void add(StoreTx& tx, const ApplicationRecord& r, std::string_view event,
           const std::string& dedup_prefix, nlohmann::json facts, std::int64_t now) const;

  NotifyConfig config_;
  std::map<std::string, std::string> service_name_;
  std::map<std::string, std::string> agreement_languages_;
};

}  // namespace certrenew::server
