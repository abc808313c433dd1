#pragma once
// A QR code (libqrencode) drawn as ImGui rectangles, with the quiet zone the standard asks for.

#include <string>

namespace certrenew::gui::ui {

// Draws `text` as a QR code `size_px` wide at the cursor. Returns false (and draws nothing) if
// the text cannot be encoded.
bool qr_code(const char* key, const std::string& text, float size_px);

}  // namespace certrenew::gui::ui
