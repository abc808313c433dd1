#pragma once
// The home screen's picture of the machine: tokens, their certificates, problems, and the
// applications this client has open. Listed on the poll worker every couple of seconds (so a
// token plugged in or pulled out shows up by itself); the UI takes a new picture only when it
// differs, so an idle app does not redraw.

#include <chrono>
#include <vector>

#include "certrenew/client/flow/token_inventory.hpp"
#include "certrenew/client/store/application_store.hpp"

namespace certrenew::gui {

struct InventorySnapshot {
  bool loaded = false;
  std::vector<client::TokenEntry> tokens;
  std::vector<client::CertificateEntry> certificates;
  std::vector<client::InventoryProblem> problems;
  std::vector<client::ApplicationRecord> open_records;
};

// Blocking (token and file I/O): call on a worker. `store` may be null.
InventorySnapshot list_inventory(const client::TokenInventory& inventory,
                                 const client::ApplicationStore* store);

// Same tokens (with the same PIN state), certificates, problems and open applications.
bool same_picture(const InventorySnapshot& a, const InventorySnapshot& b);

// The open application for this certificate, if this client has one.
const client::ApplicationRecord* open_record_for(const InventorySnapshot& snapshot,
                                                 const client::CertificateEntry& certificate);

}  // namespace certrenew::gui
