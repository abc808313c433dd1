// Steps 5 and 9: the certificate PIN. Masked entry; the tries left as the token reports them (or
// "unknown"); a warning before the final try; a locked token explained. After 确定 the signing
// (or installing) runs in the background and its stages show here.
#include <imgui.h>

#include "controller/session.hpp"
#include "testing/widget_map.hpp"
#include "views/view_common.hpp"
#include "views/views.hpp"
#include "widgets/widgets.hpp"

namespace certrenew::gui::views {

void pin_dialog(Session& s) {
  const PinPrompt& pin = s.pin();
  bool open = pin.open;
  if (!ui::begin_modal("pin", tr(T::pin_title), ui::px(520), &open)) return;
  const bool busy = s.busy();
  const auto token = s.flow_token();
  const std::string token_label =
      token ? token->info.label : (s.flow().certificate ? s.flow().certificate->token.label : "");
  ui::wrapped(trf(T::pin_prompt, ui::need(token_label)));
  ImGui::Spacing();

  bool submit = false;
  const bool pin_pad = token && token->info.pin_pad;
  if (pin_pad) {
    ui::banner("pin.pad", tr(T::pin_pad), ui::Banner::info);
  } else {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr(T::pin_label));
    ImGui::SameLine();
    ImGui::SetCursorPosX(ui::px(80));
    ImGui::SetNextItemWidth(ui::px(260));
    if (!busy && s.take_pin_focus()) ImGui::SetKeyboardFocusHere();
    ImGui::BeginDisabled(busy || pin.locked);
    const std::span<char> entry = s.pin_entry();
    if (ImGui::InputText("##pin.input", entry.data(), entry.size(),
                         ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue))
      submit = true;
    ImGui::EndDisabled();
    widget_map().add_last_item("pin.input");
  }

  // Tries left, the final-try warning, the last answer.
  const auto& p = ui::palette();
  if (pin.locked) {
    ui::banner("pin.locked", tr(T::pin_locked), ui::Banner::danger);
  } else {
    const std::string tries = pin.retries_left ? trf(T::pin_retries, *pin.retries_left)
                                               : std::string(tr(T::pin_retries_unknown));
    ImGui::TextColored(pin.final_try ? p.danger : p.muted, "%s", tries.c_str());
    widget_map().value("pin.retries",
                       pin.retries_left ? std::to_string(*pin.retries_left) : "unknown");
    if (pin.problem) ui::banner("pin.problem", pin.problem->in(language()), ui::Banner::danger);
    if (pin.final_try) ui::banner("pin.final_try", tr(T::pin_final_try), ui::Banner::warning);
  }
  ImGui::TextColored(p.muted, "%s", tr(T::pin_never_stored));

  if (busy && s.busy_state()) {
    ImGui::Separator();
    const auto& b = *s.busy_state();
    if (b.kind == BusyState::Kind::sign) {
      ui::wrapped(tr(T::sign_busy));
      stage_list(kSignStages, 5, std::max(0, b.stage), false);
    } else if (b.kind == BusyState::Kind::install) {
      ui::wrapped(tr(T::install_intro));
      stage_list(kInstallStages, 8, std::max(0, b.stage), false);
    } else {
      ui::spinner();
      ImGui::SameLine();
      ImGui::TextUnformatted(tr(b.what));
    }
  }

  ImGui::Separator();
  const float bw = ImGui::CalcTextSize(tr(T::btn_ok)).x + ImGui::CalcTextSize(tr(T::btn_cancel)).x +
                   ImGui::GetStyle().FramePadding.x * 4 + ImGui::GetStyle().ItemSpacing.x;
  ui::align_right(bw);
  if (ui::button("pin.cancel", tr(T::btn_cancel), !busy) || (!busy && ui::escape_pressed())) {
    ui::wipe_text_input_state();
    s.cancel_pin();
    ImGui::CloseCurrentPopup();
  }
  ImGui::SameLine();
  if (ui::primary_button("pin.ok", tr(T::btn_ok), !busy && !pin.locked)) submit = true;
  if (!busy && !pin.locked && ui::enter_pressed()) submit = true;
  if (submit && !busy) {
    ui::wipe_text_input_state();
    s.confirm_pin();
  }
  nested_error_dialog(s);
  ui::end_modal();
}

}  // namespace certrenew::gui::views
