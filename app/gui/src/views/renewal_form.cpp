// Step 4: the renewal application form (数字证书续期申请表) as in the guide: the subject from the
// certificate, the period with its fee (详细信息 opens the breakdown), the operator (经办人) and
// the invoice recipient (收件人, 从经办人处拷贝). Problems show next to their field, first when
// the user leaves a field and then as they type, so a fixed field clears at once.
#include <imgui.h>

#include "controller/session.hpp"
#include "controller/text_format.hpp"
#include "testing/widget_map.hpp"
#include "views/view_common.hpp"
#include "views/views.hpp"
#include "widgets/widgets.hpp"

namespace certrenew::gui::views {
namespace {

void fee_table(const client::FeePeriod& period) {
  if (!ui::begin_grid_table("##fees", 4)) return;
  ImGui::TableSetupColumn(tr(T::fee_item), ImGuiTableColumnFlags_WidthStretch, 2.0f);
  ImGui::TableSetupColumn(tr(T::fee_unit_price), ImGuiTableColumnFlags_WidthStretch, 1.5f);
  ImGui::TableSetupColumn(tr(T::fee_quantity), ImGuiTableColumnFlags_WidthStretch, 0.8f);
  ImGui::TableSetupColumn(tr(T::fee_subtotal), ImGuiTableColumnFlags_WidthStretch, 1.2f);
  ImGui::TableHeadersRow();
  fee_item_rows(period.items);
  ImGui::EndTable();
}

void fee_dialog(Session& s, const client::FeePeriod& period, FormScreen& state) {
  if (!ui::begin_modal("fees", tr(T::fees_title), ui::px(560), &state.show_fees)) return;
  ImGui::TextUnformatted(trf(T::months_option, period.period_months).c_str());
  fee_table(period);
  ImGui::Spacing();
  ImGui::PushFont(ui::heading_font());
  ImGui::TextColored(ui::palette().danger, "%s", trf(T::fee_total, yuan(period.total)).c_str());
  ImGui::PopFont();
  widget_map().value("fees.total", yuan(period.total));
  ImGui::Separator();
  if (ui::closing_button("fees.close", tr(T::btn_close))) {
    ui::close_modal(state.show_fees);
  }
  nested_error_dialog(s);
  ui::end_modal();
}

// One text field bound to a form value, with its problem underneath. After 提交 the first
// field with a problem is scrolled into view (the summary alone may be below the fold).
void field(Session& s, FormScreen& state, const char* key, const char* problem_field,
           const char* label, std::string& value, const char* hint = nullptr, int lines = 1,
           float width = 0) {
  const client::FieldProblem* problem = s.problem_for(problem_field);
  const std::string* error = problem ? &problem->message(language()) : nullptr;
  bool finished = false;
  const bool changed = ui::text_field({.key = key,
                                       .label = label,
                                       .hint = hint,
                                       .error = error,
                                       .width = width > 0 ? width : ui::px(280),
                                       .finished = &finished,
                                       .lines = lines},
                                      value);
  if (problem && state.scroll_to_problem) {
    ImGui::SetScrollHereY(0.3f);
    state.scroll_to_problem = false;
  }
  if (finished || (changed && (problem || s.form().tried_submit)))
    s.revalidate_field(problem_field);
}

// Issue 19: the ways the CA may tell the operator about this application and remind of the new
// certificate's expiry; both ticked unless the operator declines one.
void notify_choice(protocol::NotifyChoice& notify) {
  ui::field_label(tr(T::form_notify), false);
  ui::checkbox("form.notify.email", tr(T::form_notify_email), &notify.email);
  ImGui::SameLine(0, ui::px(24));
  ui::checkbox("form.notify.sms", tr(T::form_notify_sms), &notify.sms);
  ImGui::Indent(ui::px(170));
  ui::muted(tr(T::form_notify_hint));
  ImGui::Unindent(ui::px(170));
}

}  // namespace

void renewal_form(Session& s, FormScreen& state) {
  begin_screen(tr(T::form_title), s.pin().open ? 5 : 4);
  const FormEditor& ed = s.form();
  client::RenewalForm& form = s.form_fields();
  const auto& f = s.flow();
  if (!ed.fees) {
    ui::spinner();
    begin_footer();
    end_screen();
    return;
  }
  ui::muted(tr(T::form_intro));

  ui::section(tr(T::form_basic));
  std::string subject = f.certificate ? f.certificate->certificate.subject.first("CN") : "";
  if (f.certificate && subject.empty()) subject = f.certificate->certificate.subject.display();
  ui::need(subject);
  ui::text_field({.key = "form.subject",
                  .label = tr(T::form_subject),
                  .read_only = true,
                  .width = ui::px(280)},
                 subject);

  // Period: one entry per period the service offers.
  ui::field_label(tr(T::form_period), true);
  ImGui::SetNextItemWidth(ui::px(280));
  const std::string current = trf(T::months_option, form.period_months);
  if (ImGui::BeginCombo("##form.period", current.c_str())) {
    int i = 0;
    for (const auto& p : ed.fees->periods) {
      const std::string item_key = "form.period." + std::to_string(i++);
      const bool selected = p.period_months == form.period_months;
      if (ImGui::Selectable((trf(T::months_option, p.period_months) + "##" + item_key).c_str(),
                            selected)) {
        s.choose_period(p.period_months);
      }
      widget_map().add_last_item(item_key);
      widget_map().value(item_key, std::to_string(p.period_months));
    }
    ImGui::EndCombo();
  }
  widget_map().add_last_item("form.period");
  widget_map().value("form.period", std::to_string(form.period_months));

  const client::FeePeriod* period = ed.fees->period(form.period_months);
  ui::field_label(tr(T::form_fee), false);
  if (period) {
    ImGui::TextColored(ui::palette().danger, "%s",
                       trf(T::form_fee_value, yuan(period->total)).c_str());
    widget_map().value("form.fee", yuan(period->total));
    ImGui::SameLine();
    if (ui::link("form.fee_details", tr(T::form_fee_details))) state.show_fees = true;
  }

  ui::section(tr(T::form_operator));
  if (ed.remembered) {  // issue 19: filled from the last application, editable, forgettable
    ui::banner("form.remembered", tr(T::form_remembered), ui::Banner::info);
    if (ui::link("form.forget_contacts", tr(T::form_forget_contacts), !s.busy()))
      s.forget_contacts();
  }
  ui::field_label(tr(T::form_id_type), true);
  ImGui::SetNextItemWidth(ui::px(280));
  if (ImGui::BeginCombo("##form.id_type", tr(T::form_id_resident))) {
    ImGui::Selectable(tr(T::form_id_resident), true);
    ImGui::EndCombo();
  }
  widget_map().add_last_item("form.operator.id_type");
  auto& op = form.operator_info;
  field(s, state, "form.operator.id_number", "operator.id_number", tr(T::form_id_number),
        op.id_number, tr(T::form_id_number_hint));
  field(s, state, "form.operator.name", "operator.name", tr(T::form_name), op.name);
  field(s, state, "form.operator.mobile", "operator.mobile", tr(T::form_mobile), op.mobile,
        tr(T::form_mobile_hint));
  field(s, state, "form.operator.email", "operator.email", tr(T::form_email), op.email,
        tr(T::form_email_hint));
  notify_choice(form.notify);

  ui::section(tr(T::form_recipient));
  if (ui::link("form.copy_operator", tr(T::form_copy_operator))) s.copy_operator_to_recipient();
  auto& rc = form.recipient;
  field(s, state, "form.recipient.name", "recipient.name", tr(T::form_recipient_name), rc.name);
  field(s, state, "form.recipient.mobile", "recipient.mobile", tr(T::form_recipient_mobile),
        rc.mobile);
  field(s, state, "form.recipient.address", "recipient.address", tr(T::form_address), rc.address,
        nullptr, 3, ui::px(420));
  // The hint under the three-line box, where the label column ends.
  ImGui::Indent(ui::px(170));
  ui::muted(tr(T::form_address_hint));
  ImGui::Unindent(ui::px(170));

  if (ed.tried_submit && !ed.problems.empty()) {
    ImGui::Spacing();
    ui::banner("form.fix", tr(T::form_fix_fields), ui::Banner::danger);
  }
  if (period) fee_dialog(s, *period, state);
  // Nothing to scroll to once the form went on to the PIN (or the service is still checking).
  if (state.scroll_to_problem && !s.busy() && !s.pin().open && ed.problems.empty())
    state.scroll_to_problem = false;

  begin_footer();
  const FooterPress pressed = back_and_forward(s.busy(), {"form.back", tr(T::btn_back)},
                                               {"form.submit", tr(T::btn_submit)});
  if (pressed == FooterPress::back) s.back();
  if (pressed == FooterPress::forward) {
    state.scroll_to_problem = true;
    s.submit_form();
  }
  end_screen();
}

}  // namespace certrenew::gui::views
