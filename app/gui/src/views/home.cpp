// Step 1 (证书续期): the tokens present and their certificates. The list follows the token
// inventory, which the session polls in the background, so plugging a token in or pulling it
// out shows up by itself.
#include <imgui.h>

#include "controller/session.hpp"
#include "controller/text_format.hpp"
#include "testing/widget_map.hpp"
#include "views/view_common.hpp"
#include "views/views.hpp"
#include "widgets/widgets.hpp"

namespace certrenew::gui::views {
namespace {

void tokens_section(Session& s, PinCare& pin_care) {
  const auto& inv = s.inventory();
  ui::section(tr(T::home_tokens));
  if (!inv.loaded) {
    ui::spinner();
    ImGui::SameLine();
    ImGui::TextUnformatted(tr(T::home_scanning));
    return;
  }
  if (inv.tokens.empty()) {
    ui::banner("home.no_token", tr(T::home_no_token), ui::Banner::info);
    return;
  }
  int i = 0;
  for (const auto& t : inv.tokens) {
    const std::string key = "home.token." + std::to_string(i++);
    ImGui::PushID(key.c_str());
    ImGui::Bullet();
    ImGui::TextUnformatted(ui::need(trf(T::home_token_line, t.info.label, t.info.id)).c_str());
    widget_map().add_last_item(key);
    widget_map().value(key, t.info.label);
    ImGui::SameLine();
    ImGui::TextColored(ui::palette().muted, "%s",
                       ui::need(t.info.manufacturer + " " + t.info.model).c_str());
    ImGui::SameLine();
    const auto& pin = t.info.pin;
    std::string tries = pin.locked         ? tr(T::home_token_locked)
                        : pin.retries_left ? std::to_string(*pin.retries_left)
                                           : tr(T::unknown);
    ImGui::TextColored(pin.locked || pin.final_try ? ui::palette().danger : ui::palette().muted,
                       "%s", trf(T::home_token_pin, tries).c_str());
    token_pin_buttons(pin_care, t, key, !s.busy());
    ImGui::PopID();
    token_pin_prompts(t, key);
  }
}

void certificate_table(Session& s) {
  const auto& inv = s.inventory();
  ui::section(tr(T::home_certificates));
  if (inv.loaded && !inv.tokens.empty() && inv.certificates.empty()) {
    ui::muted(tr(T::home_no_certificate));
    return;
  }
  if (inv.certificates.empty()) return;
  // The first choice is a certificate still in use, not one that a renewal replaced.
  if (s.selected_fingerprint().empty() || !s.selected_certificate()) {
    const client::CertificateEntry* first = &inv.certificates.front();
    for (const auto& c : inv.certificates)
      if (!client::successor_of(inv.certificates, c)) {
        first = &c;
        break;
      }
    s.select_certificate(certificate_key(*first));
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("##certificates", 5, flags)) return;
  ImGui::TableSetupColumn(tr(T::col_subject), ImGuiTableColumnFlags_WidthStretch, 2.4f);
  ImGui::TableSetupColumn(tr(T::col_issuer), ImGuiTableColumnFlags_WidthStretch, 2.0f);
  ImGui::TableSetupColumn(tr(T::col_valid_until), ImGuiTableColumnFlags_WidthStretch, 1.1f);
  ImGui::TableSetupColumn(tr(T::col_days_left), ImGuiTableColumnFlags_WidthStretch, 1.1f);
  ImGui::TableSetupColumn(tr(T::col_status), ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableHeadersRow();
  int i = 0;
  for (const auto& c : inv.certificates) {
    const std::string key = "home.cert." + std::to_string(i++);
    const std::string fp = certificate_key(c);
    const auto& x = c.certificate;
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    std::string cn = x.subject.first("CN");
    if (cn.empty()) cn = x.subject.display();
    const std::string org = x.subject.first("O");
    const bool selected = fp == s.selected_fingerprint();
    // Cells too narrow for their text end in an ellipsis rather than a cut character.
    const float cell = ImGui::GetContentRegionAvail().x;
    const std::string shown_cn = ui::fit_to(cn, cell);
    if (ImGui::Selectable(
            (shown_cn + "##" + key).c_str(), selected,
            ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowDoubleClick)) {
      s.select_certificate(fp);
      if (ImGui::IsMouseDoubleClicked(0)) s.view_certificate(c);
    }
    widget_map().add_last_item(key);
    widget_map().value(key + ".subject", cn);
    widget_map().value(key + ".not_after", local_date(x.not_after));
    const float left =
        cell - ImGui::CalcTextSize(shown_cn.c_str()).x - ImGui::GetStyle().ItemSpacing.x;
    if (!org.empty() && shown_cn == cn && left > ImGui::CalcTextSize("…").x * 2) {
      ImGui::SameLine();
      ImGui::TextColored(ui::palette().muted, "%s", ui::fit_to(org, left).c_str());
    }
    auto cell_text = [](const std::string& text) {
      ImGui::TextUnformatted(ui::fit_to(text, ImGui::GetContentRegionAvail().x).c_str());
    };
    ImGui::TableSetColumnIndex(1);
    std::string issuer = x.issuer.first("CN");
    cell_text(issuer.empty() ? x.issuer.display() : issuer);
    ImGui::TableSetColumnIndex(2);
    cell_text(local_date(x.not_after));
    ImGui::TableSetColumnIndex(3);
    cell_text(time_left_text(x));
    ImGui::TableSetColumnIndex(4);
    if (client::successor_of(inv.certificates, c)) {
      ImGui::TextColored(ui::palette().success, "%s", tr(T::status_renewed));
      widget_map().value(key + ".status", "renewed");
    } else {
      validity_badge(validity_of(x));
      widget_map().value(key + ".status", "current");
    }
  }
  ImGui::EndTable();
}

void selection_panel(Session& s) {
  auto chosen = s.selected_certificate();
  if (!chosen) {
    if (!s.inventory().certificates.empty()) ui::muted(tr(T::home_select_hint));
    return;
  }
  const auto& x = chosen->certificate;
  const Validity v = validity_of(x);
  ImGui::Spacing();
  // A renewed certificate stays on the token (retire policy "keep"): it says where its successor
  // is instead of warning about an expiry that no longer matters.
  if (const auto* next = client::successor_of(s.inventory().certificates, *chosen)) {
    ui::banner("home.renewed", trf(T::home_renewed, local_date(next->certificate.not_after)),
               ui::Banner::info);
    return;
  }
  switch (v) {
    case Validity::expired:
      ui::banner("home.expired", tr(T::home_expired_guidance), ui::Banner::danger);
      break;
    case Validity::not_yet_valid:
      ui::banner("home.not_yet_valid", tr(T::home_not_yet_valid), ui::Banner::warning);
      break;
    case Validity::expiring:
      ui::banner("home.expiry_warning",
                 trf(T::home_expiry_warning, local_date_time(x.not_after), time_left_text(x)),
                 ui::Banner::warning);
      // Issue 19: the reminder offers the renewal itself, not only the footer's button.
      if (open_record_for(s.inventory(), *chosen) == nullptr &&
          ui::primary_button("home.expiry_renew", tr(T::home_expiry_renew_now), !s.busy()))
        s.renew(*chosen);
      break;
    case Validity::valid:
      break;
  }
  // Some tokens (PKCS#11) list private keys only after login: not an error here, the flow
  // checks the key once the PIN is given.
  if (!chosen->has_private_key && v != Validity::expired)
    ui::banner("home.no_key", tr(T::home_no_key), ui::Banner::info);
  if (const auto* record = open_record_for(s.inventory(), *chosen))
    ui::banner("home.open_application",
               trf(T::panel_open_application, record->business_no,
                   state_label(record->business_state), state_label(record->payment_state)),
               ui::Banner::info);
}

}  // namespace

void home(Session& s, PinCare& pin_care) {
  begin_screen(tr(T::home_title), 0);
  tokens_section(s, pin_care);
  ImGui::Spacing();
  certificate_table(s);
  selection_panel(s);
  const auto& problems = s.inventory().problems;
  if (!problems.empty()) {
    ImGui::Spacing();
    ui::section(tr(T::home_driver_problems));
    for (const auto& p : problems)
      ui::muted(p.driver + (p.token_id.empty() ? "" : " / " + p.token_id) + ": " + p.message);
  }
  begin_footer();
  auto chosen = s.selected_certificate();
  if (ui::button("home.view", tr(T::btn_view_certificate), chosen.has_value())) {
    s.view_certificate(*chosen);
  }
  ImGui::SameLine();
  if (ui::button("home.refresh", tr(T::btn_refresh), !s.busy())) s.refresh_inventory();
  ImGui::SameLine();
  ui::busy_spinner(s.busy());
  ui::align_right(ui::button_width(tr(T::btn_renew)));
  // An expired certificate keeps the button (so the guidance is where the user looks) but the
  // flow sends it to the service-hall screen instead of an application.
  const bool renewed =
      chosen && client::successor_of(s.inventory().certificates, *chosen) != nullptr;
  if (ui::primary_button("home.renew", tr(T::btn_renew), chosen && !renewed && !s.busy()))
    s.renew(*chosen);
  end_screen();
}

}  // namespace certrenew::gui::views
