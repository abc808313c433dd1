#pragma once
// What a protocol decoder refused with: the DecodeError's text, or "(no error)" when it decoded.

#include <functional>
#include <string>

#include "certrenew/core/protocol/json_field.hpp"

namespace certrenew::protocol::testing {

inline std::string error_of(const std::function<void()>& decode) {
  try {
    decode();
  } catch (const DecodeError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace certrenew::protocol::testing
