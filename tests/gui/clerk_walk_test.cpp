// The desktop app tried as a clerk would (issue 16): a transfer date the service refuses, a
// rejected application, a token pulled out during installation, small windows. Same world as
// renewal_walk_test.cpp: a real certrenew-server, a softtoken, the app on Xvfb, xdotool.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "gui_harness.hpp"
#include "gui_world.hpp"
#include "server_process.hpp"
#include "service/digest.hpp"
#include "service/renewal_service.hpp"
#include "walk_steps.hpp"

namespace fs = std::filesystem;
using namespace certrenew::testing;
using nlohmann::json;

TEST_CASE_FIXTURE(
    DemoApp,
    "a transfer date the service refuses is marked at its field; a rejected application says "
    "what happens to the fee and can be applied for again") {
  const std::string no = walk_to_payment(w);
  choose_payment(gui, "bank");
  type_payer(gui);
  // A date in the future has the right form, so only the service refuses it: its field list is
  // shown at the field, not as a dialog with "validation_failed" in the details (issue 16, 5).
  const std::string today = gui.value("bank.0.paid_on");
  retype(gui, "bank.0.paid_on", std::to_string(std::stoi(today.substr(0, 4)) + 1) + "-01-01");
  gui.click("bank.save");
  gui.wait_for([](const auto& m) { return m["values"].contains("bank.0.paid_on.error"); },
               "the date marked");
  CHECK_FALSE(gui.value("bank.fix").empty());
  CHECK(gui.map().value("dialog", "x").empty());
  gui.screenshot("07-bank-transfer-refused");
  retype(gui, "bank.0.paid_on", today);
  // Edited: the refusal no longer stands (from the frame after the edit).
  gui.wait_for([](const auto& m) { return !m["values"].contains("bank.0.paid_on.error"); },
               "the mark gone");
  gui.click("bank.save");
  gui.wait_for([](const auto& m) { return m["values"].contains("bank.saved"); }, "saved");
  gui.click("bank.close");
  gui.wait_screen("progress");

  // Finance confirms, the back office rejects: the refund is explained, a new application offered
  // (issue 16, 13).
  w.operator_post(no, "confirm-payment");
  auto rejected = w.server.admin_action(no, "reject", json{{"reason", "经办人身份证复印件不清晰"}});
  REQUIRE_MESSAGE(rejected.status == 200, rejected.body.dump());
  gui.click_until(
      "progress.refresh",
      [](const auto& m) { return m["values"].value("progress.state_code", "") == "rejected"; },
      "the rejection");
  CHECK(gui.value("progress.refund").find("200.00") != std::string::npos);
  CHECK(gui.value("progress.refund").find(no) != std::string::npos);
  CHECK_FALSE(gui.enabled("progress.install"));
  gui.screenshot("08-rejected");
  gui.click_until(
      "progress.apply_again",
      [](const auto& m) { return m.value("screen", "") == "renewal_panel"; }, "the renewal panel");
  CHECK(gui.enabled("panel.apply"));
  CHECK(w.quit() == 0);
}

TEST_CASE_FIXTURE(
    DemoApp,
    "a token pulled out during installation marks the step that failed, not the download") {
  const std::string no = pay_online(w);
  w.operator_post(no, "approve");
  gui.click("online.progress");
  gui.wait_screen("progress");
  gui.click_until(
      "progress.install", [](const auto& m) { return m.value("screen", "") == "install"; },
      "the install screen");
  gui.click("install.start");
  gui.wait_dialog("pin");
  // The token goes while the PIN is typed (issue 16, 12).
  for (const auto& token : fs::directory_iterator(w.tokens)) fs::remove_all(token.path());
  type_pin(w, kPin);
  gui.wait_for([](const auto& m) { return m["values"].contains("install.failed"); },
               "the installation to fail");
  CHECK(gui.value("install.failed_stage") == "login");
  CHECK_FALSE(gui.value("install.old_safe").empty());
  gui.screenshot("09-install-failed");
  CHECK(w.quit() == 0);
}

TEST_CASE("from 800x600 up nothing is cut off; a smaller window scrolls, its step labels apart") {
  World w({.demo = true});
  auto& gui = w.gui;
  // 800x600: the home screen's buttons are all there, whole, inside the window (issue 16, 8).
  w.start({"--size", "800x600"}, false);
  gui.wait_value("home.cert.0.subject", "胡某");
  gui.wait_for([](const auto& map) { return map["widgets"].contains("home.renew"); }, "the footer");
  auto m = gui.map();
  CHECK(m["window"]["width"] == 800);
  for (const std::string button : {"home.view", "home.refresh", "home.renew"}) {
    INFO(button);
    REQUIRE(m["widgets"].contains(button));
    const auto r = m["widgets"][button];
    CHECK(r[0].get<int>() + r[2].get<int>() <= 800);
    CHECK(r[1].get<int>() + r[3].get<int>() <= 600);
    CHECK(r[2].get<int>() > 40);
  }
  gui.screenshot("01-home-800x600");
  gui.click("home.renew");
  gui.wait_screen("renewal_panel");
  gui.click("panel.apply");
  gui.wait_screen("agreement");
  // Chinese labels all fit 80 px slots; English ones ("Certificate") do not, so only the current
  // one is drawn: never ten run together.
  const std::string labels_at_800 = screenshot_language() == "en" ? "current" : "all";
  CHECK(gui.value("step.labels") == labels_at_800);
  CHECK(w.quit() == 0);

  // 640x480: laid out as at 800x600, so the footer is out of view until scrolled to, and the
  // step labels keep their 800 px slots instead of running together.
  w.start({"--size", "640x480"}, false);
  gui.wait_value("home.cert.0.subject", "胡某");
  m = gui.map();
  CHECK(m["window"]["width"] == 640);
  CHECK_FALSE(m["widgets"].contains("home.renew"));
  gui.screenshot("01-home-640x480");
  // 证书续期 (right-aligned at 800 px) is reached by scrolling down and to the right (wheel
  // buttons 5 and 7), as a person would.
  const auto& win = m["window"];
  const std::string cx = std::to_string(win["x"].get<int>() + 320);
  const std::string cy = std::to_string(win["y"].get<int>() + 240);
  REQUIRE(run_program({"/usr/bin/xdotool", "mousemove", cx, cy, "click", "--repeat", "6", "--delay",
                       "80", "5", "click", "--repeat", "6", "--delay", "80", "7"}) == 0);
  gui.wait_for([](const auto& map) { return map["widgets"].contains("home.renew"); },
               "the footer scrolled into view");
  gui.screenshot("01-home-640x480-scrolled");
  gui.click("home.renew");
  gui.wait_screen("renewal_panel");
  CHECK(gui.value("step.labels") == labels_at_800);  // laid out at 800 px, as above
  gui.screenshot("02-renewal-panel-640x480");
  CHECK(w.quit() == 0);
}

// Issue 16, 4: one live online payment per application. Opening online payment again shows the
// same payment; once the fee is paid by bank transfer the open one is closed at the gateway, and
// money the gateway took for it anyway is shown to the applicant as due for refund.
TEST_CASE_FIXTURE(
    DemoApp,
    "opening online payment again shows the same payment; money paid twice is shown as "
    "due for refund") {
  const std::string no = walk_to_payment(w);
  const auto open_online = [&] {
    choose_payment(gui, "online");
    return gui.value("online.qr");
  };
  const std::string first = open_online();
  REQUIRE(first.rfind("https://", 0) == 0);
  gui.click("online.close");
  gui.wait_screen("payment");
  CHECK(open_online() == first);  // not a second payable payment
  gui.click("online.close");
  gui.wait_screen("payment");

  // The clerk pays by bank transfer as well; finance confirms it.
  record_bank_transfer(gui);
  w.operator_post(no, "confirm-payment");
  // The online payment left open is closed at the gateway: its page no longer takes money.
  const std::string pay_path = first.substr(first.find('/', 8));
  CHECK(w.server.post(pay_path, json::object()).status == 409);
  CHECK(gui.value("refund_due").empty());

  // The gateway had taken the money before it was closed, and reports it.
  const std::string payment_id = first.substr(first.rfind('/') + 1);
  const auto key = certrenew::server::read_secret_file(w.server.dir() / "secrets" / "gateway.key");
  const std::string body =
      json{{"payment_id", payment_id}, {"amount_fen", 20000}, {"gateway_ref", "GW-TWICE"}}.dump();
  auto notified = w.server.send_raw(
      "POST", "/api/v1/payments/notify", body, "application/json",
      {{"X-Gateway-Signature", certrenew::server::hmac_sha256_b64url(key, body)}});
  REQUIRE_MESSAGE(notified.status == 200, notified.body.dump());
  gui.click_until(
      "progress.refresh", [](const auto& m) { return m["values"].contains("refund_due"); },
      "the refund due");
  CHECK(gui.value("refund_due").find("200.00") != std::string::npos);
  CHECK(gui.value("refund_due").find(no) != std::string::npos);
  gui.screenshot("08-refund-due");
  CHECK(w.quit() == 0);
}

// Issue 16, 6: one app per data folder. A second start does not open a second window with its
// own, soon stale, view of the same applications: it brings the first to the front and ends.
TEST_CASE("a second start on the same data folder brings the first app to the front and exits") {
  World w({.demo = true});
  w.start();
  const fs::path second_map = w.dir / "second-widgets.json";
  AppProcess second({CERTRENEW_GUI_BINARY, "--config", w.config.string(), "--data-dir",
                     (w.dir / "data").string(), "--test-widget-map", second_map.string()},
                    w.dir / "second.log");
  REQUIRE(second.wait_exit() == 0);
  const std::string said = second.log_text();
  CHECK(said.find("已在使用此数据文件夹") != std::string::npos);
  CHECK(said.find("brought to the front") != std::string::npos);
  CHECK(said.find((w.dir / "data").string()) != std::string::npos);
  CHECK_FALSE(fs::exists(second_map));  // it never drew a frame
  w.gui.wait_for([](const auto& m) { return m["values"].value("app.raised", "") == "1"; },
                 "the first app to be asked to the front");
  CHECK(w.gui.map().value("screen", "") == "home");
  CHECK(w.quit() == 0);
  // The lock ends with the app: the next start opens its window as usual.
  w.start();
  CHECK(w.quit() == 0);
}
