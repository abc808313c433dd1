// Step 6: the payment page as in the guide — business information, recipient, order details,
// fee items, delivery, invoice type, total — with 立即支付 (then bank transfer or online payment)
// and 撤销申请 (after a confirmation). Buttons follow the actions the service allows.
#include <imgui.h>

#include "controller/session.hpp"
#include "controller/text_format.hpp"
#include "testing/widget_map.hpp"
#include "views/view_common.hpp"
#include "views/views.hpp"
#include "widgets/widgets.hpp"

namespace certrenew::gui::views {
namespace {

void order_table(const client::ApplicationView& v) {
  if (!ui::begin_grid_table("##order", 5)) return;
  for (T col :
       {T::pay_order_no, T::pay_trade_type, T::pay_trade_state, T::pay_order_state, T::pay_created})
    ImGui::TableSetupColumn(tr(col));
  ImGui::TableHeadersRow();
  ImGui::TableNextRow();
  const Language l = language();
  const std::string cells[] = {v.order.order_no, v.order.trade_type.in(l),
                               v.order.trade_state.in(l), v.order.order_state.in(l),
                               service_time_local(v.order.created_at)};
  int i = 0;
  for (const auto& c : cells) {
    ImGui::TableSetColumnIndex(i++);
    ImGui::TextUnformatted(ui::need(c).c_str());
  }
  ImGui::EndTable();
  widget_map().value("payment.order_no", v.order.order_no);
}

void fee_items(const client::ApplicationView& v) {
  if (!ui::begin_grid_table("##fee_items", 4)) return;
  for (T col : {T::fee_item, T::fee_unit_price, T::fee_quantity, T::fee_subtotal})
    ImGui::TableSetupColumn(tr(col));
  ImGui::TableHeadersRow();
  fee_item_rows(v.fees.items);
  ImGui::EndTable();
}

void cancel_dialog(Session& s, const std::string& business_no, PaymentScreen& state) {
  if (!ui::begin_modal("cancel", tr(T::cancel_confirm_title), ui::px(480), &state.confirm_cancel))
    return;
  ui::wrapped(trf(T::cancel_confirm_text, business_no));
  ImGui::Spacing();
  ImGui::Separator();
  const auto& st = ImGui::GetStyle();
  const float w = ImGui::CalcTextSize(tr(T::btn_keep_application)).x +
                  ImGui::CalcTextSize(tr(T::btn_cancel_application)).x + st.FramePadding.x * 4 +
                  st.ItemSpacing.x;
  ui::align_right(w);
  // The safe choice has the focus: Enter keeps the application, as Escape does.
  if (ui::button("cancel.keep", tr(T::btn_keep_application)) || ui::escape_pressed() ||
      ui::enter_pressed()) {
    ui::close_modal(state.confirm_cancel);
  }
  ImGui::SameLine();
  if (ui::danger_button("cancel.confirm", tr(T::btn_cancel_application))) {
    ui::close_modal(state.confirm_cancel);
    s.cancel_application();
  }
  nested_error_dialog(s);
  ui::end_modal();
}

bool method_option(const char* key, const char* title, const char* hint, bool enabled) {
  const float width = ui::px(460);
  ImGui::BeginGroup();
  const bool pressed = ui::primary_button(key, title, enabled, ImVec2(width, 0));
  ImGui::TextColored(ui::palette().muted, "%s", ui::wrap_to(hint, width).c_str());
  ImGui::EndGroup();
  return pressed;
}

void method_dialog(Session& s, const client::ApplicationActions& actions, PaymentScreen& state) {
  if (!ui::begin_modal("method", tr(T::method_title), ui::px(500), &state.choose_method)) return;
  if (method_option("method.bank", tr(T::method_bank), tr(T::method_bank_hint),
                    actions.bank_transfer)) {
    ui::close_modal(state.choose_method);
    s.choose_bank_transfer();
  }
  ImGui::Spacing();
  if (method_option("method.online", tr(T::method_online), tr(T::method_online_hint),
                    actions.pay_online)) {
    ui::close_modal(state.choose_method);
    s.choose_online_payment();
  }
  ImGui::Spacing();
  ImGui::Separator();
  ui::align_right(ui::button_width(tr(T::btn_cancel)));
  if (ui::button("method.cancel", tr(T::btn_cancel)) || ui::escape_pressed()) {
    ui::close_modal(state.choose_method);
  }
  nested_error_dialog(s);
  ui::end_modal();
}

}  // namespace

void payment(Session& s, PaymentScreen& state) {
  begin_screen(tr(T::pay_title), 6);
  const auto& f = s.flow();
  if (!f.view) {
    ui::spinner();
    begin_footer();
    if (ui::button("payment.home", tr(T::btn_home))) s.go_home();
    end_screen();
    return;
  }
  const auto& v = *f.view;
  const Language l = language();
  ui::muted(tr(T::pay_intro));

  ui::section(tr(T::pay_business));
  ui::value_row("payment.business_no", tr(T::pay_business_no), v.business_no, &state.copied);
  ui::value_row("payment.state", tr(T::pay_business_state), ui::need(v.state_label.in(l)));
  ui::value_row("payment.payment_state", tr(T::pay_payment_state), ui::need(v.payment_label.in(l)));
  refund_due_banner(v);

  ui::section(tr(T::pay_recipient));
  ui::value_row("payment.recipient_name", tr(T::pay_recipient_name), v.recipient_name);
  ui::value_row("payment.recipient_mobile", tr(T::pay_recipient_mobile), v.recipient_mobile);
  ui::value_row("payment.recipient_address", tr(T::pay_recipient_address), v.recipient_address);

  ui::section(tr(T::pay_order));
  order_table(v);
  ImGui::Spacing();
  ImGui::TextUnformatted(trf(T::pay_fee_line, v.business_no, yuan(v.total)).c_str());
  fee_items(v);
  ImGui::Spacing();
  ui::value_row("payment.delivery", tr(T::pay_delivery), ui::need(v.delivery.in(l)));
  ui::value_row("payment.invoice", tr(T::pay_invoice), ui::need(v.invoice_type.in(l)));

  cancel_dialog(s, v.business_no, state);
  method_dialog(s, v.actions, state);

  begin_footer();
  const bool idle = !s.busy();
  if (ui::button("payment.home", tr(T::btn_home), idle)) s.go_home();
  ImGui::SameLine();
  if (ui::button("payment.progress", tr(T::btn_progress), idle)) s.check_progress();
  ImGui::SameLine();
  ui::busy_spinner(s.busy());
  // The total sits beside 立即支付, in the footer that never scrolls away.
  const auto& st = ImGui::GetStyle();
  const std::string total = trf(T::fee_total, yuan(v.total));
  const float w = ImGui::CalcTextSize(total.c_str()).x +
                  ImGui::CalcTextSize(tr(T::btn_cancel_application)).x +
                  ImGui::CalcTextSize(tr(T::btn_pay_now)).x + st.FramePadding.x * 4 +
                  st.ItemSpacing.x * 2 + ui::px(8);
  ui::align_right(w);
  ImGui::AlignTextToFramePadding();
  ImGui::TextColored(ui::palette().danger, "%s", total.c_str());
  widget_map().add_last_item("payment.total");
  widget_map().value("payment.total", yuan(v.total));
  ImGui::SameLine(0, st.ItemSpacing.x + ui::px(8));
  if (ui::danger_button("payment.cancel", tr(T::btn_cancel_application), idle && v.actions.cancel))
    state.confirm_cancel = true;
  ImGui::SameLine();
  if (ui::primary_button("payment.pay", tr(T::btn_pay_now),
                         idle && (v.actions.bank_transfer || v.actions.pay_online)))
    state.choose_method = true;
  end_screen();
}

}  // namespace certrenew::gui::views
