// Step 3: the electronic certification service agreement in full, scrollable; 下一步 only once
// 我接受电子认证服务协议内容 is ticked.
#include <imgui.h>

#include <sstream>

#include "controller/session.hpp"
#include "views/view_common.hpp"
#include "views/views.hpp"
#include "widgets/widgets.hpp"

namespace certrenew::gui::views {
namespace {

// The agreement is Markdown with headings and numbered paragraphs: enough to show it as a
// document without a Markdown library.
void agreement_text(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("# ", 0) == 0) {
      ui::heading(ui::need(line.substr(2)).c_str());
    } else if (line.rfind("## ", 0) == 0) {
      ImGui::Spacing();
      ImGui::TextColored(ui::palette().accent_active, "%s", ui::need(line.substr(3)).c_str());
    } else if (line.empty()) {
      ImGui::Spacing();
    } else {
      ui::wrapped(line);
    }
  }
}

}  // namespace

void agreement(Session& s) {
  begin_screen(tr(T::agreement_title), 3);
  const auto& text = s.agreement();
  if (!text) {
    ui::spinner();
    ImGui::SameLine();
    ImGui::TextUnformatted(tr(T::agreement_loading));
  } else {
    ImGui::TextColored(ui::palette().muted, "%s",
                       trf(T::agreement_version, ui::need(text->version)).c_str());
    const float below = ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ui::palette().panel);
    ImGui::BeginChild("##agreement_text", ImVec2(0, -below), true);
    agreement_text(text->text);
    ImGui::EndChild();
    ImGui::PopStyleColor();
    ui::checkbox("agreement.accept", tr(T::agreement_accept), &s.agreement_ticked);
  }
  begin_footer();
  const bool idle = !s.busy();
  if (ui::button("agreement.back", tr(T::btn_back), idle)) s.back();
  ImGui::SameLine();
  if (s.busy()) {
    ui::spinner();
    ImGui::SameLine();
  }
  const float w = ImGui::CalcTextSize(tr(T::btn_next)).x + ImGui::GetStyle().FramePadding.x * 2;
  ui::align_right(w);
  if (ui::primary_button("agreement.next", tr(T::btn_next),
                         idle && text.has_value() && s.agreement_ticked))
    s.accept_agreement();
  end_screen();
}

}  // namespace certrenew::gui::views
