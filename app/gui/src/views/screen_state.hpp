#pragma once
// What the screens remember between frames besides the Session's state: which of their dialogs
// is open, where to scroll. One object per screen, owned by the App
// and handed to its screen, so no view keeps file-scope mutable state.

#include <cstddef>
#include <optional>

#include "widgets/qr_code.hpp"
#include "widgets/widgets.hpp"

namespace certrenew::gui::views {

struct FormScreen {
  bool show_fees = false;          // 详细信息: the fee breakdown dialog
  bool scroll_to_problem = false;  // 提交 was pressed: bring the first marked field into view
};

struct PaymentScreen {
  bool confirm_cancel = false;  // 撤销申请 asks first
  bool choose_method = false;   // 立即支付: bank transfer or online
  ui::CopyFeedback copied;      // the business number's 复制
};

struct BankTransferScreen {
  bool scroll_to_problem = false;  // 保存 was pressed: bring the first marked field into view
  ui::CopyFeedback copied;         // the CA's account details' 复制
};

struct OnlinePaymentScreen {
  ui::QrImage qr;           // the payment link, encoded once
  ui::CopyFeedback copied;  // the link's 复制
};

struct ProgressScreen {
  ui::CopyFeedback copied;  // the business number's 复制
};

struct DiagnosticsScreen {
  // A line of the attention list asked to be scrolled into view (set by a click, used once).
  std::optional<std::size_t> scroll_to;
  ui::CopyFeedback copied;  // the exported bundle's path
  // Exports already revealed: a finished one scrolls the body to the top, where its result is.
  unsigned exports_seen = 0;
};

struct ScreenStates {
  FormScreen form;
  PaymentScreen payment;
  BankTransferScreen bank_transfer;
  OnlinePaymentScreen online_payment;
  ProgressScreen progress;
  DiagnosticsScreen diagnostics;
};

}  // namespace certrenew::gui::views
