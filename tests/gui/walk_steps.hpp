#pragma once
// Steps the GUI walks share: the way from the home screen to the PIN dialog and on to the payment
// page, paying online, retyping a box. Each acts as a person does (clicks and typing by label).

#include <string>

#include "gui_harness.hpp"
#include "gui_world.hpp"

namespace certrenew::testing {

// Empties a text box (End, then Backspace per character), then types `text`.
void retype(GuiDriver& gui, const std::string& label, const std::string& text);
// On the form: the operator's four boxes typed in, copied to the recipient, the address typed.
void type_contacts(GuiDriver& gui);
// Home -> panel -> agreement -> form filled in (24 months) -> the PIN dialog open. With `shots`,
// a screenshot of each screen on the way (screenshot mode only).
void walk_to_pin(World& w, bool shots = false);
// Types the PIN into the open PIN dialog and presses Enter.
void type_pin(World& w, const std::string& pin);
// Home to the payment page of a fresh application; returns its business number.
std::string walk_to_payment(World& w);
// From the payment page: 支付, then the method ("bank" or "online"); waits for its screen.
void choose_payment(GuiDriver& gui, const std::string& method);
// On the bank-transfer screen: the first record's payer account and name typed in.
void type_payer(GuiDriver& gui);
// From the payment page: a bank transfer of the amount due recorded and saved, then closed; the
// app on the progress screen.
void record_bank_transfer(GuiDriver& gui);
// A fresh application paid online (the sandbox gateway's page, as the payer would); returns its
// business number, the app on the online-payment page showing it paid.
std::string pay_online(World& w);

}  // namespace certrenew::testing
