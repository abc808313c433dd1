#pragma once

#include <string>
#include <string_view>

#include "certrenew/core/pki/error.hpp"

namespace certrenew::pki::detail {

// Empties OpenSSL's error queue of this thread and returns its reasons ("" when it was empty), so
// no stale error is left for the next caller to misread.
std::string take_openssl_errors();

// Throws PkiError(code) with `what`, followed by OpenSSL's reasons when there are any.
[[noreturn]] void fail(PkiErrc code, std::string_view what);

// fail(internal, what) unless ok: for OpenSSL calls that only fail on exhaustion or misuse.
inline void require(bool ok, std::string_view what) {
  if (!ok) fail(PkiErrc::internal, what);
}

}  // namespace certrenew::pki::detail
