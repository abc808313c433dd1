#pragma once
// What the app remembers between runs (window size, language), in gui.json next to the client's
// configuration file. A missing or damaged file gives the defaults; it never stops the app.

#include <filesystem>
#include <optional>
#include <string>

#include "certrenew/client/store/client_config.hpp"

namespace certrenew::gui {

struct GuiSettings {
  static constexpr int kMinWidth = 800;
  static constexpr int kMinHeight = 560;
  int width = 1100;
  int height = 760;
  std::optional<client::Language> language;  // unset: the configuration's language

  bool operator==(const GuiSettings&) const = default;
};

// Defaults for anything missing or out of range; `problem` (if given) says what was wrong.
GuiSettings load_settings(const std::filesystem::path& file, std::string* problem = nullptr);
// Atomic replace; creates the folder. Throws std::system_error / filesystem_error.
void save_settings(const std::filesystem::path& file, const GuiSettings& settings);

}  // namespace certrenew::gui
