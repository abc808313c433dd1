#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "pkcs11.hpp"

struct p11_kit_uri;

namespace certrenew::pkcs11 {

class Module;

// One RFC 7512 `pkcs11:` URI from the configuration, parsed by p11-kit. It selects tokens by
// their identity (token=, serial=, manufacturer=, model=; slot-description=, library-*=;
// module-path=) and, when it names object attributes (id=, object=, type=), narrows what is
// listed on those tokens. Slot numbers (slot-id=) and PINs (pin-value=, pin-source=) are refused:
// slot numbers change when tokens come and go, and a PIN never belongs in a configuration.
class TokenSelector {
 public:
  // Throws DriverError(CRT_ERR_CONFIG) naming what is wrong with `text`.
  explicit TokenSelector(const std::string& text);

  const std::string& text() const { return text_; }
  // The module-path= query attribute, when given.
  const std::optional<std::filesystem::path>& module_path() const { return module_path_; }

  bool matches(const Module& module, const CK_SLOT_INFO& slot, const CK_TOKEN_INFO& token) const;
  // True when the URI names object attributes at all.
  bool filters_objects() const { return filters_objects_; }
  bool matches_object(CK_OBJECT_CLASS cls, const Bytes& id, const Bytes& label) const;

 private:
  std::string text_;
  std::shared_ptr<p11_kit_uri> uri_;  // shared: selectors are copied with the configuration
  std::optional<std::filesystem::path> module_path_;
  std::string module_key_;  // canonical module-path, to compare with loaded modules
  bool filters_objects_ = false;
};

}  // namespace certrenew::pkcs11
