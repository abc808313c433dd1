// 关于: version, what the app does, the font in use, the service and the data folder.
#include <imgui.h>

#include "app/about_facts.hpp"
#include "app/strings.hpp"
#include "views/views.hpp"
#include "widgets/widgets.hpp"

namespace certrenew::gui::views {

void about(const AboutFacts& facts, bool* open) {
  if (!ui::begin_modal("about", tr(T::about_title), ui::px(560), open)) return;
  ui::heading("CertRenew");
  ImGui::TextUnformatted(trf(T::about_version, facts.version).c_str());
  ImGui::Spacing();
  ui::wrapped(tr(T::about_text));
  ImGui::Spacing();
  ui::muted(trf(T::about_font, facts.font));
  ui::muted(trf(T::about_service, facts.service_url));
  ui::muted(trf(T::about_data, facts.data_dir));
  ImGui::Separator();
  if (ui::closing_button("about.close", tr(T::btn_close))) {
    ui::close_modal(*open);
  }
  ui::end_modal();
}

}  // namespace certrenew::gui::views
