#pragma once

#include <memory>
#include <string>
#include <vector>

#include "module.hpp"
#include "pkcs11.hpp"
#include "token_selector.hpp"

namespace certrenew::pkcs11 {

// Which objects of a token are shown: everything, or what one of the selecting URIs' object
// attributes (id=, object=, type=) match.
class ObjectFilter {
 public:
  ObjectFilter() = default;
  void add(const TokenSelector* selector);
  bool shows(CK_OBJECT_CLASS cls, const Bytes& id, const Bytes& label) const;

 private:
  bool everything_ = false;
  std::vector<const TokenSelector*> selectors_;  // owned by the context's configuration
};

// A token present now: where it sits (module and slot, valid only until it is re-plugged) and
// who it is.
struct FoundToken {
  std::shared_ptr<Module> module;
  CK_SLOT_ID slot = 0;
  CK_TOKEN_INFO info{};
  std::string id;  // the ABI token id: the serial number
  ObjectFilter filter;
};

// A fixed-width, blank-padded PKCS#11 text field without its padding.
std::string padded_text(const CK_UTF8CHAR* field, std::size_t size);

// The token's stable id: its serial number without padding. A token that reports no serial gets
// "label:<label>" (stable as long as nobody renames it).
std::string token_id(const CK_TOKEN_INFO& info);

// Every initialised token present in `modules` (in configuration order, then slot order) that
// one of `selectors` matches (all of them when there is no selector). Tokens are found by who
// they are, never by slot number, and re-read on every call (hot-plug). When two tokens report
// the same id the first is kept.
std::vector<FoundToken> scan_tokens(const std::vector<std::shared_ptr<Module>>& modules,
                                    const std::vector<TokenSelector>& selectors);

// The token with `id`, or DriverError(CRT_ERR_TOKEN_NOT_PRESENT).
FoundToken find_token(const std::vector<std::shared_ptr<Module>>& modules,
                      const std::vector<TokenSelector>& selectors, const char* id);

}  // namespace certrenew::pkcs11
