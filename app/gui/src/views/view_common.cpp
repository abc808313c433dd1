#include "views/view_common.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // FindWindowByName

#include "controller/session.hpp"
#include "controller/text_format.hpp"
#include "views/views.hpp"
#include "widgets/widgets.hpp"

namespace certrenew::gui::views {
void begin_screen(const char* title, int step) {
  ui::heading(title);
  if (step > 0) {
    ImGui::Spacing();
    ui::step_strip(step);
  }
  ImGui::Separator();
  const float footer =
      ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y * 2 + ui::px(4);
  ImGui::BeginChild("##body", ImVec2(0, -footer), false);
}

void begin_footer() {
  ImGui::EndChild();
  ImGui::Separator();
  ImGui::Spacing();
}

void end_screen() {}

const FlowSnapshot& begin_certificate_screen(Session& s, const char* title, int step) {
  begin_screen(title, step);
  const FlowSnapshot& f = s.flow();
  if (f.certificate) certificate_summary(*f.certificate);
  ImGui::Spacing();
  return f;
}

FooterPress back_and_forward(bool busy, const FooterButton& back, const FooterButton& forward,
                             BusySpinner spinner) {
  FooterPress pressed = FooterPress::none;
  if (ui::button(back.key, back.text, !busy && back.ready)) pressed = FooterPress::back;
  ImGui::SameLine();
  if (spinner == BusySpinner::shown) ui::busy_spinner(busy);
  ui::align_right(ui::button_width(forward.text));
  if (ui::primary_button(forward.key, forward.text, !busy && forward.ready))
    pressed = FooterPress::forward;
  return pressed;
}

void fee_item_rows(const std::vector<client::FeeItem>& items) {
  for (const auto& item : items) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextUnformatted(ui::need(item.name.in(language())).c_str());
    ImGui::TableSetColumnIndex(1);
    ImGui::TextUnformatted(trf(T::fee_per_year, yuan(item.unit_price)).c_str());
    ImGui::TableSetColumnIndex(2);
    ImGui::Text("%d", item.quantity);
    ImGui::TableSetColumnIndex(3);
    ImGui::TextUnformatted(trf(T::yuan_amount, yuan(item.subtotal)).c_str());
  }
}

Validity validity_of(const x509::Certificate& c) {
  const auto now = std::chrono::system_clock::now();
  if (std::chrono::floor<std::chrono::seconds>(now) < c.not_before) return Validity::not_yet_valid;
  const long days = c.days_left(now);
  if (has_passed(c.not_after, now)) return Validity::expired;
  return days <= kExpiryWarningDays ? Validity::expiring : Validity::valid;
}

const char* validity_text(Validity v) {
  switch (v) {
    case Validity::valid:
      return tr(T::status_valid);
    case Validity::expiring:
      return tr(T::status_expiring);
    case Validity::expired:
      return tr(T::status_expired);
    case Validity::not_yet_valid:
      return tr(T::status_not_yet_valid);
  }
  return "";
}

void validity_badge(Validity v) {
  const auto& p = ui::palette();
  const ImVec4 c = v == Validity::valid      ? p.success
                   : v == Validity::expiring ? p.warning
                                             : p.danger;
  ImGui::TextColored(c, "%s", validity_text(v));
}

void refund_due_banner(const client::ApplicationView& view) {
  if (view.refund_due.fen() <= 0) return;
  ui::banner("refund_due", trf(T::refund_due, yuan(view.refund_due), view.business_no),
             ui::Banner::warning);
}

void certificate_summary(const client::CertificateEntry& e) {
  const auto& c = e.certificate;
  const std::string subject = c.subject.display();
  const std::string issuer = c.issuer.display();
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ui::palette().panel);
  const float h = ImGui::GetTextLineHeightWithSpacing() * 4 + ImGui::GetStyle().WindowPadding.y * 2;
  ImGui::BeginChild("##certificate_summary", ImVec2(0, h), true);
  ui::value_row("summary.subject", tr(T::col_subject), ui::need(subject));
  ui::value_row("summary.issuer", tr(T::col_issuer), ui::need(issuer));
  ui::value_row("summary.valid", tr(T::cert_validity),
                trf(T::validity_range, local_date(c.not_before), local_date(c.not_after)));
  const Validity v = validity_of(c);
  ImGui::PushStyleColor(ImGuiCol_Text, ui::palette().muted);
  ImGui::TextUnformatted(tr(T::col_days_left));
  ImGui::PopStyleColor();
  ImGui::SameLine();
  ImGui::SetCursorPosX(ui::px(150) + ImGui::GetStyle().WindowPadding.x);
  ImGui::TextUnformatted(time_left_text(c).c_str());
  ImGui::SameLine();
  validity_badge(v);
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

void stage_list(const T* names, int count, int current, bool failed) {
  const auto& p = ui::palette();
  for (int i = 0; i < count; ++i) {
    const float x = ImGui::GetCursorPosX();
    if (i < current) {
      ImGui::TextColored(p.success, "%s", "●");
    } else if (i == current && !failed) {
      ui::spinner();
    } else if (i == current && failed) {
      ImGui::TextColored(p.danger, "%s", "●");
    } else {
      ImGui::TextColored(ImVec4(0.8f, 0.82f, 0.85f, 1), "%s", "○");
    }
    ImGui::SameLine();
    ImGui::SetCursorPosX(x + ui::px(28));
    ImGui::TextColored(i <= current ? p.text : p.muted, "%s", tr(names[i]));
  }
}

// The frame's dialogs need no state of their own: ImGui knows whether the error dialog's window
// ("###error", whatever its title) was already begun in this frame.
void begin_frame_dialogs() {}

void nested_error_dialog(Session& session) {
  if (session.errors().empty()) return;
  const ImGuiWindow* drawn = ImGui::FindWindowByName("###error");
  if (drawn && drawn->LastFrameActive == ImGui::GetFrameCount()) return;
  error_dialog(session);
}

std::string time_left_text(const x509::Certificate& c) {
  using namespace std::chrono;
  const auto now = floor<seconds>(system_clock::now());
  const long days = c.days_left(now);
  if (days < 0) return trf(T::days_expired, -days);
  if (days > kExpiryWarningDays) return trf(T::days_left, days);
  const auto remaining = system_clock::time_point(c.not_after) - now;
  const long h =
      static_cast<long>(floor<hours>(remaining - floor<std::chrono::days>(remaining)).count());
  return days == 0 ? trf(T::hours_left, h) : trf(T::days_hours_left, days, h);
}

}  // namespace certrenew::gui::views
