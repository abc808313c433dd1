// The app with a customer's SKF (GM/T 0016) key, through the SKF bridge over our SKF test double
// (tests/support/skf_test_module), driven as a person drives it (Xvfb, xdotool, widgets found by
// label): the PIN care dialogs (修改密码 with its rules and a wrong current PIN, the initial-PIN
// prompt, 解锁 with a wrong then the right administrator PIN), and an SM2 renewal from the home
// screen to the done screen whose certificate `openssl verify` accepts with the SM2
// distinguishing ID; and an SM2 dual-certificate holder's renewal (issue 21): the sealed-bid notice
// before applying and the self-test on the done screen. PINs are typed, never passed; none of
// them may reach a file the app writes.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>

#include <nlohmann/json.hpp>

#include "certrenew/core/bytes.hpp"
#include "certrenew/core/secure_buffer.hpp"
#include "certrenew/core/token/token_context.hpp"
#include "gui_world.hpp"
#include "skf_enrollment.hpp"
#include "skf_test_support.hpp"
#include "walk_steps.hpp"

namespace fs = std::filesystem;
using namespace certrenew;
using namespace certrenew::testing;
using nlohmann::json;

namespace {

const std::string kSerial = "SKF-GUI-0001";

// The customer's key: one application whose user PIN is kPin (`initial`: the issuer's default,
// which the app flags). Returns the application as added (its administrator PIN).
SkfApplication add_customer_key(SkfKeys& keys, bool initial = false) {
  SkfApplication app;
  app.user_pin = kPin;
  app.user_default = initial;
  keys.add_key(kSerial, {app});
  return app;
}

// The client sees only the SKF key (no softtoken).
void use_skf(World& w) {
  w.write_config({{"drivers", {{"skf", {{"library", skf_test_double_file().string()}}}}}});
}

// The demo service with an SM2 CA and the customer's SKF key holding the signing certificate the
// CA enrolled; the app is not started yet.
struct Sm2SkfCustomer {
  SkfKeys keys;
  SkfApplication app = add_customer_key(keys);  // the key's one application
  World w{ServerProcess::Options{.ca_key = "sm2", .demo = true}, true};
  x509::Certificate signing = enroll_skf_customer(w.server, keys, kSerial);
};

// Clicks a PIN box, waits until it has the keyboard, types (PIN boxes are never read back).
void type_into(GuiDriver& gui, const std::string& box, const std::string& pin) {
  gui.click(box);
  gui.wait_for([&](const auto& m) { return m.value("active", "") == box; }, box + " active");
  gui.type_blind(pin);
}

// The three boxes of the open dialog (an empty `current` leaves that box as it is), then 确定.
void enter_pins(GuiDriver& gui, const std::string& current, const std::string& fresh,
                const std::string& again) {
  if (!current.empty()) type_into(gui, "pin_care.current", current);
  type_into(gui, "pin_care.new", fresh);
  type_into(gui, "pin_care.again", again);
  gui.click("pin_care.ok");
}

bool has_value(const GuiDriver::Map& m, const std::string& key) {
  return m["values"].contains(key);
}

void check_nowhere(const World& w, const std::vector<std::string>& pins) {
  for (const auto& pin : pins) {
    INFO("PIN " << pin);
    CHECK(read_text(w.map).find(pin) == std::string::npos);
    CHECK(read_text(w.log).find(pin) == std::string::npos);
    if (!fs::exists(w.dir / "data")) continue;
    for (const auto& e : fs::recursive_directory_iterator(w.dir / "data"))
      if (e.is_regular_file()) CHECK(read_text(e.path()).find(pin) == std::string::npos);
  }
}

// From the home screen: apply, pay by transfer (the back office confirms and approves), install;
// the app on the done screen. Returns the business number.
std::string renew_to_done(World& w) {
  auto& gui = w.gui;
  walk_to_pin(w);
  type_pin(w, kPin);
  gui.wait_screen("payment");
  const std::string no = gui.value("payment.business_no");
  record_bank_transfer(gui);
  w.operator_post(no, "confirm-payment");
  w.operator_post(no, "approve");
  gui.click("progress.refresh");
  gui.wait_value("progress.state_code", "approved");
  gui.click_until(
      "progress.install", [](const auto& m) { return m.value("screen", "") == "install"; },
      "the install screen");
  gui.click("install.start");
  gui.wait_dialog("pin");
  type_pin(w, kPin);
  gui.wait_screen("done");
  return no;
}

}  // namespace

TEST_CASE(
    "PIN care over SKF: the initial PIN flagged, 修改密码 with its rules, 解锁 with the "
    "administrator PIN") {
  SkfKeys keys;
  const SkfApplication app = add_customer_key(keys, true);
  const auto user = [&] { return keys.device(kSerial)["applications"][0]; };
  World w({}, true);
  use_skf(w);
  w.start();
  auto& gui = w.gui;

  // Home: the token on its initial PIN is flagged, with 修改密码 beside it.
  gui.wait_for(
      [](const auto& m) {
        return has_value(m, "home.token.0.default_pin") &&
               m["widgets"].contains("home.token.0.change_pin");
      },
      "the initial-PIN prompt and 修改密码");
  CHECK_FALSE(gui.has_widget("home.token.0.unblock_pin"));  // not locked
  gui.screenshot("11-home-default-pin");

  gui.click("home.token.0.change_pin");
  gui.wait_dialog("change_pin");
  CHECK(gui.value("pin_care.token") == kSerial);
  CHECK(gui.value("pin_care.retries") == "6");
  gui.screenshot("11-change-pin");

  // The rules, before any try: too short, typed differently, the same as the current one.
  enter_pins(gui, kPin, "12345", "12345");
  gui.wait_value("pin_care.rule_code", "too_short");
  gui.screenshot("11-change-pin-rule");
  enter_pins(gui, "", "864200", "864201");
  gui.wait_value("pin_care.rule_code", "differs");
  enter_pins(gui, "", kPin, kPin);
  gui.wait_value("pin_care.rule_code", "same");
  CHECK(user()["user_retries_left"] == 6);  // no try spent
  CHECK(user()["user_pin_default"] == true);

  // A wrong current PIN: one try spent, said with the tries left, nothing changed.
  gui.click("pin_care.current");
  gui.key("End");
  for (std::size_t i = 0; i < std::string(kPin).size(); ++i) gui.key("BackSpace");
  enter_pins(gui, "000000", "864200", "864200");
  gui.wait_value("pin_care.retries", "5");
  CHECK_FALSE(gui.value("pin_care.problem").empty());
  gui.screenshot("11-change-pin-wrong");
  CHECK(user()["user_retries_left"] == 5);
  CHECK(user()["user_pin_default"] == true);

  // The right one: changed; the initial-PIN prompt goes from the home screen.
  enter_pins(gui, kPin, "864200", "864200");
  gui.wait_for([](const auto& m) { return has_value(m, "pin_care.done"); }, "PIN changed");
  gui.screenshot("11-change-pin-done");
  CHECK(user()["user_pin_default"] == false);
  CHECK(user()["user_retries_left"] == 6);
  gui.click("pin_care.close");
  gui.wait_for([](const auto& m) { return !has_value(m, "home.token.0.default_pin"); },
               "the initial-PIN prompt gone");

  // Locked (as after too many wrong PINs elsewhere): 解锁 appears, 修改密码 goes.
  json device = keys.device(kSerial);
  device["applications"][0]["user_retries_left"] = 0;
  keys.write_device(kSerial, device);
  gui.wait_for([](const auto& m) { return m["widgets"].contains("home.token.0.unblock_pin"); },
               "the unblock button");
  CHECK_FALSE(gui.has_widget("home.token.0.change_pin"));
  CHECK(has_value(gui.map(), "home.token.0.unblock_hint"));
  gui.screenshot("12-home-locked");
  gui.click("home.token.0.unblock_pin");
  gui.wait_dialog("unblock_pin");
  gui.screenshot("12-unblock-pin");

  // A wrong administrator PIN: refused with its tries left; the user PIN stays locked.
  enter_pins(gui, "wrong-admin", "975310", "975310");
  gui.wait_value("pin_care.retries", "9");
  CHECK_FALSE(gui.value("pin_care.problem").empty());
  gui.screenshot("12-unblock-pin-wrong");
  CHECK(user()["admin_retries_left"] == 9);
  CHECK(user()["user_retries_left"] == 0);

  enter_pins(gui, app.admin_pin, "975310", "975310");
  gui.wait_for([](const auto& m) { return has_value(m, "pin_care.done"); }, "unblocked");
  gui.screenshot("12-unblock-pin-done");
  CHECK(user()["user_retries_left"] == 6);
  CHECK(user()["admin_retries_left"] == 10);
  gui.click("pin_care.close");
  gui.wait_for([](const auto& m) { return m["widgets"].contains("home.token.0.change_pin"); },
               "the token usable again");
  check_nowhere(w, {kPin, "864200", "975310", app.admin_pin});
  CHECK(w.quit() == 0);
}

TEST_CASE_FIXTURE(Sm2SkfCustomer,
                  "an SM2 renewal over SKF from the home screen to the done screen; openssl "
                  "verifies the certificate with the distinguishing ID") {
  use_skf(w);
  w.start();
  auto& gui = w.gui;

  const std::string no = renew_to_done(w);
  CHECK(gui.value("done.old.subject") == gui.value("done.new.subject"));

  // On the key: the renewed certificate is the signing certificate of a new container.
  Bytes renewed;
  const json device = keys.device(kSerial);
  for (const auto& c : device["applications"][0]["containers"])
    if (c["name"] != "enrolled") renewed = from_hex(c["sign_cert"].get<std::string>());
  REQUIRE_FALSE(renewed.empty());
  CHECK(renewed != signing.der);
  const fs::path der = w.dir / "renewed.der";
  std::ofstream(der, std::ios::binary)
      .write(reinterpret_cast<const char*>(renewed.data()),
             static_cast<std::streamsize>(renewed.size()));
  const std::string verify = "openssl x509 -inform DER -in " + der.string() + " -out " +
                             (w.dir / "renewed.pem").string() + " && openssl verify -CAfile " +
                             (w.server.dir() / "ca" / "ca.crt").string() + " -vfyopt ";
  CHECK(std::system((verify + "distid:1234567812345678 " + (w.dir / "renewed.pem").string() +
                     " > /dev/null 2>&1")
                        .c_str()) == 0);
  CHECK(
      std::system((verify + "distid:0000 " + (w.dir / "renewed.pem").string() + " > /dev/null 2>&1")
                      .c_str()) != 0);
  CHECK(w.state_code(no) == "completed");
  w.check_pin_nowhere();
  CHECK(w.quit() == 0);
}

TEST_CASE_FIXTURE(Sm2SkfCustomer,
                  "an SM2 dual-certificate renewal over SKF: the sealed-bid notice before "
                  "applying, the self-test on the done screen") {
  {  // The KMC's encryption pair beside the signing key, as the CA's enrollment left it.
    token::Session session = load_skf_bridge().open(keys.config()).open_session(kSerial);
    session.login(SecureBuffer(kPin));
    for (const auto& o : session.objects())
      if (o.certificate && o.certificate->der == signing.der)
        give_encryption_pair(session, w.server, o.id, signing.der);
  }
  REQUIRE(keys.device(kSerial)["applications"][0]["containers"][0]["enc_cert"] != "");
  use_skf(w);
  w.start();
  auto& gui = w.gui;

  // Before applying: bids sealed to the encryption certificate stay readable.
  gui.wait_value("home.cert.0.subject", "胡某");
  gui.click("home.renew");
  gui.wait_screen("renewal_panel");
  REQUIRE(has_value(gui.map(), "panel.sealed_bids"));
  gui.screenshot("02-sealed-bids");
  gui.click("panel.home");
  gui.wait_screen("home");

  const std::string no = renew_to_done(w);
  // The self-test: the new signing certificate signs; data sealed to the new and to the previous
  // encryption certificate opens on the key.
  for (const char* check :
       {"done.selftest.sign", "done.selftest.open_new", "done.selftest.open_previous"})
    gui.wait_value(check, "passed");
  gui.screenshot("10-self-test");
  // On the key: the new container holds the new signing pair and the new encryption pair; the
  // enrolled one keeps the previous encryption pair.
  const json containers = keys.device(kSerial)["applications"][0]["containers"];
  REQUIRE(containers.size() == 2);
  for (const auto& c : containers) {
    CHECK(c["enc_key"] != "");
    CHECK(c["enc_cert"] != "");
  }
  CHECK(w.state_code(no) == "completed");
  w.check_pin_nowhere();
  CHECK(w.quit() == 0);
}
