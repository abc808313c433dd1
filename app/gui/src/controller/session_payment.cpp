// Session's actions after the submission (seed steps 6-9): cancel, pay, check the progress, open
// the installation, close a payment page. The earlier steps and the machinery are in session.cpp.
#include "certrenew/core/forms/money.hpp"
#include "controller/session.hpp"
#include "controller/text_format.hpp"

namespace certrenew::gui {

using client::FlowStep;

// ---------------------------------------------------------------- steps 6-8

void Session::cancel_application() {
  run_flow(
      T::please_wait, [](client::RenewalFlow& f) { f.cancel(); },
      [this] {
        follow(Move::cancelled);
        refresh_inventory();
      });
}

void Session::setup_transfers() {
  transfers_ = TransferEditor{};
  if (flow_.view && !flow_.view->bank_transfers.empty()) {
    transfers_.records = protocol::as_requests(flow_.view->bank_transfers);
    return;
  }
  client::BankTransferRecord first;
  if (flow_.view) first.amount = yuan(flow_.view->total);
  first.paid_on = today_local();
  transfers_.records.push_back(first);
}

void Session::choose_bank_transfer() {
  setup_transfers();
  follow(Move::chose_bank_transfer);
}

void Session::save_transfers() {
  transfers_.tried_save = true;
  transfers_.saved = false;
  for (const auto& r : transfers_.records) {
    if (r.payer_account.empty() || r.payer_name.empty() || !forms::parse_money(r.amount).ok() ||
        !plausible_iso_date(r.paid_on))
      return;  // the page marks the fields
  }
  const auto records = transfers_.records;
  transfers_.problems.clear();
  run_flow(
      T::please_wait, [records](client::RenewalFlow& f) { f.save_bank_transfers(records); },
      [this] { transfers_.saved = true; },
      [this](const ErrorText& e) {
        if (e.kind != client::FlowError::Kind::form_invalid || e.problems.empty()) return false;
        transfers_.problems = e.problems;  // shown at the fields the service refused
        return true;
      });
}

void Session::choose_online_payment() {
  auto payment = std::make_shared<std::optional<client::OnlinePayment>>();
  run_flow(
      T::please_wait, [payment](client::RenewalFlow& f) { *payment = f.start_online_payment(); },
      [this, payment] {
        online_ = *payment;
        follow(Move::chose_online_payment);
      });
}

void Session::check_progress(bool quiet) {
  const Screen from = screen_;
  run_flow(
      T::please_wait, [](client::RenewalFlow& f) { f.refresh(); },
      [this, from, quiet] {
        refresh_problem_.reset();
        // The page the check started on decides.
        const auto next = follow(quiet ? Move::checked_quietly : Move::checked_progress, from);
        // Left a payment page for the progress: its online payment is no longer shown.
        if (next == Screen::progress &&
            (from == Screen::online_payment || from == Screen::bank_transfer))
          online_.reset();
      },
      [this, quiet](const ErrorText& e) {
        refresh_problem_ = e;  // 上次查询 keeps the time of the last answered check
        return quiet;          // automatic checks report inline, a pressed button with a dialog
      });
}

void Session::open_install() {
  install_failure_.reset();
  follow(Move::opened_install);
}

void Session::leave_install() {
  follow(Move::left_install);
}

void Session::continue_payment() {
  follow(Move::continued_payment);
}

void Session::start_install() {
  open_pin(PinPrompt::Purpose::install);
}

void Session::close_page() {
  follow(Move::closed_page);
  online_.reset();
}

}  // namespace certrenew::gui
