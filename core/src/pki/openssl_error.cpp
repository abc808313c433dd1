#include "pki/openssl_error.hpp"

#include <openssl/err.h>

#include <array>

namespace certrenew::pki::detail {

std::string take_openssl_errors() {
  std::string reasons;
  while (unsigned long code = ERR_get_error()) {
    std::array<char, 256> text{};
    ERR_error_string_n(code, text.data(), text.size());
    if (!reasons.empty()) reasons += "; ";
    reasons += text.data();
  }
  return reasons;
}

void fail(PkiErrc code, std::string_view what) {
  std::string detail(what);
  if (std::string reasons = take_openssl_errors(); !reasons.empty()) {
    detail += " (" + reasons + ")";
  }
  throw PkiError(code, detail);
}

}  // namespace certrenew::pki::detail
