#include "controller/screen_map.hpp"

#include <array>
#include <utility>

namespace certrenew::gui {

using client::FlowStep;

namespace {

// The screens' codes, in the order of enum Screen.
constexpr std::array<std::string_view, 12> kCodes = {
    "home",          "service_hall",   "renewal_panel", "agreement", "form", "payment",
    "bank_transfer", "online_payment", "progress",      "install",   "done", "cancelled"};
static_assert(kCodes.size() == static_cast<std::size_t>(Screen::cancelled) + 1);

// The step→screen map.
constexpr std::pair<FlowStep, Screen> kStepScreens[] = {
    {FlowStep::choose_certificate, Screen::home},
    {FlowStep::service_hall, Screen::service_hall},
    {FlowStep::renewal_panel, Screen::renewal_panel},
    {FlowStep::agreement, Screen::agreement},
    {FlowStep::form, Screen::form},
    {FlowStep::sign, Screen::form},  // the PIN dialog over the form
    {FlowStep::payment, Screen::payment},
    {FlowStep::waiting_review, Screen::progress},
    {FlowStep::ready_to_install, Screen::progress},  // 安装证书 opens the install page
    {FlowStep::rejected, Screen::progress},
    {FlowStep::done, Screen::done},
    {FlowStep::cancelled, Screen::cancelled},
};

}  // namespace

std::string_view code(Screen screen) {
  const auto index = static_cast<std::size_t>(screen);
  return index < kCodes.size() ? kCodes[index] : "unknown";
}

Screen screen_for(FlowStep step) {
  for (const auto& [s, screen] : kStepScreens)
    if (s == step) return screen;
  return Screen::home;
}

namespace {

// After the submission a page shows payment or cancellation where the step says so, and the
// progress otherwise (an installation finished elsewhere included).
Screen after_submission(FlowStep step) {
  const Screen screen = screen_for(step);
  return screen == Screen::payment || screen == Screen::cancelled ? screen : Screen::progress;
}

// Only where the step leads to `screen` itself.
std::optional<Screen> only(Screen screen, FlowStep step) {
  if (screen_for(step) == screen) return screen;
  return std::nullopt;
}

}  // namespace

std::optional<Screen> next_screen(Move move, FlowStep step, Screen from) {
  switch (move) {
    case Move::chose_certificate: {
      // A resumed application opens on the renewal panel (继续缴费, 查询进度, 安装证书), unless
      // there is nothing to do online: expired, or already installed.
      const Screen screen = screen_for(step);
      return screen == Screen::service_hall || screen == Screen::done ? screen
                                                                      : Screen::renewal_panel;
    }
    case Move::went_home:
      return Screen::home;
    case Move::applied:
      return only(Screen::agreement, step);
    case Move::accepted_agreement:
      return only(Screen::form, step);
    case Move::went_back:
      if (step == FlowStep::renewal_panel || step == FlowStep::agreement || step == FlowStep::form)
        return screen_for(step);
      return std::nullopt;
    case Move::signed_and_submitted:
      return Screen::payment;  // even when nothing is due: the page says so and shows the number
    case Move::installed:
      return Screen::done;
    case Move::cancelled:
      return only(Screen::cancelled, step);
    case Move::chose_bank_transfer:
      return Screen::bank_transfer;
    case Move::chose_online_payment:
      return Screen::online_payment;
    case Move::checked_progress:
    case Move::checked_quietly: {
      if (step == FlowStep::cancelled) return Screen::cancelled;
      if (from == Screen::renewal_panel || from == Screen::payment)
        return step == FlowStep::payment ? Screen::payment : Screen::progress;
      // 查询进度 pressed on a payment page: the progress page, whatever the payment's state; the
      // automatic check leaves the page open.
      if (move == Move::checked_progress &&
          (from == Screen::online_payment || from == Screen::bank_transfer))
        return Screen::progress;
      return std::nullopt;
    }
    case Move::opened_install:
      return Screen::install;
    case Move::left_install:
      return Screen::progress;
    case Move::continued_payment:
      return only(Screen::payment, step);
    case Move::closed_page:
      return after_submission(step);
  }
  return std::nullopt;
}

}  // namespace certrenew::gui
