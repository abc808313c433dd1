#include "openssl_ptr.hpp"

#include <openssl/err.h>

namespace certrenew::softtoken {

std::string take_openssl_error() {
  const unsigned long code = ERR_peek_error();
  std::string text;
  if (code != 0) {
    char buf[256];
    ERR_error_string_n(code, buf, sizeof buf);
    text = buf;
  }
  ERR_clear_error();
  return text;
}

}  // namespace certrenew::softtoken
