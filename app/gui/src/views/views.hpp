#pragma once
// One function per screen (one file each), drawn inside the main window, plus the dialogs.
// Each reads the Session's state and calls its actions; none does I/O.

#include <string>

#include "views/screen_state.hpp"

namespace certrenew::gui {
class Session;
class DiagnosticsPanel;
struct AboutFacts;
}  // namespace certrenew::gui

namespace certrenew::gui::views {

void home(Session& session);                 // step 1: tokens and certificates
void certificate_details(Session& session);  // the certificate viewer (dialog)
void service_hall(Session& session);         // step 1, expired: renew at a service hall
void renewal_panel(Session& session);        // step 2: 申请续期 / 查询进度 / 安装证书
void agreement(Session& session);            // step 3
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

}  // namespace certrenew::gui::views
