#include "controller/inventory_watch.hpp"

#include <algorithm>

namespace certrenew::gui {
namespace {

bool is_open(const client::ApplicationRecord& r) {
  using client::LocalPhase;
  return r.phase != LocalPhase::completed && r.phase != LocalPhase::cancelled &&
         r.business_state != protocol::BusinessState::rejected &&
         r.business_state != protocol::BusinessState::cancelled;
}

bool same_pin(const token::PinState& a, const token::PinState& b) {
  return a.retries_left == b.retries_left && a.final_try == b.final_try && a.locked == b.locked &&
         a.count_low == b.count_low;
}

}  // namespace

InventorySnapshot list_inventory(const client::TokenInventory& inventory,
                                 const client::ApplicationStore* store) {
  InventorySnapshot s;
  s.tokens = inventory.tokens();
  s.certificates = inventory.certificates();
  s.problems = inventory.problems();
  if (store) {
    auto listing = store->list();
    for (auto& r : listing.records)
      if (is_open(r)) s.open_records.push_back(std::move(r));
  }
  s.loaded = true;
  return s;
}

bool same_picture(const InventorySnapshot& a, const InventorySnapshot& b) {
  if (a.loaded != b.loaded || a.tokens.size() != b.tokens.size() ||
      a.certificates.size() != b.certificates.size() || a.problems.size() != b.problems.size() ||
      a.open_records.size() != b.open_records.size())
    return false;
  for (std::size_t i = 0; i < a.tokens.size(); ++i) {
    const auto& x = a.tokens[i];
    const auto& y = b.tokens[i];
    if (x.driver != y.driver || x.info.id != y.info.id || x.info.label != y.info.label ||
        !same_pin(x.info.pin, y.info.pin))
      return false;
  }
  for (std::size_t i = 0; i < a.certificates.size(); ++i) {
    const auto& x = a.certificates[i];
    const auto& y = b.certificates[i];
    if (x.der != y.der || x.token.id != y.token.id || x.has_private_key != y.has_private_key)
      return false;
  }
  for (std::size_t i = 0; i < a.problems.size(); ++i)
    if (a.problems[i].message != b.problems[i].message) return false;
  for (std::size_t i = 0; i < a.open_records.size(); ++i) {
    const auto& x = a.open_records[i];
    const auto& y = b.open_records[i];
    if (x.business_no != y.business_no || x.business_state != y.business_state ||
        x.payment_state != y.payment_state || x.phase != y.phase)
      return false;
  }
  return true;
}

const client::ApplicationRecord* open_record_for(const InventorySnapshot& snapshot,
                                                 const client::CertificateEntry& certificate) {
  auto it = std::find_if(snapshot.open_records.begin(), snapshot.open_records.end(),
                         [&](const auto& r) { return r.old_certificate == certificate.der; });
  return it == snapshot.open_records.end() ? nullptr : &*it;
}

}  // namespace certrenew::gui
