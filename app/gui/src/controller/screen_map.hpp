#pragma once
// Which screen shows the renewal, decided in one place. The flow's step picks the screen
// (screen_for); a few moves open a page of their own inside a step (the bank transfer and online
// payment pages during payment, the install page before the installation, home outside any flow),
// and a progress check or a closed page only moves off the page it was started on. next_screen is
// the whole table: the Session calls it after every move and never sets a screen itself.
// Pure functions: tested without a window or a service.

#include <optional>
#include <string_view>

#include "certrenew/client/flow/renewal_flow.hpp"

namespace certrenew::gui {

enum class Screen {
  home,
  service_hall,
  renewal_panel,
  agreement,
  form,
  payment,
  bank_transfer,
  online_payment,
  progress,
  install,
  done,
  cancelled,
};
std::string_view code(Screen screen);  // "home", ... (widget map, screenshot names)

// The screen that shows the flow at `step`: the step→screen map. Signing happens in the PIN
// dialog over the form; every step after the submission but payment, cancellation and a finished
// installation is followed on the progress page.
Screen screen_for(client::FlowStep step);

// What the user did (or a finished action reported); named after the Session's actions.
enum class Move {
  chose_certificate,   // 证书续期: a fresh flow, or one resumed from its record
  went_home,           // 返回首页
  applied,             // 申请续期 (also when loading the agreement failed after the step moved)
  accepted_agreement,  // 下一步 on the agreement
  went_back,           // 上一步, or the PIN dialog cancelled before signing
  signed_and_submitted,  // the PIN dialog's signing went through
  installed,             // the PIN dialog's installation went through
  cancelled,             // 撤销申请
  chose_bank_transfer,   // 立即支付 -> 银行转账
  chose_online_payment,  // 立即支付 -> 在线支付
  checked_progress,      // 查询进度 pressed
  checked_quietly,       // the automatic check on the progress and online payment pages
  opened_install,        // 安装证书
  left_install,          // 返回 on the install page
  continued_payment,     // 继续缴费 on the renewal panel
  closed_page,           // 关闭页面 on a payment page
};

// The screen after `move`, with the flow now at `step`, started on `from`; nullopt: stay.
std::optional<Screen> next_screen(Move move, client::FlowStep step, Screen from);

}  // namespace certrenew::gui
