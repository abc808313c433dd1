#pragma once

// The CertRenew driver kit (header-only, C++17 or later): error.hpp is how a driver's C++ code
// says that an operation failed. A DriverError carries the ABI status the host reacts to and the
// sentence that last_error returns; the boundary (boundary.hpp) catches it, and everything else,
// so no exception ever crosses the C ABI.

#include <certrenew/token_driver.h>

#include <stdexcept>
#include <string>

namespace certrenew::driver_kit {

class DriverError : public std::runtime_error {
 public:
  DriverError(crt_status status, const std::string& text)
      : std::runtime_error(text), status_(status) {}
  crt_status status() const noexcept { return status_; }

 private:
  crt_status status_;
};

[[noreturn]] inline void fail(crt_status status, const std::string& text) {
  throw DriverError(status, text);
}

// A NULL pointer, a bad length, an unknown enum value: the caller's mistake.
[[noreturn]] inline void bad_arguments(const std::string& text) {
  fail(CRT_ERR_ARGUMENTS, text);
}

// Refuses a NULL output or input pointer with "<what> is NULL"; the pointer, checked. Reading
// through the returned pointer rather than the argument also tells a compiler that does not
// inline this call (GCC at -O1) that NULL never gets past it.
template <typename T>
T* require(T* pointer, const char* what) {
  if (pointer == nullptr) bad_arguments(std::string(what) + " is NULL");
  return pointer;
}

// Refuses a NULL input that claims a length (NULL with length 0 is an empty input).
template <typename T>
void require_input(const T* data, std::size_t len, const char* what) {
  if (data == nullptr && len > 0) bad_arguments(std::string(what) + " is NULL");
}

}  // namespace certrenew::driver_kit
