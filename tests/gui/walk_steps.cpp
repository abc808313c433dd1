#include "walk_steps.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

namespace certrenew::testing {

using nlohmann::json;

// Empties a text box the way a person does (End, then Backspace per character; Ctrl+A is not
// reliable through xdotool's synthetic modifiers), then types `text`.
void retype(GuiDriver& gui, const std::string& label, const std::string& text) {
  gui.click(label);
  gui.key("End");
  const std::string before = gui.value(label);
  for (std::size_t i = 0; i < before.size(); ++i)
    if ((static_cast<unsigned char>(before[i]) & 0xC0) != 0x80) gui.key("BackSpace");
  gui.wait_value(label, "");
  gui.type(label, text);
}

void type_contacts(GuiDriver& gui) {
  gui.type("form.operator.id_number", "11010519491231002X");
  gui.type("form.operator.name", "胡某");
  gui.type("form.operator.mobile", "138 0013 8000");
  gui.type("form.operator.email", "hu@example.cn");
  gui.click("form.copy_operator");
  gui.wait_value("form.recipient.name", "胡某");
  gui.type("form.recipient.address", "广东省佛山市禅城区季华五路1号");
}

// Home -> panel -> agreement -> form filled in (24 months) -> the PIN dialog open.
void walk_to_pin(World& w, bool shots) {
  auto& gui = w.gui;
  auto shot = [&](const char* name) {
    if (shots) gui.screenshot(name);
  };
  gui.wait_value("home.cert.0.subject", "胡某");
  shot("01-home");
  gui.click("home.view");
  gui.wait_dialog("certificate");
  // The viewer speaks the UI's language: no RFC 5280 names, no "RFC822 Name=" (issue 16, 7).
  for (const char* field :
       {"certificate.key_usage", "certificate.ext_key_usage", "certificate.san"}) {
    const std::string v = gui.value(field);
    INFO(field, " = ", v);
    for (const char* english :
         {"digitalSignature", "nonRepudiation", "clientAuth", "emailProtection", "RFC822"})
      CHECK(v.find(english) == std::string::npos);
  }
  shot("01-certificate");
  gui.key("Escape");
  gui.wait_for([](const auto& m) { return m.value("dialog", "x").empty(); }, "the viewer to close");

  gui.click("home.renew");
  gui.wait_screen("renewal_panel");
  CHECK_FALSE(gui.enabled("panel.install"));
  CHECK_FALSE(gui.enabled("panel.progress"));
  shot("02-renewal-panel");
  gui.click("panel.apply");
  gui.wait_screen("agreement");
  CHECK_FALSE(gui.enabled("agreement.next"));  // only once the box is ticked
  shot("03-agreement");
  gui.click("agreement.accept");
  gui.wait_value("agreement.accept", "checked");
  gui.click("agreement.next");
  gui.wait_screen("form");

  gui.click("form.period");
  gui.click("form.period.1");  // 24 months
  gui.wait_value("form.fee", "200.00");
  type_contacts(gui);
  shot("04-form");
  gui.click("form.fee_details");
  gui.wait_dialog("fees");
  CHECK(gui.value("fees.total") == "200.00");
  shot("04-fee-details");
  gui.key("Escape");
  gui.click("form.submit");
  gui.wait_dialog("pin");
}

void type_pin(World& w, const std::string& pin) {
  w.gui.wait_for([](const auto& m) { return m.value("active", "") == "pin.input"; },
                 "the PIN box to have the keyboard");
  w.gui.type_blind(pin);
  w.gui.key("Return");
}

// Home to the payment page of a fresh application; returns its business number.
std::string walk_to_payment(World& w) {
  walk_to_pin(w);
  type_pin(w, kPin);
  w.gui.wait_screen("payment");
  return w.gui.value("payment.business_no");
}

void choose_payment(GuiDriver& gui, const std::string& method) {
  gui.click("payment.pay");
  gui.wait_dialog("method");
  gui.click("method." + method);
  gui.wait_screen(method == "bank" ? "bank_transfer" : "online_payment");
}

void type_payer(GuiDriver& gui) {
  gui.type("bank.0.payer_account", "6222 0202 0000 1234 567");
  gui.type("bank.0.payer_name", "广州某某贸易有限公司");
}

void record_bank_transfer(GuiDriver& gui) {
  choose_payment(gui, "bank");
  type_payer(gui);
  gui.click("bank.save");
  gui.wait_for([](const auto& m) { return m["values"].contains("bank.saved"); }, "saved");
  gui.click("bank.close");
  gui.wait_screen("progress");
}

// A fresh application paid online (the sandbox gateway's page, as the payer would).
std::string pay_online(World& w) {
  auto& gui = w.gui;
  const std::string no = walk_to_payment(w);
  choose_payment(gui, "online");
  const std::string qr = gui.value("online.qr");
  REQUIRE(qr.rfind("https://", 0) == 0);
  CHECK(w.server.post(qr.substr(qr.find('/', 8)), json::object()).status < 400);
  gui.wait_for([](const auto& m) { return m["values"].contains("online.paid"); }, "paid");
  return no;
}

}  // namespace certrenew::testing
