// PIN care (issue 20): the 修改密码 dialog (current PIN, new PIN twice) and the 解锁 dialog
// (administrator PIN, new user PIN twice), the rules for the new PIN and the tries left shown
// before anything is tried; plus the home screen's pieces: the buttons on a token's line and
// the prompt for a token still on its initial PIN. Every PIN box is masked; the typed PINs live
// in PinCare's buffers only until 确定 and are never in the widget map.
#include <imgui.h>

#include <algorithm>
#include <array>
#include <utility>

#include "certrenew/core/lookup_table.hpp"
#include "controller/pin_care.hpp"
#include "testing/widget_map.hpp"
#include "views/view_common.hpp"
#include "views/views.hpp"
#include "widgets/widgets.hpp"

namespace certrenew::gui::views {
namespace {

using Mode = PinCareDialog::Mode;

std::string rule_text(client::NewPinProblem rule, const client::PinLengths& lengths) {
  switch (rule) {
    case client::NewPinProblem::empty:
      return tr(T::pin_rule_empty);
    case client::NewPinProblem::too_short:
      return trf(T::pin_rule_too_short, lengths.min);
    case client::NewPinProblem::too_long:
      return trf(T::pin_rule_too_long, lengths.max);
    case client::NewPinProblem::confirmation_differs:
      return tr(T::pin_rule_differs);
    case client::NewPinProblem::same_as_current:
      return tr(T::pin_rule_same);
  }
  return {};
}

constexpr auto kNewPinProblemNames =
    std::to_array<std::pair<client::NewPinProblem, std::string_view>>({
        {client::NewPinProblem::empty, "empty"},
        {client::NewPinProblem::too_short, "too_short"},
        {client::NewPinProblem::too_long, "too_long"},
        {client::NewPinProblem::confirmation_differs, "differs"},
        {client::NewPinProblem::same_as_current, "same"},
    });

std::string_view rule_code(client::NewPinProblem rule) {
  return lookup(kNewPinProblemNames, rule).value_or("");
}

// One masked PIN box with its label; true when Enter was pressed in it.
bool pin_box(const char* key, const char* label, PinField& field, float label_width, bool enabled,
             bool focus) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(label);
  ImGui::SameLine();
  ImGui::SetCursorPosX(label_width);
  ImGui::SetNextItemWidth(ui::px(260));
  if (focus) ImGui::SetKeyboardFocusHere();
  ImGui::BeginDisabled(!enabled);
  const bool enter =
      ImGui::InputText((std::string("##") + key).c_str(), field.data(), field.size(),
                       ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::EndDisabled();
  widget_map().add_last_item(key);
  return enter;
}

void tries_line(const PinCareDialog& d) {
  const auto& p = ui::palette();
  std::string text;
  if (d.mode == Mode::change)
    text = d.retries_left ? trf(T::pin_retries, *d.retries_left) : tr(T::pin_retries_unknown);
  else if (d.retries_left)
    text = trf(T::pin_care_admin_retries, *d.retries_left);
  if (text.empty()) return;
  const bool low = d.retries_left && *d.retries_left <= 1;
  ImGui::TextColored(low ? p.danger : p.muted, "%s", text.c_str());
  widget_map().value("pin_care.retries",
                     d.retries_left ? std::to_string(*d.retries_left) : "unknown");
}

void entry(PinCare& care) {
  auto& d = care.dialog;
  const bool change = d.mode == Mode::change;
  const bool busy = care.busy();
  const bool can_type = !busy && !d.locked;
  const char* first = tr(change ? T::pin_care_current : T::pin_care_admin);
  const float label_width =
      std::max({ImGui::CalcTextSize(first).x, ImGui::CalcTextSize(tr(T::pin_care_new)).x,
                ImGui::CalcTextSize(tr(T::pin_care_again)).x}) +
      ImGui::GetStyle().ItemSpacing.x * 2 + ImGui::GetStyle().WindowPadding.x;
  const bool focus = d.focus && can_type;
  const bool focus_new = d.focus_new && can_type && !focus;
  d.focus = false;
  d.focus_new = false;
  bool submit = pin_box("pin_care.current", first, d.current, label_width, can_type, focus);
  submit |= pin_box("pin_care.new", tr(T::pin_care_new), d.fresh, label_width, can_type, focus_new);
  submit |= pin_box("pin_care.again", tr(T::pin_care_again), d.again, label_width, can_type, false);

  const client::PinLengths lengths = client::new_pin_lengths(d.pin);
  ui::muted(
      trf(change ? T::pin_care_change_rules : T::pin_care_unblock_rules, lengths.min, lengths.max));
  tries_line(d);
  if (d.rule) {
    ui::banner("pin_care.rule", rule_text(*d.rule, lengths), ui::Banner::danger);
    widget_map().value("pin_care.rule_code", std::string(rule_code(*d.rule)));
  }
  if (d.problem)
    ui::banner("pin_care.problem", d.problem->in(language()), ui::Banner::danger);
  else if (d.locked)
    ui::banner("pin_care.problem", tr(change ? T::pin_care_user_locked : T::pin_care_admin_locked),
               ui::Banner::danger);
  if (busy) {
    ui::spinner();
    ImGui::SameLine();
    ImGui::TextUnformatted(tr(T::pin_care_busy));
  }
  ImGui::TextColored(ui::palette().muted, "%s", tr(T::pin_never_stored));

  ImGui::Separator();
  ui::align_right(ui::button_width(tr(T::btn_ok)) + ui::button_width(tr(T::btn_cancel)) +
                  ImGui::GetStyle().ItemSpacing.x);
  if (ui::button("pin_care.cancel", tr(T::btn_cancel), !busy) || (!busy && ui::escape_pressed())) {
    ui::wipe_text_input_state();
    care.close();
    return;
  }
  ImGui::SameLine();
  if (ui::primary_button("pin_care.ok", tr(T::btn_ok), can_type)) submit = true;
  if (can_type && ui::enter_pressed()) submit = true;
  if (submit && can_type) {
    ui::wipe_text_input_state();
    care.submit();
  }
}

void finished(PinCare& care) {
  const bool change = care.dialog.mode == Mode::change;
  ui::banner("pin_care.done", tr(change ? T::pin_care_changed : T::pin_care_unblocked),
             ui::Banner::info);
  ImGui::Separator();
  if (ui::closing_button("pin_care.close", tr(T::btn_close), ui::ButtonLook::primary)) care.close();
}

}  // namespace

void pin_care_dialog(PinCare& care) {
  auto& d = care.dialog;
  if (!d.open) return;
  const bool change = d.mode == Mode::change;
  bool open = d.open;
  if (!ui::begin_modal(change ? "change_pin" : "unblock_pin",
                       tr(change ? T::pin_care_change_title : T::pin_care_unblock_title),
                       ui::px(560), &open))
    return;
  ui::wrapped(
      trf(change ? T::pin_care_change_intro : T::pin_care_unblock_intro, ui::need(d.token_label)));
  widget_map().value("pin_care.token", d.token_id);
  ImGui::Spacing();
  if (d.done)
    finished(care);
  else
    entry(care);
  ui::end_modal();
}

void token_pin_buttons(PinCare& care, const client::TokenEntry& token, const std::string& key,
                       bool enabled) {
  const auto& pin = token.info.pin;
  const bool change = token.info.can_change_pin && !pin.locked;
  const bool unblock = token.info.can_unblock_pin && pin.locked;
  if (!change && !unblock) return;
  // On a line of their own under the token's (which a long model name may fill), in line with
  // its text.
  const float indent = ImGui::GetTreeNodeToLabelSpacing();
  ImGui::Indent(indent);
  if (change && ui::link((key + ".change_pin").c_str(), tr(T::btn_change_pin), enabled))
    care.open_change(token);
  if (unblock && ui::link((key + ".unblock_pin").c_str(), tr(T::btn_unblock_pin), enabled))
    care.open_unblock(token);
  ImGui::Unindent(indent);
}

void token_pin_prompts(const client::TokenEntry& token, const std::string& key) {
  const auto& pin = token.info.pin;
  if (pin.is_default && !pin.locked && token.info.can_change_pin)
    ui::banner((key + ".default_pin").c_str(), trf(T::home_default_pin, ui::need(token.info.label)),
               ui::Banner::warning);
  if (pin.locked && token.info.can_unblock_pin)
    ui::banner((key + ".unblock_hint").c_str(),
               trf(T::home_unblock_hint, ui::need(token.info.label)), ui::Banner::info);
}

}  // namespace certrenew::gui::views
