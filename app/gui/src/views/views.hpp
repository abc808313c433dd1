#pragma once
// One function per screen (one file each), drawn inside the main window, plus the dialogs.
// Each reads the Session's state and calls its actions; none does I/O.

#include <string>

#include "views/screen_state.hpp"

namespace certrenew::gui {
class Session;
class DiagnosticsPanel;
class PinCare;
struct AboutFacts;
}  // namespace certrenew::gui

namespace certrenew::client {
struct TokenEntry;
}

namespace certrenew::gui::views {

void home(Session& session, PinCare& pin_care);  // step 1: tokens and certificates
void certificate_details(Session& session);      // the certificate viewer (dialog)
void service_hall(Session& session);             // step 1, expired: renew at a service hall
void renewal_panel(Session& session);  // step 2: 申请续期 / 查询进度 / 安装证书
void agreement(Session& session);      // step 3
void renewal_form(Session& session, FormScreen& state);           // step 4 (and the fee breakdown)
void pin_dialog(Session& session);                                // step 5 and 9: the PIN
void payment(Session& session, PaymentScreen& state);             // step 6 (cancel, method dialogs)
void bank_transfer(Session& session, BankTransferScreen& state);  // step 7, offline
void online_payment(Session& session, OnlinePaymentScreen& state);    // step 7, online (QR code)
void progress(Session& session, ProgressScreen& state);               // step 8: 查询进度
void install(Session& session);                                       // step 9
void done(Session& session);                                          // step 10
void cancelled(Session& session);                                     // after 撤销申请
void diagnostics(DiagnosticsPanel& panel, DiagnosticsScreen& state);  // 诊断 (--diagnostic)
void about(const AboutFacts& facts, bool* open);
void error_dialog(Session& session);

// PIN care (pin_care_dialog.cpp): the 修改密码 / 解锁 dialog, and on the home screen a token
// line's buttons and its prompts (initial PIN, locked but unblockable).
void pin_care_dialog(PinCare& pin_care);
void token_pin_buttons(PinCare& pin_care, const client::TokenEntry& token, const std::string& key,
                       bool enabled);
void token_pin_prompts(const client::TokenEntry& token, const std::string& key);

}  // namespace certrenew::gui::views
