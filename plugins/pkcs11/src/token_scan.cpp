#include "token_scan.hpp"

#include <algorithm>
#include <set>

#include "bridge_error.hpp"
#include "return_codes.hpp"

namespace certrenew::pkcs11 {

void ObjectFilter::add(const TokenSelector* selector) {
  if (selector == nullptr || !selector->filters_objects())
    everything_ = true;
  else
    selectors_.push_back(selector);
}

bool ObjectFilter::shows(CK_OBJECT_CLASS cls, const Bytes& id, const Bytes& label) const {
  if (everything_) return true;
  return std::any_of(selectors_.begin(), selectors_.end(),
                     [&](const TokenSelector* s) { return s->matches_object(cls, id, label); });
}

std::string padded_text(const CK_UTF8CHAR* field, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(field), size);
  const auto end = text.find_last_not_of(std::string(" \0", 2));
  text.erase(end == std::string::npos ? 0 : end + 1);
  return text;
}

std::string token_id(const CK_TOKEN_INFO& info) {
  std::string serial = padded_text(info.serialNumber, sizeof info.serialNumber);
  serial.erase(0, std::min(serial.find_first_not_of(' '), serial.size()));
  if (!serial.empty()) return serial;
  return "label:" + padded_text(info.label, sizeof info.label);
}

namespace {

std::vector<CK_SLOT_ID> slots_with_token(const Module& module) {
  const CK_FUNCTION_LIST& api = module.api();
  // The list can grow between the two calls (a token plugged in): ask again until it fits.
  for (int attempt = 0; attempt < 4; ++attempt) {
    CK_ULONG count = 0;
    check_rv(api.C_GetSlotList(CK_TRUE, nullptr, &count), "C_GetSlotList",
             "listing the tokens of " + module.path().string());
    std::vector<CK_SLOT_ID> slots(count);
    if (count == 0) return slots;
    const CK_RV rv = api.C_GetSlotList(CK_TRUE, slots.data(), &count);
    if (rv == CKR_BUFFER_TOO_SMALL) continue;
    check_rv(rv, "C_GetSlotList", "listing the tokens of " + module.path().string());
    slots.resize(count);
    return slots;
  }
  fail(CRT_ERR_DEVICE, "the slot list of " + module.path().string() + " keeps changing");
}

}  // namespace

std::vector<FoundToken> scan_tokens(const std::vector<std::shared_ptr<Module>>& modules,
                                    const std::vector<TokenSelector>& selectors) {
  std::vector<FoundToken> found;
  std::set<std::string> ids;
  for (const auto& module : modules) {
    for (const CK_SLOT_ID slot : slots_with_token(*module)) {
      FoundToken token;
      token.module = module;
      token.slot = slot;
      CK_SLOT_INFO slot_info{};
      // A token pulled out between the slot list and these calls is simply not listed.
      if (module->api().C_GetSlotInfo(slot, &slot_info) != CKR_OK) continue;
      if (module->api().C_GetTokenInfo(slot, &token.info) != CKR_OK) continue;
      if ((token.info.flags & CKF_TOKEN_INITIALIZED) == 0) continue;  // blank: nothing to use
      if (selectors.empty()) {
        token.filter.add(nullptr);
      } else {
        bool selected = false;
        for (const TokenSelector& selector : selectors) {
          if (!selector.matches(*module, slot_info, token.info)) continue;
          token.filter.add(&selector);
          selected = true;
        }
        if (!selected) continue;
      }
      token.id = token_id(token.info);
      if (ids.insert(token.id).second) found.push_back(std::move(token));
    }
  }
  return found;
}

FoundToken find_token(const std::vector<std::shared_ptr<Module>>& modules,
                      const std::vector<TokenSelector>& selectors, const char* id) {
  if (id == nullptr) fail(CRT_ERR_ARGUMENTS, "the token id is NULL");
  for (FoundToken& token : scan_tokens(modules, selectors))
    if (token.id == id) return std::move(token);
  fail(CRT_ERR_TOKEN_NOT_PRESENT, std::string("no token with id \"") + id + "\" is present");
}

}  // namespace certrenew::pkcs11
