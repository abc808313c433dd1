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

// Encodes `text` into `image` (width 0 when it cannot be encoded).
void encode(const std::string& text, QrImage& image) {
  image.text = text;
  image.width = 0;
  image.dark.clear();
  std::unique_ptr<QRcode, QrDeleter> code(QRcode_encodeString8bit(text.c_str(), 0, QR_ECLEVEL_M));
  if (!code || code->width <= 0) return;
  image.width = code->width;
  const std::size_t n = static_cast<std::size_t>(code->width);
  image.dark.resize(n * n);
  for (std::size_t i = 0; i < n * n; ++i) image.dark[i] = code->data[i] & 1;  // bit 0: dark
}

}  // namespace

bool qr_code(const char* key, const std::string& text, float size_px, QrImage& image) {
  if (image.text != text || image.width == 0) encode(text, image);
  if (image.width == 0) return false;
  const int n = image.width;
  constexpr int kQuiet = 4;  // modules of white border on each side
  const float module = static_cast<float>(static_cast<int>(size_px / (n + 2 * kQuiet)));
  const float side = module * static_cast<float>(n + 2 * kQuiet);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(origin, ImVec2(origin.x + side, origin.y + side), IM_COL32_WHITE);
  for (int y = 0; y < n; ++y) {
    for (int x = 0; x < n; ++x) {
      if (!image.dark[static_cast<std::size_t>(y * n + x)]) continue;
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
