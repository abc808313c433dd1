// Step 7, bank transfer: the CA's account (copyable) and the record form — payer account, payer
// name, amount, date, remarks — with more records added or removed, 保存 and 关闭页面.
#include <imgui.h>

#include "certrenew/core/forms/money.hpp"
#include "controller/session.hpp"
#include "controller/text_format.hpp"
#include "views/view_common.hpp"
#include "views/views.hpp"
#include "widgets/widgets.hpp"

namespace certrenew::gui::views {
namespace {

// Returns true when the record should be removed.
bool record_editor(Session& s, std::size_t index, client::BankTransferRecord& r, bool removable) {
  const std::string n = std::to_string(index);
  const bool check = s.transfers.tried_save;
  const std::string required = tr(T::bank_required);
  const std::string bad_amount = tr(T::bank_bad_amount);
  const std::string bad_date = tr(T::bank_bad_date);
  ui::section(trf(T::bank_record, index + 1).c_str());
  ImGui::PushID(static_cast<int>(index));
  auto key = [&](const char* field) { return "bank." + n + "." + field; };
  const std::string k_account = key("payer_account");
  const std::string k_name = key("payer_name");
  const std::string k_amount = key("amount");
  const std::string k_date = key("paid_on");
  const std::string k_remarks = key("remarks");
  ui::text_field({.key = k_account.c_str(),
                  .label = tr(T::bank_payer_account),
                  .error = check && r.payer_account.empty() ? &required : nullptr},
                 r.payer_account);
  ui::text_field({.key = k_name.c_str(),
                  .label = tr(T::bank_payer_name),
                  .error = check && r.payer_name.empty() ? &required : nullptr},
                 r.payer_name);
  ui::text_field({.key = k_amount.c_str(),
                  .label = tr(T::bank_amount),
                  .error = check && !forms::parse_money(r.amount).ok() ? &bad_amount : nullptr,
                  .width = ui::px(160)},
                 r.amount);
  ui::text_field({.key = k_date.c_str(),
                  .label = tr(T::bank_paid_on),
                  .hint = "YYYY-MM-DD",
                  .error = check && !plausible_iso_date(r.paid_on) ? &bad_date : nullptr,
                  .width = ui::px(160)},
                 r.paid_on);
  ui::text_field({.key = k_remarks.c_str(), .label = tr(T::bank_remarks), .required = false},
                 r.remarks);
  bool remove = false;
  if (removable) remove = ui::link(key("remove").c_str(), tr(T::bank_remove));
  ImGui::PopID();
  return remove;
}

}  // namespace

void bank_transfer(Session& s) {
  begin_screen(tr(T::bank_title), 7);
  const auto& f = s.flow();
  auto& ed = s.transfers;
  ImGui::TextColored(ui::palette().accent_active, "%s", tr(T::bank_method));
  if (f.view) {
    const auto& a = f.view->bank_account;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ui::palette().panel);
    // Three rows of text with a small copy button each.
    const float row = ImGui::GetTextLineHeight() + ui::px(4) + ImGui::GetStyle().ItemSpacing.y;
    const float h =
        row * 3 + ImGui::GetStyle().WindowPadding.y * 2 - ImGui::GetStyle().ItemSpacing.y;
    ImGui::BeginChild("##account", ImVec2(0, h), true);
    ui::value_row("bank.company", tr(T::bank_company), ui::need(a.company), true);
    ui::value_row("bank.account", tr(T::bank_account), a.account, true);
    ui::value_row("bank.bank", tr(T::bank_bank), ui::need(a.bank), true);
    ImGui::EndChild();
    ImGui::PopStyleColor();
    ImGui::TextColored(ui::palette().danger, "%s", trf(T::bank_due, yuan(f.view->total)).c_str());
  }
  std::optional<std::size_t> remove;
  for (std::size_t i = 0; i < ed.records.size(); ++i)
    if (record_editor(s, i, ed.records[i], ed.records.size() > 1)) remove = i;
  if (remove) ed.records.erase(ed.records.begin() + static_cast<std::ptrdiff_t>(*remove));
  ImGui::Spacing();
  if (ui::link("bank.add", tr(T::bank_add))) {
    client::BankTransferRecord r;
    r.paid_on = today_local();
    ed.records.push_back(r);
  }
  if (ed.saved) {
    ImGui::Spacing();
    ui::banner("bank.saved", tr(T::bank_saved), ui::Banner::info);
  }
  begin_footer();
  const bool idle = !s.busy();
  if (ui::button("bank.close", tr(T::btn_close_page), idle)) s.close_page();
  ImGui::SameLine();
  if (s.busy()) {
    ui::spinner();
    ImGui::SameLine();
  }
  const float w = ImGui::CalcTextSize(tr(T::btn_save)).x + ImGui::GetStyle().FramePadding.x * 2;
  ui::align_right(w);
  if (ui::primary_button("bank.save", tr(T::btn_save), idle && !ed.records.empty()))
    s.save_transfers();
  end_screen();
}

}  // namespace certrenew::gui::views
