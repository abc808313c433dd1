#include "terminal_qr.hpp"

#include <memory>

#include <qrencode.h>

namespace certrenew::cli {

std::string terminal_qr(const std::string& text) {
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
  if (!code) return {};
  const int n = code->width;
  const int quiet = 2;  // light border so phone cameras find the code
  auto dark = [&](int x, int y) {
    if (x < 0 || y < 0 || x >= n || y >= n) return false;
    return (code->data[y * n + x] & 1) != 0;
  };
  std::string out;
  for (int y = -quiet; y < n + quiet; y += 2) {
    for (int x = -quiet; x < n + quiet; ++x) {
      bool top = dark(x, y), bottom = dark(x, y + 1);
      // Dark modules are drawn as spaces on a light block, so it reads on dark terminals too.
      if (top && bottom)
        out += " ";
      else if (top)
        out += "\u2584";
      else if (bottom)
        out += "\u2580";
      else
        out += "\u2588";
    }
    out += '\n';
  }
  return out;
}

}  // namespace certrenew::cli
