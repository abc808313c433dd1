// Step 8: 查询进度. The application's states as a timeline, the usual 1–3 working days, the
// time of the last check, and automatic refreshing while the screen is shown.
#include <imgui.h>

#include "controller/session.hpp"
#include "controller/text_format.hpp"
#include "testing/widget_map.hpp"
#include "views/view_common.hpp"
#include "views/views.hpp"
#include "widgets/widgets.hpp"

namespace certrenew::gui::views {
namespace {

using protocol::BusinessState;
using protocol::PaymentState;

// How far along the timeline the application is: index of the last reached point.
int reached(const FlowSnapshot& f) {
  const BusinessState s = f.view     ? f.view->state
                          : f.record ? f.record->business_state
                                     : BusinessState::entered;
  const PaymentState p = f.view     ? f.view->payment_state
                         : f.record ? f.record->payment_state
                                    : PaymentState::unpaid;
  switch (s) {
    case BusinessState::entered:
      return p == PaymentState::paid ? 1 : 0;
    case BusinessState::under_review:
      return 2;
    case BusinessState::approved:
      return 3;
    case BusinessState::completed:
      return 4;
    case BusinessState::rejected:
      return 2;
    case BusinessState::cancelled:
      return 0;
  }
  return 0;
}

void timeline(int last, bool rejected) {
  static constexpr T kPoints[] = {T::progress_submitted, T::progress_paid, T::progress_review,
                                  T::progress_approved, T::progress_installed};
  const auto& p = ui::palette();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float r = ui::px(8);
  const float row = ImGui::GetTextLineHeight() + ui::px(18);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  for (int i = 0; i < 5; ++i) {
    const ImVec2 c(origin.x + r + ui::px(4),
                   origin.y + row * static_cast<float>(i) + r + ui::px(2));
    if (i < 4)
      dl->AddLine(ImVec2(c.x, c.y + r), ImVec2(c.x, c.y + row - r),
                  ImGui::GetColorU32(i < last ? p.success : ImVec4(0.8f, 0.82f, 0.85f, 1)),
                  ui::px(2));
    const bool failed = rejected && i == last;
    const ImVec4 fill = failed      ? p.danger
                        : i < last  ? p.success
                        : i == last ? p.accent
                                    : ImVec4(0.85f, 0.87f, 0.9f, 1);
    if (i <= last)
      dl->AddCircleFilled(c, r, ImGui::GetColorU32(fill), 20);
    else
      dl->AddCircle(c, r, ImGui::GetColorU32(fill), 20, ui::px(2));
    const ImVec4 text = i <= last ? p.text : p.muted;
    dl->AddText(ImVec2(c.x + r + ui::px(12), c.y - ImGui::GetTextLineHeight() / 2),
                ImGui::GetColorU32(text), tr(kPoints[i]));
  }
  ImGui::Dummy(ImVec2(ui::px(320), row * 5));
}

}  // namespace

void progress(Session& s, ProgressScreen& state) {
  const bool installing_next = s.flow().step == client::FlowStep::ready_to_install;
  const auto& f = begin_certificate_screen(s, tr(T::progress_title), installing_next ? 9 : 8);
  if (f.view) {
    ui::value_row("progress.business_no", tr(T::pay_business_no), f.view->business_no,
                  &state.copied);
    ui::value_row("progress.state", tr(T::pay_business_state),
                  ui::need(f.view->state_label.in(language())));
    ui::value_row("progress.payment_state", tr(T::pay_payment_state),
                  ui::need(f.view->payment_label.in(language())));
    widget_map().value("progress.state_code", std::string(protocol::code(f.view->state)));
  }
  ImGui::Spacing();
  const bool rejected = f.step == client::FlowStep::rejected;
  timeline(reached(f), rejected);
  ImGui::Spacing();
  if (rejected && f.view) {
    ui::banner("progress.rejected", trf(T::progress_rejected, ui::need(f.view->reject_reason)),
               ui::Banner::danger);
    // What happens to the money, and what the holder can do now.
    if (f.view->payment_state == PaymentState::paid)
      ui::banner("progress.refund",
                 trf(T::progress_refund, yuan(f.view->total), f.view->business_no),
                 ui::Banner::info);
    else
      ui::banner("progress.refund", tr(T::progress_no_payment), ui::Banner::info);
    ui::muted(tr(T::progress_apply_again));
  } else if (f.step == client::FlowStep::ready_to_install)
    ui::banner("progress.ready", tr(T::progress_ready), ui::Banner::info);
  else
    ui::muted(f.view && !f.view->review_expectation.in(language()).empty()
                  ? f.view->review_expectation.in(language())
                  : std::string(tr(T::progress_expectation)));
  if (f.view) refund_due_banner(*f.view);
  if (s.last_refresh()) {
    const auto t = std::chrono::floor<std::chrono::seconds>(*s.last_refresh());
    ui::muted(trf(T::progress_last_checked, local_date_time(t), s.setup().refresh_seconds));
  }
  if (s.refresh_problem())
    ui::banner("progress.problem", s.refresh_problem()->in(language()), ui::Banner::warning);
  begin_footer();
  const bool idle = !s.busy();
  if (ui::button("progress.home", tr(T::btn_home), idle)) s.go_home();
  ImGui::SameLine();
  ui::busy_spinner(s.busy());
  const auto& st = ImGui::GetStyle();
  const float w = ImGui::CalcTextSize(tr(T::btn_progress)).x +
                  ImGui::CalcTextSize(tr(rejected ? T::btn_apply_again : T::btn_install)).x +
                  st.FramePadding.x * 4 + st.ItemSpacing.x;
  ui::align_right(w);
  if (ui::button("progress.refresh", tr(T::btn_progress), idle)) s.check_progress();
  ImGui::SameLine();
  if (rejected) {
    // A rejected application ends here: a new one for the same certificate starts over.
    if (ui::primary_button("progress.apply_again", tr(T::btn_apply_again),
                           idle && f.certificate.has_value()))
      s.renew(*f.certificate);
  } else if (ui::primary_button("progress.install", tr(T::btn_install),
                                idle && f.step == client::FlowStep::ready_to_install)) {
    s.open_install();
  }
  end_screen();
}

}  // namespace certrenew::gui::views
