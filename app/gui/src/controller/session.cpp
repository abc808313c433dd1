#include "controller/session.hpp"

#include <openssl/crypto.h>

#include <algorithm>

#include "certrenew/core/forms/money.hpp"
#include "certrenew/core/x509/certificate.hpp"
#include "controller/text_format.hpp"
#include "testing/widget_map.hpp"

namespace certrenew::gui {
namespace {

using client::FlowStep;
using Kind = client::FlowError::Kind;

constexpr auto kPollInterval = std::chrono::seconds(2);

FlowSnapshot snapshot_of(const client::RenewalFlow& f) {
  FlowSnapshot s;
  s.step = f.step();
  s.certificate = f.certificate();
  s.info = f.service_info();
  s.blocked = f.blocked_reason();
  s.form = f.form();
  s.record = f.record();
  s.view = f.view();
  s.last_checked = f.last_checked();
  return s;
}

bool is_pin_problem(const ErrorText& e) {
  return e.kind == Kind::pin_incorrect || e.kind == Kind::pin_invalid || e.kind == Kind::pin_locked;
}

}  // namespace

Session::Session(client::Runtime& runtime, SessionSetup setup, UiInbox& inbox)
    : runtime_(runtime), setup_(std::move(setup)), inbox_(inbox) {
  std::optional<client::ConfigError> problem;
  config_ = runtime_.try_config(&problem);
  if (problem) {
    config_problem_ = describe(std::make_exception_ptr(*problem));
    config_problem_->detail =
        runtime_.location().config_file.string() + "\n" + config_problem_->detail;
    errors_.push_back(*config_problem_);
  }
  if (!runtime_.data_dir().empty()) store_ = &runtime_.store();
  poll_tasks_ = std::make_unique<TaskRunner>("poll", inbox_);
  flow_tasks_ = std::make_unique<TaskRunner>("flow", inbox_);
}

Session::~Session() {
  // Stop the workers before anything they use goes.
  flow_tasks_.reset();
  poll_tasks_.reset();
  wipe_pin();
}

// ---------------------------------------------------------------- inventory and timers

void Session::start() {
  const client::ApplicationStore* store = store_;
  poll_in_flight_ = true;
  poll_tasks_->post(
      [this, store]() -> TaskRunner::Continuation {
        // Loading the drivers is slow: it happens here, once, for the whole app.
        const client::TokenInventory* inventory = &runtime_.inventory();
        auto picture = std::make_shared<InventorySnapshot>(list_inventory(*inventory, store));
        return [this, inventory, picture] {
          token_inventory_ = inventory;
          inventory_ = std::move(*picture);
          ++version_;
          poll_in_flight_ = false;
          next_poll_ = Clock::now() + kPollInterval;
        };
      },
      [this](std::exception_ptr error) {
        poll_in_flight_ = false;
        inventory_.loaded = true;
        // Without a configuration the session already said why; once is enough.
        if (config_) show_error(describe(error));
      });
}

void Session::refresh_inventory() {
  if (!token_inventory_ || poll_in_flight_) return;
  poll_in_flight_ = true;
  const client::TokenInventory* inventory = token_inventory_;
  const client::ApplicationStore* store = store_;
  poll_tasks_->post(
      [this, inventory, store]() -> TaskRunner::Continuation {
        auto picture = std::make_shared<InventorySnapshot>(list_inventory(*inventory, store));
        return [this, picture] {
          poll_in_flight_ = false;
          next_poll_ = Clock::now() + kPollInterval;
          if (!same_picture(*picture, inventory_)) {
            inventory_ = std::move(*picture);
            ++version_;
          }
        };
      },
      [this](std::exception_ptr) {
        // A failed listing (a token pulled mid-read) is retried at the next poll.
        poll_in_flight_ = false;
        next_poll_ = Clock::now() + kPollInterval;
      });
}

Session::Clock::time_point Session::tick(Clock::time_point now) {
  if (token_inventory_ && !poll_in_flight_ && now >= next_poll_) refresh_inventory();
  const bool auto_refresh = (screen_ == Screen::progress || screen_ == Screen::online_payment) &&
                            flow_.record && flow_.step != FlowStep::done &&
                            flow_.step != FlowStep::cancelled;
  if (!auto_refresh) {
    next_refresh_ = Clock::time_point::max();
  } else if (next_refresh_ == Clock::time_point::max()) {
    const int seconds =
        screen_ == Screen::online_payment ? setup_.payment_poll_seconds : setup_.refresh_seconds;
    next_refresh_ = now + std::chrono::seconds(seconds);
  } else if (now >= next_refresh_ && !busy()) {
    next_refresh_ = Clock::time_point::max();  // re-armed on the next tick
    check_progress(true);
  }
  Clock::time_point next = poll_in_flight_ ? now + kPollInterval : next_poll_;
  return std::min(next, next_refresh_);
}

bool Session::settled() const {
  return inventory_.loaded && !busy() && !poll_in_flight_ && !poll_tasks_->busy() &&
         !flow_tasks_->busy();
}

std::optional<client::CertificateEntry> Session::selected_certificate() const {
  for (const auto& c : inventory_.certificates)
    if (certificate_key(c) == selected_fingerprint_) return c;
  return std::nullopt;
}

std::optional<client::TokenEntry> Session::flow_token() const {
  if (!flow_.certificate) return std::nullopt;
  for (const auto& t : inventory_.tokens)
    if (t.info.id == flow_.certificate->token.id) return t;
  return std::nullopt;
}

// ---------------------------------------------------------------- running flow actions

std::optional<Screen> Session::follow(Move move, std::optional<Screen> from) {
  const auto next = next_screen(move, flow_.step, from.value_or(screen_));
  if (next) screen_ = *next;
  return next;
}

void Session::set_busy(T what, BusyState::Kind kind) {
  busy_ = BusyState{what, kind, -1};
  ++version_;
}

void Session::clear_busy() {
  busy_.reset();
  ++version_;
}

void Session::show_error(const ErrorText& error) {
  errors_.push_back(error);
  ++version_;
}

void Session::dismiss_error() {
  if (!errors_.empty()) errors_.erase(errors_.begin());
}

void Session::view_certificate(client::CertificateEntry certificate) {
  viewed_certificate_ = std::move(certificate);
}

void Session::run_flow(T what, std::function<void(client::RenewalFlow&)> work,
                       std::function<void()> then, std::function<bool(const ErrorText&)> on_error,
                       BusyState::Kind kind) {
  if (busy()) return;  // one flow action at a time; buttons are disabled meanwhile anyway
  set_busy(what, kind);
  flow_tasks_->post(
      [this, work = std::move(work), then = std::move(then),
       on_error = std::move(on_error)]() -> TaskRunner::Continuation {
        std::exception_ptr failure;
        if (!renewal_) throw std::logic_error("no certificate has been chosen");
        try {
          work(*renewal_);
        } catch (...) {
          failure = std::current_exception();
        }
        auto snapshot = std::make_shared<FlowSnapshot>(snapshot_of(*renewal_));
        return [this, snapshot, failure, then, on_error] {
          flow_ = std::move(*snapshot);
          clear_busy();
          if (!failure) {
            if (then) then();
            return;
          }
          ErrorText error = describe(failure);
          if (!on_error || !on_error(error)) show_error(error);
        };
      },
      [this](std::exception_ptr error) {
        clear_busy();
        show_error(describe(error));
      });
}

// ---------------------------------------------------------------- step 1: choose

void Session::renew(const client::CertificateEntry& certificate) {
  if (!config_ || !store_) {
    show_error(config_problem_ ? *config_problem_ : message(T::error_config, "service_url"));
    return;
  }
  if (!token_inventory_) return;
  if (busy()) return;
  set_busy(T::please_wait);
  // A new flow for every choice: choose() is the entry of a fresh renewal. The runtime builds
  // the service client on the worker, so a bad trust file is this action's error.
  flow_tasks_->post(
      [this, certificate]() -> TaskRunner::Continuation {
        std::exception_ptr failure;
        renewal_.reset();
        try {
          renewal_ = std::make_unique<client::RenewalFlow>(runtime_.flow_context());
          renewal_->choose(certificate);
        } catch (...) {
          failure = std::current_exception();
        }
        auto snapshot =
            std::make_shared<FlowSnapshot>(renewal_ ? snapshot_of(*renewal_) : FlowSnapshot{});
        return [this, snapshot, failure] {
          flow_ = std::move(*snapshot);
          clear_busy();
          agreement_.reset();
          online_.reset();
          installed_.reset();
          installed_old_.reset();
          installed_new_.reset();
          install_failure_.reset();
          refresh_problem_.reset();
          form_ = FormEditor{};
          transfers_ = TransferEditor{};
          agreement_ticked_ = false;
          if (failure) {
            show_error(describe(failure));
            return;
          }
          follow(Move::chose_certificate);
        };
      },
      [this](std::exception_ptr error) {
        clear_busy();
        show_error(describe(error));
      });
}

void Session::go_home() {
  wipe_pin();
  pin_.open = false;
  follow(Move::went_home);
  agreement_.reset();
  online_.reset();
  install_failure_.reset();
  refresh_problem_.reset();
  refresh_inventory();
}

// ---------------------------------------------------------------- steps 2-4

void Session::apply() {
  const Language lang = language();
  auto text = std::make_shared<std::optional<client::AgreementText>>();
  run_flow(
      T::agreement_loading,
      [lang, text](client::RenewalFlow& f) {
        f.start_application();
        *text = f.load_agreement(lang);
      },
      [this, text] {
        agreement_ = *text;
        agreement_ticked_ = false;
        follow(Move::applied);
      },
      [this](const ErrorText&) {
        follow(Move::applied);  // the step moved on even though the text did not come
        return false;
      });
}

void Session::load_agreement() {
  if (flow_.step != FlowStep::agreement) return;
  const Language lang = language();
  auto text = std::make_shared<std::optional<client::AgreementText>>();
  run_flow(
      T::agreement_loading,
      [lang, text](client::RenewalFlow& f) { *text = f.load_agreement(lang); },
      [this, text] { agreement_ = *text; });
}

void Session::accept_agreement() {
  if (!agreement_ticked_) return;
  auto fees = std::make_shared<std::optional<client::FeeSchedule>>();
  auto remembered = std::make_shared<std::optional<client::RenewalForm>>();
  run_flow(
      T::please_wait,
      [fees, remembered](client::RenewalFlow& f) {
        f.accept_agreement(true);
        *fees = f.load_fees();
        if (f.remembered_contacts()) *remembered = f.initial_form();
      },
      [this, fees, remembered] {
        form_.fees = *fees;
        form_.remembered = *remembered;
        setup_form();
        follow(Move::accepted_agreement);
      });
}

void Session::setup_form() {
  if (form_.loaded) return;
  // Coming back from the PIN step keeps what was typed; a fresh form starts at the shortest
  // period on offer.
  if (flow_.form)
    form_.form = *flow_.form;
  else if (form_.remembered)
    form_.form = *form_.remembered;
  if (form_.fees && !form_.fees->periods.empty() && !form_.fees->period(form_.form.period_months))
    form_.form.period_months = form_.fees->periods.front().period_months;
  form_.loaded = true;
}

void Session::back() {
  run_flow(
      T::please_wait, [](client::RenewalFlow& f) { f.back(); },
      [this] {
        follow(Move::went_back);
        if (flow_.step == FlowStep::agreement) {
          agreement_ticked_ = false;
          if (!agreement_) load_agreement();
        }
      });
}

void Session::submit_form() {
  if (!form_.fees) return;
  form_.tried_submit = true;
  const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  form_.problems = client::validate_form(form_.form, *form_.fees, today);
  if (!form_.problems.empty()) return;
  auto problems = std::make_shared<std::vector<client::FieldProblem>>();
  const client::RenewalForm submitted = form_.form;
  run_flow(
      T::please_wait,
      [submitted, problems](client::RenewalFlow& f) { *problems = f.submit_form(submitted); },
      [this, problems] {
        form_.problems = *problems;
        if (form_.problems.empty() && flow_.step == FlowStep::sign)
          open_pin(PinPrompt::Purpose::sign);
      });
}

// ---------------------------------------------------------------- step 5 and 9: the PIN

void Session::open_pin(PinPrompt::Purpose purpose) {
  wipe_pin();
  pin_.purpose = purpose;
  pin_.open = true;
  pin_.focus = true;
  pin_.problem.reset();
  pin_.retries_left.reset();
  pin_.final_try = false;
  pin_.locked = false;
  if (auto token = flow_token()) {
    pin_.retries_left = token->info.pin.retries_left;
    pin_.final_try = token->info.pin.final_try || (pin_.retries_left && *pin_.retries_left == 1);
    pin_.locked = token->info.pin.locked || (pin_.retries_left && *pin_.retries_left == 0);
  }
}

void Session::wipe_pin() {
  OPENSSL_cleanse(pin_.buffer.data(), pin_.buffer.size());
}

void Session::cancel_pin() {
  wipe_pin();
  pin_.open = false;
  pin_.problem.reset();
  // Signing not done: back to the form, as the guide allows before submission.
  if (pin_.purpose == PinPrompt::Purpose::sign && flow_.step == FlowStep::sign) back();
}

void Session::confirm_pin() {
  if (busy() || pin_.locked) return;
  const auto length = std::find(pin_.buffer.begin(), pin_.buffer.end(), '\0') - pin_.buffer.begin();
  const bool pin_pad = flow_.certificate && flow_.certificate->token.pin_pad;
  if (length == 0 && !pin_pad) {
    pin_.problem = message(T::pin_empty);
    return;
  }
  // The PIN leaves the dialog's buffer for a SecureBuffer, which the job owns and wipes.
  auto secret = std::make_shared<SecureBuffer>(
      std::string_view(pin_.buffer.data(), static_cast<std::size_t>(length)));
  wipe_pin();
  pin_.problem.reset();

  stage_reached_ = -1;
  auto report_stage = [this](int stage) {
    inbox_.post([this, stage] {
      stage_reached_ = stage;
      if (busy_) busy_->stage = stage;
      ++version_;
    });
  };
  auto on_error = [this](const ErrorText& e) {
    if (is_pin_problem(e)) {
      pin_.problem = e;
      pin_.focus = true;
      if (e.retries_left) pin_.retries_left = e.retries_left;
      pin_.final_try = pin_.retries_left && *pin_.retries_left == 1;
      pin_.locked = e.kind == Kind::pin_locked || (pin_.retries_left && *pin_.retries_left == 0);
      refresh_inventory();
      return true;  // explained inside the PIN dialog
    }
    pin_.open = false;
    if (pin_.purpose == PinPrompt::Purpose::install) {
      install_failure_ = e;
      return true;  // explained on the install screen
    }
    if (e.kind == Kind::form_invalid && !e.problems.empty()) {
      form_.problems = e.problems;
      back();
      return true;  // shown next to the fields
    }
    return false;
  };

  if (pin_.purpose == PinPrompt::Purpose::sign) {
    run_flow(
        T::sign_busy,
        [secret, report_stage](client::RenewalFlow& f) {
          f.sign_and_submit(*secret,
                            [&](client::SignStage s) { report_stage(static_cast<int>(s)); });
        },
        [this] {
          pin_.open = false;
          follow(Move::signed_and_submitted);
          refresh_inventory();
        },
        on_error, BusyState::Kind::sign);
  } else {
    struct Outcome {
      std::optional<client::InstallResult> result;
      std::optional<x509::Certificate> old_certificate;
      std::optional<x509::Certificate> new_certificate;
      std::vector<client::SelfTestResult> self_test;
    };
    auto outcome = std::make_shared<Outcome>();
    install_failure_.reset();
    run_flow(
        T::install_title,
        [secret, report_stage, outcome](client::RenewalFlow& f) {
          outcome->result = f.install(
              *secret, [&](client::InstallStage s) { report_stage(static_cast<int>(s)); });
          outcome->old_certificate = x509::parse_certificate(outcome->result->old_certificate);
          outcome->new_certificate = x509::parse_certificate(outcome->result->new_certificate);
          outcome->self_test = f.self_test(*secret, *outcome->result);
        },
        [this, outcome] {
          pin_.open = false;
          installed_ = outcome->result;
          installed_old_ = outcome->old_certificate;
          installed_new_ = outcome->new_certificate;
          self_test_ = outcome->self_test;
          follow(Move::installed);
          refresh_inventory();
        },
        on_error, BusyState::Kind::install);
  }
}

}  // namespace certrenew::gui
