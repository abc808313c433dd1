// Step 7, online payment: the gateway's QR code and link. The page follows the payment state by
// itself (the session asks the service every few seconds while it is shown).
#include <imgui.h>

#include "app/open_url.hpp"
#include "controller/session.hpp"
#include "controller/text_format.hpp"
#include "views/view_common.hpp"
#include "views/views.hpp"
#include "widgets/qr_code.hpp"
#include "widgets/widgets.hpp"

namespace certrenew::gui::views {

void online_payment(Session& s, OnlinePaymentScreen& state) {
  begin_screen(tr(T::online_title), 7);
  const auto& pay = s.online_payment();
  const auto& f = s.flow();
  const bool paid = f.view && f.view->payment_state == protocol::PaymentState::paid;
  if (pay) {
    ui::muted(tr(T::online_intro));
    ImGui::Spacing();
    ui::qr_code("online.qr", pay->qr_text, ui::px(232), state.qr);
    ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::PushFont(ui::heading_font());
    ImGui::TextColored(ui::palette().danger, "%s",
                       trf(T::online_amount, yuan(pay->amount)).c_str());
    ImGui::PopFont();
    ImGui::Spacing();
    ImGui::TextUnformatted(tr(T::online_link));
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(ui::palette().accent, "%s", pay->pay_url.c_str());
    ImGui::PopTextWrapPos();
    ui::copy_button("online.copy_link", pay->pay_url, state.copied);
    ImGui::SameLine();
    if (ui::link("online.open_link", tr(T::online_open))) {
      const std::string problem = open_in_browser(pay->pay_url);
      if (!problem.empty()) {
        ErrorText error = message(T::online_open_failed, problem);
        error.detail = problem;
        s.show_error(error);
      }
    }
    ImGui::Spacing();
    if (f.view) {
      ui::value_row("online.business_no", tr(T::pay_business_no), f.view->business_no);
      ui::value_row("online.payment_state", tr(T::pay_payment_state),
                    ui::need(f.view->payment_label.in(language())));
    }
    ImGui::EndGroup();
  }
  ImGui::Spacing();
  if (paid) {
    ui::banner("online.paid", tr(T::online_paid), ui::Banner::info);
  } else {
    ui::spinner();
    ImGui::SameLine();
    ImGui::TextUnformatted(tr(T::online_waiting));
  }
  if (f.view) refund_due_banner(*f.view);
  if (s.refresh_problem())
    ui::banner("online.problem", s.refresh_problem()->in(language()), ui::Banner::warning);
  begin_footer();
  const FooterPress pressed =
      back_and_forward(s.busy(), {"online.close", tr(T::btn_close_page)},
                       {"online.progress", tr(T::btn_progress)}, BusySpinner::hidden);
  if (pressed == FooterPress::back) s.close_page();
  if (pressed == FooterPress::forward) s.check_progress();
  end_screen();
}

}  // namespace certrenew::gui::views
