#include "certrenew/plugins/return_codes.hpp"

#include <cinttypes>
#include <cstdio>

namespace certrenew::plugins {

std::string code_hex(std::uint64_t code) {
  char text[24];
  std::snprintf(text, sizeof text, "0x%08" PRIX64, code);
  return text;
}

}  // namespace certrenew::plugins
