#pragma once
// What the protocol tests share: what a decoder refused with, and amounts in fen.

#include <cstdint>
#include <functional>
#include <string>

#include "certrenew/core/forms/money.hpp"
#include "certrenew/core/protocol/json_field.hpp"

namespace certrenew::protocol::testing {

// The DecodeError's text, or "(no error)" when it decoded.
inline std::string error_of(const std::function<void()>& decode) {
  try {
    decode();
  } catch (const DecodeError& e) {
    return e.what();
  }
  return "(no error)";
}

inline forms::Money fen(std::int64_t amount) {
  return forms::Money::from_fen(amount);
}

}  // namespace certrenew::protocol::testing
