#pragma once
// The renewal applications this machine has started (the local store) and their last known state.

#include <filesystem>
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

// Keys the flow generated for applications that ended unused and will delete at the next login
// (the store folder's leftover-keys.json): one amber line per token, none when there are none.
// Names the tokens and applications, never the key ids.
std::vector<Check> leftover_key_checks(const std::filesystem::path& store_folder);

}  // namespace certrenew::client::diagnostics
