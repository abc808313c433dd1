// The certrenew app used as a person uses it: a real certrenew-server on loopback, a softtoken,
// the app on its own Xvfb display, clicks and typing as real X input events (xdotool), widgets
// found by label through the app's test-mode widget map. The PIN is typed, never passed.
//
// With CERTRENEW_SCREENSHOT_DIR set (scripts/screenshots) the same walks also press F12 on every
// screen, which makes the app save <screen>[-<dialog>]-<lang>.png there.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>

#include <nlohmann/json.hpp>

#include "certrenew/core/bytes.hpp"
#include "certrenew/softtoken/store.hpp"
#include "customer_token.hpp"
#include "gui_harness.hpp"
#include "gui_world.hpp"
#include "lossy_relay.hpp"
#include "server_process.hpp"
#include "walk_steps.hpp"

namespace fs = std::filesystem;
using namespace certrenew::testing;
using nlohmann::json;

TEST_CASE_FIXTURE(DemoApp,
                  "a holder renews the demo certificate from the home screen to the done screen") {
  walk_to_pin(w, true);
  gui.screenshot("05-pin");

  // A wrong PIN first: refused with the tries left, the dialog stays.
  CHECK(gui.value("pin.retries") == "10");
  type_pin(w, "000000");
  gui.wait_value("pin.retries", "9");
  CHECK_FALSE(gui.value("pin.problem").empty());
  CHECK(gui.value("pin.final_try").empty());
  gui.screenshot("05-pin-wrong");
  type_pin(w, kPin);
  gui.wait_screen("payment");

  // Step 6: the payment page shows what the service registered.
  const std::string no = gui.value("payment.business_no");
  CHECK(no.size() == 17);
  CHECK(gui.value("payment.total") == "200.00");
  CHECK(gui.value("payment.recipient_name") == "胡某");
  CHECK(gui.value("payment.recipient_mobile") == "13800138000");
  CHECK(gui.value("payment.recipient_address") == "广东省佛山市禅城区季华五路1号");
  gui.screenshot("06-payment");
  gui.click("payment.pay");
  gui.wait_dialog("method");
  gui.screenshot("06-payment-method");
  gui.click("method.bank");

  // Step 7: bank transfer recorded.
  gui.wait_screen("bank_transfer");
  CHECK(gui.value("bank.0.amount") == "200.00");
  type_payer(gui);
  // ¥150 of ¥200: the page says what is still due, before and after saving (issue 16, 5).
  retype(gui, "bank.0.amount", "150");
  gui.wait_value("bank.still_due", "50.00");
  gui.click("bank.save");
  gui.wait_for([](const auto& m) { return m["values"].contains("bank.short"); }, "short");
  CHECK(gui.value("bank.still_due") == "50.00");
  // The rest in a second transfer: saved, nothing due.
  gui.click("bank.add");
  gui.type("bank.1.payer_account", "6222 0202 0000 1234 567");
  gui.type("bank.1.payer_name", "广州某某贸易有限公司");
  gui.type("bank.1.amount", "50");
  gui.click("bank.save");
  gui.wait_for([](const auto& m) { return m["values"].contains("bank.saved"); }, "saved");
  CHECK_FALSE(gui.map()["values"].contains("bank.still_due"));
  gui.screenshot("07-bank-transfer");
  gui.click("bank.close");

  // Step 8: finance confirms, the back office approves; 查询进度 shows it.
  gui.wait_screen("progress");
  gui.wait_value("progress.state_code", "entered");
  gui.screenshot("08-progress");
  w.operator_post(no, "confirm-payment");
  w.operator_post(no, "approve");
  gui.click("progress.refresh");
  gui.wait_value("progress.state_code", "approved");
  gui.screenshot("09-ready-to-install");

  // Step 9: install, with the PIN again.
  // The automatic refresh (every 2 s here) may grey the button out between look and click.
  gui.click_until(
      "progress.install", [](const auto& m) { return m.value("screen", "") == "install"; },
      "the install screen");
  gui.screenshot("09-install");
  gui.click("install.start");
  gui.wait_dialog("pin");
  type_pin(w, kPin);
  gui.wait_screen("done");

  // Step 10: old and new validity side by side; 24 months more.
  const int extended = std::stoi(gui.value("done.extended_days"));
  CHECK(extended >= 730);
  CHECK(extended <= 731);
  CHECK(gui.value("done.old.subject") == gui.value("done.new.subject"));
  CHECK(gui.value("done.old.serial") != gui.value("done.new.serial"));
  gui.screenshot("10-done");
  gui.click("done.home");
  gui.wait_screen("home");
  // The token now holds the renewed certificate beside the old one (retire policy: keep).
  gui.wait_for([](const auto& m) { return m["values"].contains("home.cert.1.subject"); },
               "two certificates on the token");
  // The old one is shown as renewed and cannot be renewed again (issue 16, 2).
  const std::string renewed =
      gui.value("home.cert.0.status") == "renewed" ? "home.cert.0" : "home.cert.1";
  const std::string current = renewed == "home.cert.0" ? "home.cert.1" : "home.cert.0";
  CHECK(gui.value(renewed + ".status") == "renewed");
  CHECK(gui.value(current + ".status") == "current");
  gui.click(current);
  gui.wait_for([](const auto& m) { return !m["values"].contains("home.renewed"); }, "current");
  CHECK(gui.enabled("home.renew"));
  gui.click(renewed);
  gui.wait_for([](const auto& m) { return m["values"].contains("home.renewed"); }, "renewed");
  CHECK_FALSE(gui.enabled("home.renew"));
  CHECK_FALSE(gui.map()["values"].contains("home.expiry_warning"));
  CHECK(w.state_code(no) == "completed");
  w.check_pin_nowhere();
  CHECK(w.quit() == 0);
}

TEST_CASE(
    "an expired certificate shows the service-hall guidance; tokens come and go; "
    "language and window size are remembered") {
  World w({}, true);
  w.start({}, false);
  auto& gui = w.gui;
  // No token yet: the home screen says so, then picks up a token plugged in meanwhile.
  gui.wait_for([](const auto& m) { return m["values"].contains("home.no_token"); }, "no token");
  gui.screenshot("01-home-no-token");
  make_customer_token(
      w.tokens, "expired", w.server.dir(), kPin,
      {.valid_from = std::chrono::days(-400), .valid_until = std::chrono::days(-3)});
  gui.wait_value("home.cert.0.subject", "胡某");
  CHECK_FALSE(gui.value("home.expired").empty());
  gui.screenshot("01-home-expired");
  gui.click("home.renew");
  gui.wait_screen("service_hall");
  CHECK_FALSE(gui.value("hall.guidance").empty());
  gui.screenshot("01-service-hall");

  // The about box, from the menu.
  gui.click("menu.help");
  gui.click("menu.about");
  gui.wait_dialog("about");
  gui.screenshot("about");
  gui.key("Return");
  gui.wait_for([](const auto& m) { return m.value("dialog", "x").empty(); }, "about closed");

  // The other language, by the switch in the menu bar (English when the walk runs in Chinese).
  const bool to_english = screenshot_language() != "en";
  const std::string other = to_english ? "en" : "zh-CN";
  gui.click(to_english ? "lang.en" : "lang.zh");
  gui.wait_for([&](const auto& m) { return m.value("language", "") == other; }, other);
  CHECK(gui.value("hall.reason").find(to_english ? "online" : "网上") != std::string::npos);
  gui.click("hall.home");
  gui.wait_screen("home");

  // The token is pulled out: the list empties by itself.
  fs::remove_all(w.tokens / "expired");
  gui.wait_for([](const auto& m) { return m["values"].contains("home.no_token"); }, "token gone");
  CHECK(w.quit() == 0);
  const json settings = json::parse(read_text(w.config.parent_path() / "gui.json"));
  CHECK(settings["language"] == other);
  CHECK(settings["width"].get<int>() >= 800);

  // Started again, it comes up in that language (unless the walk forces one with --lang).
  w.start();
  if (to_english) CHECK(w.gui.map()["language"] == "en");
  CHECK(w.quit() == 0);
}

TEST_CASE("wrong PINs: the tries left, a warning before the final try, a locked token explained") {
  World w({}, true);
  make_customer_token(w.tokens, "two-tries", w.server.dir(), kPin,
                      {.label = "两次机会令牌", .max_retries = 2});
  w.start();
  auto& gui = w.gui;
  walk_to_pin(w);
  CHECK(gui.value("pin.retries") == "2");
  type_pin(w, "999999");
  gui.wait_value("pin.retries", "1");
  CHECK_FALSE(gui.value("pin.final_try").empty());  // the warning before the last try
  gui.screenshot("05-pin-final-try");
  type_pin(w, "888888");
  gui.wait_for([](const auto& m) { return m["values"].contains("pin.locked"); }, "locked");
  CHECK_FALSE(gui.enabled("pin.ok"));
  gui.screenshot("05-pin-locked");
  // Escape closes the dialog; the form is still there and nothing was submitted.
  gui.key("Escape");
  gui.wait_screen("form");
  gui.wait_for([](const auto& m) { return m.value("dialog", "x").empty(); }, "dialog closed");
  auto list = w.server.get("/api/v1/admin/applications", w.server.operator_token());
  CHECK(list.body["applications"].empty());
  w.check_pin_nowhere();
  CHECK(w.quit() == 0);
}

TEST_CASE_FIXTURE(DemoApp, "cancelling an application asks first and can be declined") {
  const std::string no = walk_to_payment(w);
  gui.click("payment.cancel");
  gui.wait_dialog("cancel");
  gui.screenshot("06-cancel-confirm");
  gui.key("Escape");  // the safe choice: nothing happens
  gui.wait_for([](const auto& m) { return m.value("dialog", "x").empty(); }, "dialog closed");
  CHECK(w.state_code(no) == "entered");
  gui.click("payment.cancel");
  gui.wait_dialog("cancel");
  gui.click("cancel.confirm");
  gui.wait_screen("cancelled");
  gui.screenshot("06-cancelled");
  CHECK(w.state_code(no) == "cancelled");
  gui.click("cancelled.home");
  gui.wait_screen("home");
  CHECK(w.quit() == 0);
}

TEST_CASE("the online payment page follows the payment by itself; errors are dialogs") {
  World w({.demo = true});
  // No browser runs here: a stand-in for the desktop's opener (xdg-open), first on the app's
  // PATH, records the address it is handed.
  const fs::path opener_dir = w.dir / "bin";
  const fs::path opened = w.dir / "opened.txt";
  fs::create_directories(opener_dir);
  std::ofstream(opener_dir / "xdg-open")
      << "#!/bin/sh\nprintf '%s\\n' \"$@\" >> '" << opened.string() << "'\n";
  fs::permissions(opener_dir / "xdg-open", fs::perms::owner_all);
  const std::string path_before = std::getenv("PATH") ? std::getenv("PATH") : "/usr/bin:/bin";
  setenv("PATH", (opener_dir.string() + ":" + path_before).c_str(), 1);
  w.start();
  setenv("PATH", path_before.c_str(), 1);
  auto& gui = w.gui;
  walk_to_pin(w);
  type_pin(w, kPin);
  gui.wait_screen("payment");
  choose_payment(gui, "online");
  const std::string qr = gui.value("online.qr");
  REQUIRE(qr.rfind("https://", 0) == 0);
  gui.screenshot("07-online-payment");
  // 在浏览器中打开 hands exactly the payment link to the opener, as one argument.
  gui.click("online.open_link");
  gui.wait_for([&](const auto&) { return read_text(opened) == qr + "\n"; },
               "the opener to get the payment link");
  // 复制 puts it on the clipboard (read back from the X server).
  gui.click("online.copy_link");
  std::string clipboard;
  REQUIRE(run_program({"/usr/bin/xclip", "-o", "-selection", "clipboard"}, &clipboard) == 0);
  CHECK(clipboard == qr);
  // The payer pays on the gateway's page (the sandbox); the app notices without a click.
  const std::string path = qr.substr(qr.find('/', 8));
  auto paid = w.server.post(path, json::object());
  CHECK(paid.status < 400);
  gui.wait_for([](const auto& m) { return m["values"].contains("online.paid"); }, "paid");
  gui.screenshot("07-online-paid");

  // 查询进度 on the payment page leads to the progress page (issue 16, 3).
  gui.click("online.progress");
  gui.wait_screen("progress");
  // The service goes away: 查询进度 explains it in a dialog, which Enter closes.
  w.server.stop();
  gui.click_until(
      "progress.refresh", [](const auto& m) { return m.value("dialog", "") == "error"; },
      "the error dialog");
  CHECK_FALSE(gui.value("error.message").empty());
  gui.screenshot("error");
  gui.key("Return");
  gui.wait_for([](const auto& m) { return m.value("dialog", "x").empty(); }, "dialog closed");
  CHECK(w.quit() == 0);
}

TEST_CASE("a submission that fails is retried by pressing 提交 again, with the same key") {
  World w({.demo = true});
  // The client reaches the service through a loopback relay that can drop the submission.
  LossyRelay relay(w.server.port());
  w.write_config({{"service_url", relay.base_url()}});
  w.start();
  auto& gui = w.gui;
  walk_to_pin(w);
  relay.set_mode(LossyRelay::Mode::drop_large_requests);  // the service is gone at that moment
  type_pin(w, kPin);
  gui.wait_dialog("error");
  CHECK(gui.value("error.kind") == "service_unreachable");
  gui.key("Return");
  gui.wait_for([](const auto& m) { return m.value("dialog", "x").empty(); }, "dialog closed");
  gui.wait_screen("form");  // what was typed is still there

  // The line is back; 提交 again opens the PIN dialog (no "wrong step" dead end), and the
  // application goes through with the key generated by the first attempt.
  relay.set_mode(LossyRelay::Mode::pass);
  gui.click("form.submit");
  gui.wait_dialog("pin");
  type_pin(w, kPin);
  gui.wait_screen("payment");
  const std::string no = gui.value("payment.business_no");
  CHECK(no.size() == 17);
  const json record = json::parse(read_text(w.dir / "data" / "applications" / (no + ".json")));
  // One new key on the token (no second one for the retry), and the application names it.
  std::vector<std::string> bare_keys;
  const auto token = certrenew::softtoken::describe_token(w.tokens / "token");
  for (const auto& key : token.objects) {
    if (key.kind != CRT_OBJ_PRIVATE_KEY) continue;
    bool certified = false;
    for (const auto& cert : token.objects)
      certified = certified || (cert.kind == CRT_OBJ_CERTIFICATE && cert.id == key.id);
    if (!certified) bare_keys.push_back(certrenew::to_hex(key.id));
  }
  REQUIRE(bare_keys.size() == 1);
  CHECK(record["new_key_id"] == bare_keys[0]);
  CHECK(w.quit() == 0);
}

TEST_CASE("--screenshot renders the first settled frame to a PNG and exits") {
  World w({}, true);
  const fs::path png = w.dir / "first.png";
  AppProcess app({CERTRENEW_GUI_BINARY, "--config", w.config.string(), "--data-dir",
                  (w.dir / "data").string(), "--size", "900x640", "--screenshot", png.string()},
                 w.log);
  REQUIRE(app.wait_exit(std::chrono::seconds(60)) == 0);
  const std::string data = read_text(png);
  REQUIRE(data.size() > 24);
  CHECK(data.substr(1, 3) == "PNG");
  // IHDR: width and height, big-endian, at bytes 16..23.
  auto be32 = [&](std::size_t at) {
    return (static_cast<unsigned char>(data[at]) << 24) |
           (static_cast<unsigned char>(data[at + 1]) << 16) |
           (static_cast<unsigned char>(data[at + 2]) << 8) |
           static_cast<unsigned char>(data[at + 3]);
  };
  CHECK(be32(16) == 900u);
  CHECK(be32(20) == 640u);
}

TEST_CASE("without a Chinese font the app says so, in English") {
  World w({}, true);
  setenv("CERTRENEW_FONT", "none", 1);  // as if no CJK font were installed
  const fs::path png = w.dir / "nofont.png";
  AppProcess app(
      {CERTRENEW_GUI_BINARY, "--config", w.config.string(), "--data-dir", (w.dir / "data").string(),
       "--test-widget-map", w.map.string(), "--screenshot", png.string()},
      w.log);
  unsetenv("CERTRENEW_FONT");
  REQUIRE(app.wait_exit(std::chrono::seconds(60)) == 0);
  const auto m = w.gui.map();
  CHECK(m["language"] == "en");
  CHECK(m["dialog"] == "error");
  CHECK(m["values"]["error.message"].get<std::string>().find("No Chinese font") !=
        std::string::npos);
  CHECK(fs::exists(png));
}
