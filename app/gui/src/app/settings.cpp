#include "app/settings.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "certrenew/client/store/atomic_file.hpp"

namespace certrenew::gui {

GuiSettings load_settings(const std::filesystem::path& file, std::string* problem) {
  GuiSettings settings;
  std::ifstream in(file, std::ios::binary);
  if (!in) return settings;  // first run
  try {
    const nlohmann::json json = nlohmann::json::parse(in);
    if (!json.is_object()) throw std::runtime_error("not a JSON object");
    if (auto w = json.find("width"); w != json.end() && w->is_number_integer())
      settings.width = std::clamp(w->get<int>(), GuiSettings::kMinWidth, 16384);
    if (auto h = json.find("height"); h != json.end() && h->is_number_integer())
      settings.height = std::clamp(h->get<int>(), GuiSettings::kMinHeight, 16384);
    if (auto l = json.find("language"); l != json.end() && l->is_string()) {
      const std::string code = l->get<std::string>();
      if (code == "zh-CN")
        settings.language = client::Language::zh_CN;
      else if (code == "en")
        settings.language = client::Language::en;
    }
  } catch (const std::exception& e) {
    if (problem) *problem = file.string() + ": " + e.what();
    return GuiSettings{};
  }
  return settings;
}

void save_settings(const std::filesystem::path& file, const GuiSettings& settings) {
  nlohmann::json json = {{"width", settings.width}, {"height", settings.height}};
  if (settings.language) json["language"] = std::string(client::code(*settings.language));
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
  client::write_file_atomically(file, json.dump(2) + "\n");
}

}  // namespace certrenew::gui
