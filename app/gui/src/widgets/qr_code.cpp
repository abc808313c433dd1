#include "widgets/qr_code.hpp"

#include <imgui.h>
#include <qrencode.h>

#include <memory>

#include "testing/widget_map.hpp"

namespace certrenew::gui::ui {
namespace {

struct QrDeleter {
  void operator()(QRcode* code) const { QRcode_free(code); }
};
using QrPtr = std::unique_ptr<QRcode, QrDeleter>;

// Encoding is cheap but not free; a payment page shows the same text every frame.
struct Cache {
  std::string text;
  QrPtr code;
};

}  // namespace

bool qr_code(const char* key, const std::string& text, float size_px) {
  static Cache cache;
  if (cache.text != text || !cache.code) {
    cache.text = text;
    cache.code.reset(QRcode_encodeString8bit(text.c_str(), 0, QR_ECLEVEL_M));
  }
  if (!cache.code) return false;
  const int n = cache.code->width;
  constexpr int kQuiet = 4;  // modules of white border on each side
  const float module = static_cast<float>(static_cast<int>(size_px / (n + 2 * kQuiet)));
  const float side = module * static_cast<float>(n + 2 * kQuiet);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(origin, ImVec2(origin.x + side, origin.y + side), IM_COL32_WHITE);
  const unsigned char* data = cache.code->data;
  for (int y = 0; y < n; ++y) {
    for (int x = 0; x < n; ++x) {
      if (!(data[y * n + x] & 1)) continue;  // bit 0: dark module
      const ImVec2 a(origin.x + module * static_cast<float>(x + kQuiet),
                     origin.y + module * static_cast<float>(y + kQuiet));
      dl->AddRectFilled(a, ImVec2(a.x + module, a.y + module), IM_COL32_BLACK);
    }
  }
  ImGui::Dummy(ImVec2(side, side));
  widget_map().add_last_item(key);
  widget_map().value(key, text);
  return true;
}

}  // namespace certrenew::gui::ui
