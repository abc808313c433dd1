#include "notify/reminders.hpp"

namespace certrenew::server {

int queue_expiry_reminders(StoreTx& tx, const Notifier& notifier, std::int64_t now) {
  const auto& offsets = notifier.config().reminder_days;  // ascending
  if (offsets.empty()) return 0;
  constexpr std::int64_t kDay = 86400;
  int queued = 0;
  for (const auto& cert : tx.certificates_expiring(now, now + offsets.back() * kDay)) {
    // Renewed, or a renewal under way: the reminders stop (a reminder mid-renewal is noise).
    if (tx.renewal_of(cert.serial_hex) || tx.open_application_for(cert.serial_hex)) continue;
    int offset = offsets.back();
    for (int o : offsets) {
      if (cert.not_after - now <= o * kDay) {
        offset = o;
        break;
      }
    }
    auto contact = tx.application_by_id(cert.application_id);
    if (!contact) continue;
    notifier.record_reminder(tx, *contact, cert, offset, now);
    ++queued;
  }
  return queued;
}

}  // namespace certrenew::server
