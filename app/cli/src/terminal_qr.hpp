#pragma once
#include <string>

namespace certrenew::cli {

// The text as a QR code drawn with Unicode half blocks (two modules per character cell), for the
// online payment link; empty if it cannot be encoded.
std::string terminal_qr(const std::string& text);

}  // namespace certrenew::cli
