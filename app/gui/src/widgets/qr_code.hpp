#pragma once
// A QR code (libqrencode) drawn as ImGui rectangles, with the quiet zone the standard asks for.

#include <string>
#include <vector>

namespace certrenew::gui::ui {

// The modules of the last text drawn: encoding is cheap but not free, and a payment page shows
// the same text every frame. The screen owns it (views/screen_state.hpp).
struct QrImage {
  std::string text;
  int width = 0;                    // modules per side; 0: nothing encoded
  std::vector<unsigned char> dark;  // width * width, row by row: 1 for a dark module
};

// Draws `text` as a QR code `size_px` wide at the cursor. Returns false (and draws nothing) if
// the text cannot be encoded.
bool qr_code(const char* key, const std::string& text, float size_px, QrImage& image);

}  // namespace certrenew::gui::ui
