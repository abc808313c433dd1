#pragma once
// The renewal applications this machine has started (the local store) and their last known state.

#include <vector>

#include <nlohmann/json.hpp>

#include "certrenew/client/diagnostics/report.hpp"
#include "certrenew/client/store/application_store.hpp"

namespace certrenew::client::diagnostics {

// What support may see of one record: numbers, states and times, the old certificate's subject
// and expiry. Never the capability token, the certificates' bytes or the key id.
nlohmann::json application_summary(const ApplicationRecord& record);

// One line per record (area applications), one red line per file the store could not read, and a
// green "none" line when there is nothing.
std::vector<Check> application_checks(const RecordListing& listing);

}  // namespace certrenew::client::diagnostics
