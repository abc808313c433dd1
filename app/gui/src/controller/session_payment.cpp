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
        if (flow_.step == FlowStep::cancelled) screen_ = Screen::cancelled;
        refresh_inventory();
      });
}

void Session::setup_transfers() {
  transfers = TransferEditor{};
  if (flow_.view && !flow_.view->bank_transfers.empty()) {
    transfers.records = protocol::as_requests(flow_.view->bank_transfers);
    return;
  }
  client::BankTransferRecord first;
  if (flow_.view) first.amount = yuan(flow_.view->total);
  first.paid_on = today_local();
  transfers.records.push_back(first);
}

void Session::choose_bank_transfer() {
  setup_transfers();
  screen_ = Screen::bank_transfer;
}

void Session::save_transfers() {
  transfers.tried_save = true;
  transfers.saved = false;
  for (const auto& r : transfers.records) {
    if (r.payer_account.empty() || r.payer_name.empty() || !forms::parse_money(r.amount).ok() ||
        !plausible_iso_date(r.paid_on))
      return;  // the page marks the fields
  }
  const auto records = transfers.records;
  transfers.problems.clear();
  run_flow(
      T::please_wait, [records](client::RenewalFlow& f) { f.save_bank_transfers(records); },
      [this] { transfers.saved = true; },
      [this](const ErrorText& e) {
        if (e.kind != client::FlowError::Kind::form_invalid || e.problems.empty()) return false;
        transfers.problems = e.problems;  // shown at the fields the service refused
        return true;
      });
}

void Session::choose_online_payment() {
  auto payment = std::make_shared<std::optional<client::OnlinePayment>>();
  run_flow(
      T::please_wait, [payment](client::RenewalFlow& f) { *payment = f.start_online_payment(); },
      [this, payment] {
        online_ = *payment;
        screen_ = Screen::online_payment;
      });
}

void Session::check_progress(bool quiet) {
  const Screen from = screen_;
  run_flow(
      T::please_wait, [](client::RenewalFlow& f) { f.refresh(); },
      [this, from, quiet] {
        refresh_problem_.reset();
        if (flow_.step == FlowStep::cancelled) {
          screen_ = Screen::cancelled;
        } else if (from == Screen::renewal_panel || from == Screen::payment) {
          screen_ = flow_.step == FlowStep::payment ? Screen::payment : Screen::progress;
        } else if (!quiet && (from == Screen::online_payment || from == Screen::bank_transfer)) {
          // 查询进度 pressed on a payment page: the progress page, whatever the payment's state.
          screen_ = Screen::progress;
          online_.reset();
        }
      },
      [this, quiet](const ErrorText& e) {
        refresh_problem_ = e;  // 上次查询 keeps the time of the last answered check
        return quiet;          // automatic checks report inline, a pressed button with a dialog
      });
}

void Session::open_install() {
  install_failure_.reset();
  screen_ = Screen::install;
}

void Session::leave_install() {
  screen_ = Screen::progress;
}

void Session::continue_payment() {
  if (flow_.step == FlowStep::payment) screen_ = Screen::payment;
}

void Session::start_install() {
  open_pin(PinPrompt::Purpose::install);
}

void Session::close_page() {
  switch (flow_.step) {
    case FlowStep::payment:
      screen_ = Screen::payment;
      break;
    case FlowStep::cancelled:
      screen_ = Screen::cancelled;
      break;
    default:
      screen_ = Screen::progress;
      break;
  }
  online_.reset();
}

}  // namespace certrenew::gui
