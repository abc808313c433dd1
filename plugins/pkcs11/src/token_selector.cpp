#include "token_selector.hpp"

#include <p11-kit/uri.h>

#include <system_error>

#include "bridge_error.hpp"
#include "module.hpp"

namespace certrenew::pkcs11 {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void bad_uri(const std::string& text, const std::string& problem) {
  fail(CRT_ERR_CONFIG, "pkcs11 configuration: the token URI \"" + text + "\" " + problem);
}

std::string canonical_or_same(const fs::path& path) {
  std::error_code ec;
  const fs::path canonical = fs::canonical(path, ec);
  return ec ? path.string() : canonical.string();
}

}  // namespace

TokenSelector::TokenSelector(const std::string& text) : text_(text) {
  if (text.rfind("pkcs11:", 0) != 0) bad_uri(text, "does not start with \"pkcs11:\"");
  uri_.reset(p11_kit_uri_new(), p11_kit_uri_free);
  if (!uri_) fail(CRT_ERR_GENERAL, "out of memory");
  const int parsed = p11_kit_uri_parse(text.c_str(), P11_KIT_URI_FOR_ANY, uri_.get());
  if (parsed != P11_KIT_URI_OK)
    bad_uri(text, std::string("is not valid: ") + p11_kit_uri_message(parsed));
  if (p11_kit_uri_any_unrecognized(uri_.get()))
    bad_uri(text, "has attributes p11-kit does not know (RFC 7512 names only)");
  if (p11_kit_uri_get_pin_value(uri_.get()) != nullptr ||
      p11_kit_uri_get_pin_source(uri_.get()) != nullptr)
    bad_uri(text, "carries a PIN (pin-value/pin-source); PINs are never stored in a configuration");
  if (p11_kit_uri_get_slot_id(uri_.get()) != static_cast<CK_SLOT_ID>(-1))
    bad_uri(text,
            "selects a slot number (slot-id); slot numbers change when tokens come and go: "
            "use token= (label) or serial=");
  if (const char* module_path = p11_kit_uri_get_module_path(uri_.get())) {
    module_path_ = fs::path(module_path);
    module_key_ = canonical_or_same(*module_path_);
  }
  CK_ULONG count = 0;
  p11_kit_uri_get_attributes(uri_.get(), &count);
  filters_objects_ = count > 0;
}

bool TokenSelector::matches(const Module& module, const CK_SLOT_INFO& slot,
                            const CK_TOKEN_INFO& token) const {
  if (module_path_ && module_key_ != canonical_or_same(module.path())) return false;
  return p11_kit_uri_match_module_info(uri_.get(), &module.info()) == 1 &&
         p11_kit_uri_match_slot_info(uri_.get(), &slot) == 1 &&
         p11_kit_uri_match_token_info(uri_.get(), &token) == 1;
}

bool TokenSelector::matches_object(CK_OBJECT_CLASS cls, const Bytes& id, const Bytes& label) const {
  if (!filters_objects_) return true;
  CK_ATTRIBUTE attributes[] = {
      {CKA_CLASS, &cls, sizeof cls},
      {CKA_ID, mutable_ptr(id.data()), id.size()},
      {CKA_LABEL, mutable_ptr(label.data()), label.size()},
  };
  return p11_kit_uri_match_attributes(uri_.get(), attributes, std::size(attributes)) == 1;
}

}  // namespace certrenew::pkcs11
