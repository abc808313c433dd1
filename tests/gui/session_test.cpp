// The desktop app's controller without a window: a gui::Session built on a client::Runtime whose
// service is the real RenewalService in this process (InProcessService: the network is the only
// thing left out) and whose token is a real softtoken through the plugin host. The tests press
// the Session's actions as the views do and read its state through the same const accessors;
// each job runs on the Session's own workers and its continuation on this thread (the UI thread).
// The step→screen map itself is checked on its own first.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <thread>

#include "controller/screen_map.hpp"
#include "controller/session.hpp"
#include "sample_form.hpp"
#include "softtoken_customer.hpp"
#include "test_pki.hpp"  // TempDir
#include "text_file.hpp"

using namespace certrenew;
using namespace certrenew::gui;
using client::FlowStep;
namespace fs = std::filesystem;

namespace {

const std::string kPin = "123456";

struct World {
  testing::TempDir dir;
  std::unique_ptr<server::RenewalService> service;
  std::unique_ptr<testing::InProcessService> api;
  std::unique_ptr<client::Runtime> runtime;
  UiInbox inbox{[] {}};

  World() {
    service = testing::fresh_service(dir.path() / "instance");
    api = std::make_unique<testing::InProcessService>(*service);

    const client::ClientConfig client_config =
        test::softtoken_customer(dir.path() / "tokens", *service, *api, kPin);
    const fs::path config_file = dir.path() / "client" / "config.json";
    fs::create_directories(config_file.parent_path());
    client_config.save(config_file);

    client::RuntimeOptions options;
    options.config_file = config_file;
    options.data_dir = dir.path() / "data";
    options.default_driver_path = false;
    options.service = api.get();
    runtime = std::make_unique<client::Runtime>(options);
  }

  std::unique_ptr<Session> session() {
    auto s = std::make_unique<Session>(*runtime, SessionSetup{}, inbox);
    s->start();
    settle(*s);
    return s;
  }

  // Runs what the workers handed back on this thread until nothing is in flight.
  void settle(Session& s) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    for (;;) {
      inbox.drain();
      if (s.settled()) break;
      REQUIRE(std::chrono::steady_clock::now() < deadline);
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    inbox.drain();
  }

  std::string state_of(const std::string& business_no) {
    return std::string(protocol::code(service->admin_show(business_no).view.state));
  }
};

void type_pin(Session& s, std::string_view pin) {
  const std::span<char> entry = s.pin_entry();
  REQUIRE(pin.size() < entry.size());
  std::copy(pin.begin(), pin.end(), entry.begin());
  entry[pin.size()] = '\0';
}

bool wiped(Session& s) {
  const std::span<char> entry = s.pin_entry();
  return std::all_of(entry.begin(), entry.end(), [](char c) { return c == '\0'; });
}

// Home → renewal panel → agreement → form, ready for 提交.
void to_form(World& w, Session& s) {
  REQUIRE(s.inventory().certificates.size() == 1);
  s.renew(s.inventory().certificates.front());
  w.settle(s);
  REQUIRE(s.screen() == Screen::renewal_panel);
  s.apply();
  w.settle(s);
  REQUIRE(s.screen() == Screen::agreement);
  REQUIRE(s.agreement());
  s.tick_agreement(true);
  s.accept_agreement();
  w.settle(s);
  REQUIRE(s.screen() == Screen::form);
}

}  // namespace

TEST_CASE("the step→screen map: each step has its screen, and each move goes where the app did") {
  CHECK(screen_for(FlowStep::choose_certificate) == Screen::home);
  CHECK(screen_for(FlowStep::sign) == Screen::form);
  CHECK(screen_for(FlowStep::waiting_review) == Screen::progress);
  CHECK(screen_for(FlowStep::ready_to_install) == Screen::progress);
  CHECK(screen_for(FlowStep::rejected) == Screen::progress);
  CHECK(screen_for(FlowStep::cancelled) == Screen::cancelled);

  // A chosen certificate opens the renewal panel, whatever its application's step, unless
  // nothing can be done online.
  for (FlowStep step : {FlowStep::renewal_panel, FlowStep::payment, FlowStep::waiting_review,
                        FlowStep::ready_to_install, FlowStep::cancelled})
    CHECK(next_screen(Move::chose_certificate, step, Screen::home) == Screen::renewal_panel);
  CHECK(next_screen(Move::chose_certificate, FlowStep::service_hall, Screen::home) ==
        Screen::service_hall);
  CHECK(next_screen(Move::chose_certificate, FlowStep::done, Screen::home) == Screen::done);

  struct Case {
    Move move;
    FlowStep step;
    Screen from;
    std::optional<Screen> to;  // nullopt: it stays
  };
  const Case cases[] = {
      // Back only ever lands before the submission; a failed apply stays unless the step moved.
      {Move::went_back, FlowStep::agreement, Screen::form, Screen::agreement},
      {Move::went_back, FlowStep::sign, Screen::form, std::nullopt},
      {Move::applied, FlowStep::renewal_panel, Screen::renewal_panel, std::nullopt},
      // A check started on a payment page: pressed, it shows the progress; automatic, it stays
      // (unless the application was cancelled meanwhile).
      {Move::checked_progress, FlowStep::payment, Screen::online_payment, Screen::progress},
      {Move::checked_quietly, FlowStep::payment, Screen::online_payment, std::nullopt},
      {Move::checked_quietly, FlowStep::cancelled, Screen::online_payment, Screen::cancelled},
      {Move::checked_progress, FlowStep::payment, Screen::renewal_panel, Screen::payment},
      {Move::checked_progress, FlowStep::done, Screen::payment, Screen::progress},
      {Move::closed_page, FlowStep::payment, Screen::bank_transfer, Screen::payment},
      {Move::closed_page, FlowStep::waiting_review, Screen::online_payment, Screen::progress},
      {Move::continued_payment, FlowStep::waiting_review, Screen::renewal_panel, std::nullopt},
      {Move::cancelled, FlowStep::payment, Screen::payment, std::nullopt},
  };
  for (const Case& c : cases) {
    INFO(code(c.from), " step ", client::code(c.step), " move ", static_cast<int>(c.move));
    CHECK(next_screen(c.move, c.step, c.from) == c.to);
  }
  CHECK(code(Screen::bank_transfer) == "bank_transfer");
}

TEST_CASE("a headless Session renews from the home screen to the installed certificate") {
  World w;
  auto session = w.session();
  Session& s = *session;
  CHECK(s.screen() == Screen::home);
  CHECK_FALSE(s.config_problem());
  to_form(w, s);

  SUBCASE("the agreement's 下一步 does nothing until it is ticked, and 上一步 unticks it") {
    s.back();
    w.settle(s);
    CHECK(s.screen() == Screen::agreement);
    CHECK_FALSE(s.agreement_ticked());
    s.accept_agreement();
    w.settle(s);
    CHECK(s.screen() == Screen::agreement);
    CHECK(s.flow().step == FlowStep::agreement);
    s.back();
    w.settle(s);
    CHECK(s.screen() == Screen::renewal_panel);
  }

  SUBCASE("the whole renewal") {
    const FormEditor& form = s.form();
    REQUIRE(form.fees);
    REQUIRE(form.loaded);
    CHECK(form.form.period_months == form.fees->periods.front().period_months);

    // 提交 with empty fields: problems at the fields, no PIN, nothing sent.
    s.submit_form();
    CHECK_FALSE(s.busy());
    CHECK(form.tried_submit);
    CHECK(s.problem_for("operator.name"));
    CHECK_FALSE(s.pin().open);
    CHECK(s.flow().step == FlowStep::form);

    s.form_fields() = client::sample::good_form();
    s.revalidate_field("operator.name");
    CHECK_FALSE(s.problem_for("operator.name"));
    s.choose_period(24);
    s.form_fields().recipient.name.clear();
    s.form_fields().recipient.mobile.clear();
    s.copy_operator_to_recipient();
    CHECK(s.form().form.recipient.name == s.form().form.operator_info.name);
    CHECK_FALSE(s.problem_for("recipient.name"));
    s.submit_form();
    w.settle(s);
    CHECK(s.form().problems.empty());
    REQUIRE(s.pin().open);
    CHECK(s.pin().purpose == PinPrompt::Purpose::sign);
    CHECK(s.take_pin_focus());
    CHECK_FALSE(s.take_pin_focus());

    // An empty PIN is refused in the dialog; a wrong one by the token, with its tries left.
    s.confirm_pin();
    CHECK_FALSE(s.busy());
    REQUIRE(s.pin().problem);
    CHECK(s.pin().problem->en == message(T::pin_empty).en);
    type_pin(s, "000000");
    s.confirm_pin();
    CHECK(wiped(s));  // handed on at once
    w.settle(s);
    REQUIRE(s.pin().problem);
    CHECK(s.pin().problem->kind == client::FlowError::Kind::pin_incorrect);
    CHECK(s.pin().open);
    CHECK(s.take_pin_focus());
    CHECK(s.screen() == Screen::form);
    CHECK(s.flow().step == FlowStep::sign);

    type_pin(s, kPin);
    s.confirm_pin();
    w.settle(s);
    CHECK(wiped(s));
    CHECK_FALSE(s.pin().open);
    REQUIRE(s.screen() == Screen::payment);
    REQUIRE(s.flow().record);
    const std::string no = s.flow().record->business_no;
    CHECK(w.state_of(no) == "entered");

    // A second session (the app started again) resumes it on the renewal panel.
    {
      auto again = w.session();
      again->renew(again->inventory().certificates.front());
      w.settle(*again);
      CHECK(again->screen() == Screen::renewal_panel);
      again->continue_payment();
      CHECK(again->screen() == Screen::payment);
    }

    // 银行转账: one record with the amount due; a second one added and removed again.
    s.choose_bank_transfer();
    CHECK(s.screen() == Screen::bank_transfer);
    REQUIRE(s.transfers().records.size() == 1);
    CHECK(s.transfers().records[0].amount == "200.00");
    s.add_transfer();
    CHECK(s.transfers().records.size() == 2);
    s.remove_transfer(1);
    s.remove_transfer(7);  // no such record: nothing happens
    CHECK(s.transfers().records.size() == 1);
    // 保存 with no payer: marked on the page, nothing sent.
    s.save_transfers();
    CHECK_FALSE(s.busy());
    CHECK(s.transfers().tried_save);
    CHECK_FALSE(s.transfers().saved);
    CHECK(s.flow().view->bank_transfers.empty());
    client::BankTransferRecord& record = s.transfer_record(0);
    record.payer_account = "6222 0202 0000 1234 567";
    record.payer_name = "广州某某贸易有限公司";
    s.save_transfers();
    w.settle(s);
    CHECK(s.transfers().saved);
    CHECK(s.flow().view->bank_transfers.size() == 1);
    s.check_progress();
    w.settle(s);
    CHECK(s.screen() == Screen::progress);
    CHECK(s.flow().step == FlowStep::waiting_review);

    w.service->admin_confirm_payment(no, "finance");
    w.service->admin_approve(no, "reviewer");
    s.check_progress(true);
    w.settle(s);
    CHECK(s.screen() == Screen::progress);
    REQUIRE(s.flow().step == FlowStep::ready_to_install);
    s.open_install();
    CHECK(s.screen() == Screen::install);
    s.leave_install();
    CHECK(s.screen() == Screen::progress);
    s.open_install();
    s.start_install();
    REQUIRE(s.pin().open);
    CHECK(s.pin().purpose == PinPrompt::Purpose::install);
    type_pin(s, kPin);
    s.confirm_pin();
    w.settle(s);
    CHECK(wiped(s));
    CHECK(s.screen() == Screen::done);
    CHECK(s.flow().step == FlowStep::done);
    REQUIRE(s.install_result());
    CHECK(s.installed_new());
    CHECK_FALSE(s.self_test().empty());
    CHECK(w.state_of(no) == "completed");
    s.go_home();
    w.settle(s);
    CHECK(s.screen() == Screen::home);
    CHECK(s.inventory().certificates.size() == 2);
  }
}

TEST_CASE(
    "a headless Session cancels an application and cancelling the PIN goes back to the form") {
  World w;
  auto session = w.session();
  Session& s = *session;
  to_form(w, s);
  s.form_fields() = client::sample::good_form();
  s.submit_form();
  w.settle(s);
  REQUIRE(s.pin().open);
  type_pin(s, "12");
  s.cancel_pin();
  w.settle(s);
  CHECK(wiped(s));
  CHECK_FALSE(s.pin().open);
  CHECK(s.screen() == Screen::form);
  CHECK(s.flow().step == FlowStep::form);
  CHECK(s.form().form.operator_info.name == client::sample::good_form().operator_info.name);

  s.submit_form();
  w.settle(s);
  type_pin(s, kPin);
  s.confirm_pin();
  w.settle(s);
  REQUIRE(s.screen() == Screen::payment);
  const std::string no = s.flow().record->business_no;
  s.choose_bank_transfer();
  s.close_page();
  CHECK(s.screen() == Screen::payment);
  s.cancel_application();
  w.settle(s);
  CHECK(s.screen() == Screen::cancelled);
  CHECK(w.state_of(no) == "cancelled");
  CHECK(s.errors().empty());
}
