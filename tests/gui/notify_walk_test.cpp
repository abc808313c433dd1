// Issue 19 in the desktop app: the expiry reminder on the home screen starts the renewal of that
// certificate; the form's two notification boxes reach the service (no SMS queued when SMS is
// unticked); the next form of the same certificate starts with the last operator and recipient
// (not the ID number), editable, until 不再记住这些信息 forgets them in the client store.
#include <doctest/doctest.h>

#include <filesystem>
#include <set>

#include <nlohmann/json.hpp>

#include "walk_steps.hpp"

using namespace certrenew::testing;
using nlohmann::json;

namespace {

std::set<std::string> channels_of(const World& w, const std::string& no) {
  const json view = w.operator_view(no);
  std::set<std::string> out;
  for (const auto& m : view.at("notifications"))
    if (m["event"] == "submitted") out.insert(m["channel"].get<std::string>());
  return out;
}

void open_form_from_panel(GuiDriver& gui) {
  gui.wait_screen("renewal_panel");
  gui.click("panel.apply");
  gui.wait_screen("agreement");
  gui.click("agreement.accept");
  gui.wait_value("agreement.accept", "checked");
  gui.click("agreement.next");
  gui.wait_screen("form");
  // Laid out and clickable (a window's first frame lists values but no widgets yet).
  gui.wait_for([](const auto& m) { return m["widgets"].contains("form.notify.email"); },
               "the form's notification boxes");
}

}  // namespace

TEST_CASE_FIXTURE(DemoApp,
                  "notification boxes reach the service; the next form remembers until forgotten") {
  const auto remembered = w.dir / "data" / "applications" / "remembered-contacts.json";

  // The demo certificate expires in about 20 days: the reminder offers the renewal itself.
  gui.wait_value("home.cert.0.subject", "胡某");
  gui.wait_for(
      [](const auto& m) {
        return m["values"].contains("home.expiry_warning") &&
               m["widgets"].contains("home.expiry_renew");
      },
      "the expiry reminder and its 立即续期");
  gui.click("home.expiry_renew");
  open_form_from_panel(gui);
  CHECK(gui.value("form.subject") == "胡某");  // the renewal of the certificate it was about

  CHECK(gui.value("form.notify.email") == "checked");  // both by default
  CHECK(gui.value("form.notify.sms") == "checked");
  CHECK_FALSE(gui.has_widget("form.remembered"));  // nothing remembered yet
  type_contacts(gui);
  gui.click("form.notify.sms");
  gui.wait_value("form.notify.sms", "unchecked");
  gui.click("form.submit");
  gui.wait_dialog("pin");
  type_pin(w, kPin);
  gui.wait_screen("payment");
  const std::string no = gui.value("payment.business_no");
  CHECK(channels_of(w, no) == std::set<std::string>{"email"});
  REQUIRE(std::filesystem::exists(remembered));
  const std::string kept = read_text(remembered);
  CHECK(kept.find("hu@example.cn") != std::string::npos);
  CHECK(kept.find("11010519491231002X") == std::string::npos);  // never the ID number

  gui.click("payment.cancel");
  gui.wait_dialog("cancel");
  gui.click("cancel.confirm");
  gui.wait_screen("cancelled");
  gui.click("cancelled.home");
  gui.wait_screen("home");

  // The next renewal of the same certificate: filled in and editable, the ID number typed again.
  gui.click("home.renew");
  open_form_from_panel(gui);
  gui.wait_value("form.operator.name", "胡某");
  CHECK(gui.has_widget("form.remembered"));
  CHECK(gui.value("form.operator.mobile") == "13800138000");
  CHECK(gui.value("form.operator.email") == "hu@example.cn");
  CHECK(gui.value("form.recipient.address") == "广东省佛山市禅城区季华五路1号");
  CHECK(gui.value("form.operator.id_number").empty());
  CHECK(gui.value("form.notify.sms") == "unchecked");  // the choice is remembered too
  gui.screenshot("04-form-remembered");
  retype(gui, "form.operator.email", "hu.new@example.cn");  // editable

  // Forgotten: the fields it filled are emptied (the edited one stays) and the file is gone.
  gui.click("form.forget_contacts");
  gui.wait_value("form.operator.name", "");
  CHECK(gui.value("form.operator.mobile").empty());
  CHECK(gui.value("form.recipient.address").empty());
  CHECK(gui.value("form.operator.email") == "hu.new@example.cn");
  CHECK(gui.value("form.notify.sms") == "checked");
  CHECK_FALSE(gui.has_widget("form.remembered"));
  CHECK_FALSE(std::filesystem::exists(remembered));
  CHECK(w.quit() == 0);
}
