#pragma once
// Expiry reminders (issue 19): a watched certificate gets one reminder per configured offset
// (default 90, 30 and 7 days before notAfter), only the nearest offset already reached (a
// certificate first seen 20 days before expiry gets the 30-day one, not the 90-day one too),
// and none once it has been renewed.

#include <cstdint>

#include "notify/notifier.hpp"
#include "storage/store.hpp"

namespace certrenew::server {

// Queues the reminders due at `now`; returns how many certificates got one queued (a reminder
// queued before is not queued again).
int queue_expiry_reminders(StoreTx& tx, const Notifier& notifier, std::int64_t now);

}  // namespace certrenew::server
