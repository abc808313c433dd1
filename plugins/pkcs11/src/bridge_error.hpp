#pragma once

#include <certrenew/token_driver.h>

#include <stdexcept>
#include <string>

namespace certrenew::pkcs11 {

// Every failure inside the bridge: an ABI status and a sentence for last_error. The ABI entry
// points catch it (and everything else) so nothing crosses the C boundary.
class DriverError : public std::runtime_error {
 public:
  DriverError(crt_status status, const std::string& text)
      : std::runtime_error(text), status_(status) {}
  crt_status status() const { return status_; }

 private:
  crt_status status_;
};

[[noreturn]] inline void fail(crt_status status, const std::string& text) {
  throw DriverError(status, text);
}

}  // namespace certrenew::pkcs11
