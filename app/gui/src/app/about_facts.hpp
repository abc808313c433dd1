#pragma once
// What the about box tells (gathered once by the app).

#include <string>

namespace certrenew::gui {

struct AboutFacts {
  std::string version;
  std::string font;
  std::string service_url;
  std::string data_dir;
};

}  // namespace certrenew::gui
