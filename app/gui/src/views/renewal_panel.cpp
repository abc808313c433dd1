// Step 2: the renewal panel of the chosen certificate, with the guide's three buttons, each
// enabled by where the application stands: 申请续期 (no application yet), 查询进度 (one is
// open), 安装证书 (approved).
#include <imgui.h>

#include "certrenew/client/catalogues.hpp"
#include "controller/session.hpp"
#include "controller/text_format.hpp"
#include "views/view_common.hpp"
#include "views/views.hpp"
#include "widgets/widgets.hpp"

namespace certrenew::gui::views {
namespace {

bool action_card(const char* key, const char* title, const char* hint, bool enabled, bool primary,
                 float width) {
  ImGui::BeginGroup();
  const ImVec2 size(width, ImGui::GetFrameHeight() * 1.8f);
  const bool pressed = primary && enabled ? ui::primary_button(key, title, enabled, size)
                                          : ui::button(key, title, enabled, size);
  ImGui::TextColored(ui::palette().muted, "%s", ui::wrap_to(hint, width).c_str());
  ImGui::EndGroup();
  return pressed;
}

// SM2 dual-certificate holders (issue 21): before applying, are sealed bids waiting to be
// opened? They stay readable: the previous encryption key is kept on the token.
void sealed_bids_notice() {
  const auto& words = client::catalogues::flow_words();
  const std::string text = std::string(words.at("sealed_bids.question").in(language())) + "\n" +
                           std::string(words.at("sealed_bids.explanation").in(language()));
  ui::banner("panel.sealed_bids", text, ui::Banner::info);
  ImGui::Spacing();
}

}  // namespace

void renewal_panel(Session& s) {
  using client::FlowStep;
  const auto& f = begin_certificate_screen(s, tr(T::panel_title), 2);
  if (f.record) {
    const std::string state =
        f.view ? state_label(f.view->state) : state_label(f.record->business_state);
    const std::string payment =
        f.view ? state_label(f.view->payment_state) : state_label(f.record->payment_state);
    ui::banner("panel.application",
               trf(T::panel_open_application, f.record->business_no, state, payment),
               ui::Banner::info);
    ImGui::Spacing();
  }
  if (f.step == FlowStep::renewal_panel && f.certificate && f.certificate->encryption_certificate)
    sealed_bids_notice();
  const bool idle = !s.busy();
  const float spacing = ImGui::GetStyle().ItemSpacing.x * 2;
  const float width = (ImGui::GetContentRegionAvail().x - 2 * spacing) / 3.0f;
  const bool can_apply = f.step == FlowStep::renewal_panel && idle;
  const bool can_query = f.record.has_value() && idle;
  const bool can_install = f.step == FlowStep::ready_to_install && idle;
  if (action_card("panel.apply", tr(T::btn_apply), tr(T::panel_apply_hint), can_apply, can_apply,
                  width))
    s.apply();
  ImGui::SameLine(0, spacing);
  if (action_card("panel.progress", tr(T::btn_progress), tr(T::panel_progress_hint), can_query,
                  can_query && !can_install && f.step != FlowStep::payment, width))
    s.check_progress();
  ImGui::SameLine(0, spacing);
  if (action_card("panel.install", tr(T::btn_install), tr(T::panel_install_hint), can_install,
                  can_install, width))
    s.open_install();
  if (f.step == FlowStep::payment) {
    ImGui::Spacing();
    if (ui::primary_button("panel.payment", tr(T::btn_continue_payment), idle))
      s.continue_payment();
  }
  if (s.busy()) {
    ImGui::Spacing();
    ui::spinner();
    ImGui::SameLine();
    ImGui::TextUnformatted(tr(s.busy_state()->what));
  }
  begin_footer();
  if (ui::button("panel.home", tr(T::btn_home), idle)) s.go_home();
  end_screen();
}

}  // namespace certrenew::gui::views
