// The Session's operations for what the form and bank transfer pages edit: the pages draw the
// values, these keep the editors' problems and flags in step. No I/O.
#include "controller/session.hpp"
#include "controller/text_format.hpp"

namespace certrenew::gui {

void Session::choose_period(int months) {
  form_.form.period_months = months;
  revalidate_field("period_months");
}

void Session::copy_operator_to_recipient() {
  form_.form.copy_operator_to_recipient();
  revalidate_field("recipient.name");
  revalidate_field("recipient.mobile");
}

const client::FieldProblem* Session::problem_for(std::string_view field) const {
  for (const auto& p : form_.problems)
    if (p.field == field) return &p;
  return nullptr;
}

void Session::revalidate_field(std::string_view field) {
  if (!form_.fees) return;
  const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  std::erase_if(form_.problems, [&](const auto& p) { return p.field == field; });
  if (auto p = client::validate_field(form_.form, field, *form_.fees, today))
    form_.problems.push_back(std::move(*p));
}

client::BankTransferRecord& Session::transfer_record(std::size_t index) {
  return transfers_.records.at(index);
}

void Session::add_transfer() {
  client::BankTransferRecord r;
  r.paid_on = today_local();
  transfers_.records.push_back(r);
}

void Session::remove_transfer(std::size_t index) {
  if (index >= transfers_.records.size()) return;
  transfers_.records.erase(transfers_.records.begin() + static_cast<std::ptrdiff_t>(index));
  transfers_.problems.clear();  // named by position: they no longer match
}

void Session::forget_transfer_problem(std::string_view field) {
  std::erase_if(transfers_.problems, [&](const auto& p) { return p.field == field; });
}

}  // namespace certrenew::gui
