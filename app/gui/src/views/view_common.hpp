#pragma once
// What every screen shares: the frame of a screen (title, the guide's step strip, a scrolling
// body, a footer for the buttons), a certificate summary, a stage list for long actions, and the
// error dialog nested in whatever dialog is on top.

#include <string>
#include <vector>

#include "app/strings.hpp"
#include "certrenew/client/flow/service_facts.hpp"
#include "certrenew/client/flow/token_inventory.hpp"

namespace certrenew::gui {
class Session;
struct FlowSnapshot;
}  // namespace certrenew::gui

namespace certrenew::gui::views {

// `step` 0: no step strip. The body scrolls; begin_footer() ends it.
void begin_screen(const char* title, int step);
void begin_footer();
void end_screen();
// begin_screen() for a screen about the certificate being renewed: the body starts with its
// summary card (when the flow has one) and a space. Returns the flow the screen shows.
const FlowSnapshot& begin_certificate_screen(Session& s, const char* title, int step);

// A footer's two buttons: the way back (or out) on the left and the step's main action on the
// right, both disabled while the session is busy; with BusySpinner::shown, the spinner beside the
// first while it is. Says which one was pressed.
struct FooterButton {
  const char* key;
  const char* text;
  bool ready = true;  // enabled when not busy and this holds
};
enum class BusySpinner { shown, hidden };
enum class FooterPress { none, back, forward };
FooterPress back_and_forward(bool busy, const FooterButton& back, const FooterButton& forward,
                             BusySpinner spinner = BusySpinner::shown);

// The time a certificate has left: "19 天 21 小时" under the expiry warning's 30 days (whole days
// alone would say 19 for 19.9; the CLI's whole days_left is the first number), "120 天" above,
// "已过期 3 天" after.
std::string time_left_text(const x509::Certificate& certificate);

// Subject, issuer, validity and days left of one certificate, as a card.
void certificate_summary(const client::CertificateEntry& entry);
// Money the service says arrived but was not needed (paid twice, or after the application
// ended), as a warning naming the amount and the business number; nothing when there is none.
void refund_due_banner(const client::ApplicationView& view);

// Expired / expiring / valid, in the palette's colours.
enum class Validity { valid, expiring, expired, not_yet_valid };
Validity validity_of(const x509::Certificate& certificate);
const char* validity_text(Validity v);
void validity_badge(Validity v);

// The stages of signing and installing, in the order of client::SignStage / InstallStage (the
// flow logs in before verifying: some tokens list their keys only after login).
inline constexpr T kSignStages[] = {T::sign_login, T::sign_generate_key, T::sign_build_request,
                                    T::sign_sign_request, T::sign_submit};
inline constexpr T kInstallStages[] = {
    T::install_download,  T::install_login,   T::install_verify, T::install_write,
    T::install_read_back, T::install_confirm, T::install_retire, T::install_done};

// The rows of a fee table (item, unit price, quantity, subtotal), inside a 4-column table whose
// columns and header the caller has set up.
void fee_item_rows(const std::vector<client::FeeItem>& items);

// Steps of a long action: done ones ticked, the current one with a spinner.
void stage_list(const T* names, int count, int current, bool failed);

// The error dialog, drawn inside the topmost modal (ImGui replaces a modal opened beside
// another): each modal calls this before its end, and the frame once more at the end.
void begin_frame_dialogs();
void nested_error_dialog(Session& session);

// Days from which a certificate counts as "expiring soon".
inline constexpr long kExpiryWarningDays = 30;

}  // namespace certrenew::gui::views
