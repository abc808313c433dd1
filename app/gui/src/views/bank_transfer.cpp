// Step 7, bank transfer: the CA's account (copyable) and the record form — payer account, payer
// name, amount, date, remarks — with more records added or removed, 保存 and 关闭页面.
#include <imgui.h>

#include "certrenew/core/forms/money.hpp"
#include "controller/session.hpp"
#include "controller/text_format.hpp"
#include "testing/widget_map.hpp"
#include "views/view_common.hpp"
#include "views/views.hpp"
#include "widgets/widgets.hpp"

namespace certrenew::gui::views {
namespace {

forms::Lang forms_lang() {
  return language() == Language::en ? forms::Lang::en : forms::Lang::zh_CN;
}

// The problem to show at one field: what the page checks itself (after 保存 was pressed), else
// what the service refused at the last 保存 ("records[0].paid_on"), until the field is edited.
struct FieldCheck {
  Session& s;
  BankTransferScreen& state;
  std::size_t index;

  std::optional<std::string> service_problem(const char* field) const {
    const std::string name = "records[" + std::to_string(index) + "]." + field;
    for (const auto& p : s.transfers().problems)
      if (p.field == name) return p.message(language());
    return std::nullopt;
  }
  void forget(const char* field) const {
    s.forget_transfer_problem("records[" + std::to_string(index) + "]." + field);
  }
  // Draws the field; `local` is the page's own verdict (empty: fine).
  void field(const char* field, ui::Field f, std::string& value, const std::string& local) const {
    std::optional<std::string> shown;
    if (s.transfers().tried_save && !local.empty()) shown = local;
    if (!shown) shown = service_problem(field);
    f.error = shown ? &*shown : nullptr;
    if (ui::text_field(f, value)) forget(field);
    if (shown && state.scroll_to_problem) {
      ImGui::SetScrollHereY(0.3f);
      state.scroll_to_problem = false;
    }
  }
};

// Returns true when the record should be removed.
bool record_editor(const FieldCheck& check, client::BankTransferRecord& r, bool removable) {
  const std::string n = std::to_string(check.index);
  const std::string required(forms::message(forms::Reason::empty, forms_lang()));
  const forms::MoneyParse amount = forms::parse_money(r.amount);
  const std::string bad_amount =
      amount.ok() ? "" : std::string(forms::message(amount.reason, forms_lang()));
  const std::string bad_date = plausible_iso_date(r.paid_on) ? "" : tr(T::bank_bad_date);
  ui::section(trf(T::bank_record, check.index + 1).c_str());
  ImGui::PushID(static_cast<int>(check.index));
  auto key = [&](const char* field) { return "bank." + n + "." + field; };
  const std::string k_account = key("payer_account");
  const std::string k_name = key("payer_name");
  const std::string k_amount = key("amount");
  const std::string k_date = key("paid_on");
  const std::string k_remarks = key("remarks");
  check.field("payer_account", {.key = k_account.c_str(), .label = tr(T::bank_payer_account)},
              r.payer_account, r.payer_account.empty() ? required : "");
  check.field("payer_name", {.key = k_name.c_str(), .label = tr(T::bank_payer_name)}, r.payer_name,
              r.payer_name.empty() ? required : "");
  check.field("amount",
              {.key = k_amount.c_str(), .label = tr(T::bank_amount), .width = ui::px(160)},
              r.amount, bad_amount);
  check.field("paid_on",
              {.key = k_date.c_str(),
               .label = tr(T::bank_paid_on),
               .hint = "YYYY-MM-DD",
               .width = ui::px(160)},
              r.paid_on, bad_date);
  check.field("remarks",
              {.key = k_remarks.c_str(), .label = tr(T::bank_remarks), .required = false},
              r.remarks, "");
  bool remove = false;
  if (removable) remove = ui::link(key("remove").c_str(), tr(T::bank_remove));
  ImGui::PopID();
  return remove;
}

// The sum of the amounts that parse (checked arithmetic: nullopt on overflow).
std::optional<forms::Money> sum_of(const std::vector<client::BankTransferRecord>& records) {
  forms::Money sum;
  for (const auto& r : records) {
    const forms::MoneyParse m = forms::parse_money(r.amount);
    if (!m.ok()) continue;
    const auto next = sum.plus(m.money);
    if (!next) return std::nullopt;
    sum = *next;
  }
  return sum;
}

// How the transfers compare with the amount due: entered so far while editing; after 保存 what
// the service holds, and how much is still due when it is short.
void balance(Session& s, forms::Money due) {
  const auto& ed = s.transfers();
  const auto saved = s.flow().view ? protocol::as_requests(s.flow().view->bank_transfers)
                                   : std::vector<client::BankTransferRecord>{};
  if (ed.saved) {
    const auto paid = sum_of(saved);
    if (paid && *paid < due) {
      const auto short_by = forms::Money::from_fen(due.fen() - paid->fen());
      ui::banner("bank.short", trf(T::bank_short_saved, yuan(*paid), yuan(short_by)),
                 ui::Banner::warning);
      widget_map().value("bank.still_due", yuan(short_by));
    } else {
      ui::banner("bank.saved", tr(T::bank_saved), ui::Banner::info);
    }
    return;
  }
  const auto entered = sum_of(ed.records);
  if (!entered) return;
  if (*entered < due) {
    const auto short_by = forms::Money::from_fen(due.fen() - entered->fen());
    ImGui::TextColored(ui::palette().warning, "%s",
                       trf(T::bank_entered, yuan(*entered), yuan(short_by)).c_str());
    widget_map().value("bank.still_due", yuan(short_by));
  } else if (*entered > due) {
    ImGui::TextColored(ui::palette().warning, "%s",
                       trf(T::bank_over, yuan(*entered), yuan(due)).c_str());
  }
}

}  // namespace

void bank_transfer(Session& s, BankTransferScreen& state) {
  begin_screen(tr(T::bank_title), 7);
  const auto& f = s.flow();
  const TransferEditor& ed = s.transfers();
  ImGui::TextColored(ui::palette().accent_active, "%s", tr(T::bank_method));
  if (f.view) {
    const auto& a = f.view->bank_account;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ui::palette().panel);
    // Three rows of text with a small copy button each.
    const float row = ImGui::GetTextLineHeight() + ui::px(4) + ImGui::GetStyle().ItemSpacing.y;
    const float h =
        row * 3 + ImGui::GetStyle().WindowPadding.y * 2 - ImGui::GetStyle().ItemSpacing.y;
    ImGui::BeginChild("##account", ImVec2(0, h), true);
    ui::value_row("bank.company", tr(T::bank_company), ui::need(a.company), &state.copied);
    ui::value_row("bank.account", tr(T::bank_account), a.account, &state.copied);
    ui::value_row("bank.bank", tr(T::bank_bank), ui::need(a.bank), &state.copied);
    ImGui::EndChild();
    ImGui::PopStyleColor();
    ImGui::TextColored(ui::palette().danger, "%s", trf(T::bank_due, yuan(f.view->total)).c_str());
    // Beside the amount due, where it is seen without scrolling.
    balance(s, f.view->total);
  }
  if (!ed.problems.empty()) ui::banner("bank.fix", tr(T::bank_fix_fields), ui::Banner::danger);
  std::optional<std::size_t> remove;
  for (std::size_t i = 0; i < ed.records.size(); ++i)
    if (record_editor({s, state, i}, s.transfer_record(i), ed.records.size() > 1)) remove = i;
  // Scrolled to the first marked field above, or nothing was marked: either way, done.
  if (!s.busy()) state.scroll_to_problem = false;
  if (remove) s.remove_transfer(*remove);
  ImGui::Spacing();
  if (ui::link("bank.add", tr(T::bank_add))) s.add_transfer();

  begin_footer();
  const FooterPress pressed = back_and_forward(s.busy(), {"bank.close", tr(T::btn_close_page)},
                                               {"bank.save", tr(T::btn_save), !ed.records.empty()});
  if (pressed == FooterPress::back) s.close_page();
  if (pressed == FooterPress::forward) {
    state.scroll_to_problem = true;
    s.save_transfers();
  }
  end_screen();
}

}  // namespace certrenew::gui::views
