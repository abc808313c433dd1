// Errors as readable dialogs, never silent: the message in the chosen language, technical
// details folded away, Enter or Escape to close. One error at a time, oldest first.
#include <imgui.h>

#include "controller/session.hpp"
#include "testing/widget_map.hpp"
#include "views/views.hpp"
#include "widgets/widgets.hpp"

namespace certrenew::gui::views {

void error_dialog(Session& s) {
  bool open = !s.errors().empty();
  if (!ui::begin_modal("error", tr(T::error_title), ui::px(520), &open)) return;
  const ErrorText e = s.errors().front();
  ImGui::PushStyleColor(ImGuiCol_Text, ui::palette().danger);
  ImGui::TextUnformatted("!");
  ImGui::PopStyleColor();
  ImGui::SameLine();
  ImGui::TextUnformatted(ui::wrap_to(ui::need(e.in(language())), ui::px(470)).c_str());
  widget_map().value("error.message", e.in(language()));
  if (e.kind) widget_map().value("error.kind", std::string(client::code(*e.kind)));
  if (!e.detail.empty()) {
    ImGui::Spacing();
    // Folded for every new error: ImGui would remember the last error's choice.
    if (ImGui::IsWindowAppearing()) ImGui::SetNextItemOpen(false, ImGuiCond_Always);
    if (ImGui::CollapsingHeader(tr(T::error_details))) {
      ImGui::PushTextWrapPos(ui::px(500));
      ImGui::TextColored(ui::palette().muted, "%s", ui::need(e.detail).c_str());
      ImGui::PopTextWrapPos();
    }
  }
  ImGui::Separator();
  if (ui::closing_button("error.ok", tr(T::btn_ok), ui::ButtonLook::primary)) {
    s.dismiss_error();
    ImGui::CloseCurrentPopup();
  }
  ui::end_modal();
}

}  // namespace certrenew::gui::views
