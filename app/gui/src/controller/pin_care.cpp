#include "controller/pin_care.hpp"

#include <openssl/crypto.h>

#include <algorithm>

#include "certrenew/core/secure_buffer.hpp"
#include "certrenew/core/token/token_error.hpp"

namespace certrenew::gui {
namespace {

std::string_view typed(const PinField& field) {
  return {field.data(),
          static_cast<std::size_t>(std::find(field.begin(), field.end(), '\0') - field.begin())};
}

}  // namespace

PinCare::PinCare(UiInbox& inbox) : tasks_(std::make_unique<TaskRunner>("pin care", inbox)) {}

// The worker goes first: a job in flight captures `this`.
PinCare::~PinCare() {
  tasks_.reset();
  wipe();
}

void PinCare::attach(const client::TokenInventory* inventory, std::function<void()> on_changed) {
  inventory_ = inventory;
  on_changed_ = std::move(on_changed);
}

void PinCare::wipe() {
  OPENSSL_cleanse(dialog.current.data(), dialog.current.size());
  OPENSSL_cleanse(dialog.fresh.data(), dialog.fresh.size());
  OPENSSL_cleanse(dialog.again.data(), dialog.again.size());
}

void PinCare::open(const client::TokenEntry& token, PinCareDialog::Mode mode) {
  if (busy_) return;
  wipe();
  dialog.mode = mode;
  dialog.open = true;
  dialog.focus = true;
  dialog.token_id = token.info.id;
  dialog.token_label = token.info.label;
  dialog.pin = token.info.pin;
  dialog.rule.reset();
  dialog.problem.reset();
  dialog.done = false;
  if (mode == PinCareDialog::Mode::change) {
    dialog.retries_left = token.info.pin.retries_left;
    dialog.locked = token.info.pin.locked;
  } else {
    dialog.retries_left.reset();  // the administrator PIN's count shows after a wrong try
    dialog.locked = false;
  }
  ++version_;
}

void PinCare::open_change(const client::TokenEntry& token) {
  open(token, PinCareDialog::Mode::change);
}

void PinCare::open_unblock(const client::TokenEntry& token) {
  open(token, PinCareDialog::Mode::unblock);
}

void PinCare::close() {
  if (busy_) return;
  wipe();
  dialog.open = false;
  dialog.problem.reset();
  dialog.rule.reset();
  ++version_;
}

void PinCare::submit() {
  if (busy_ || dialog.done || dialog.locked || !inventory_) return;
  const bool change = dialog.mode == PinCareDialog::Mode::change;
  dialog.problem.reset();
  if (typed(dialog.current).empty()) {
    dialog.problem = message(change ? T::pin_care_current_empty : T::pin_care_admin_empty);
    return;
  }
  dialog.rule = client::check_new_pin(dialog.pin, change ? typed(dialog.current) : "",
                                      typed(dialog.fresh), typed(dialog.again));
  if (dialog.rule) {
    // Both new entries are typed again; the current PIN stays for the next 确定.
    OPENSSL_cleanse(dialog.fresh.data(), dialog.fresh.size());
    OPENSSL_cleanse(dialog.again.data(), dialog.again.size());
    dialog.focus_new = true;
    ++version_;
    return;
  }
  // The PINs leave the dialog's buffers for SecureBuffers, which the job owns and wipes.
  auto current = std::make_shared<SecureBuffer>(typed(dialog.current));
  auto fresh = std::make_shared<SecureBuffer>(typed(dialog.fresh));
  wipe();
  busy_ = true;
  ++version_;
  const client::TokenInventory* inventory = inventory_;
  const std::string id = dialog.token_id;
  tasks_->post(
      [this, inventory, id, change, current, fresh]() -> TaskRunner::Continuation {
        token::Session session = inventory->open_session(id);
        if (change)
          session.change_pin(*current, *fresh);
        else
          session.unblock_pin(*current, *fresh);
        current->clear();
        fresh->clear();
        return [this] { succeeded(); };
      },
      [this](std::exception_ptr error) { failed(error); });
}

void PinCare::succeeded() {
  busy_ = false;
  ++version_;
  dialog.done = true;
  dialog.locked = false;
  dialog.pin.is_default = false;
  dialog.pin.locked = false;
  if (on_changed_) on_changed_();
}

void PinCare::failed(const std::exception_ptr& error) {
  busy_ = false;
  ++version_;
  dialog.focus = true;
  try {
    std::rethrow_exception(error);
  } catch (const token::TokenError& e) {
    const bool change = dialog.mode == PinCareDialog::Mode::change;
    if (e.retries_left()) dialog.retries_left = e.retries_left();
    switch (e.code()) {
      case token::TokenErrc::pin_incorrect:
        dialog.problem = message(change ? T::pin_care_current_wrong : T::pin_care_admin_wrong);
        if (dialog.retries_left && *dialog.retries_left == 0) dialog.locked = true;
        break;
      case token::TokenErrc::pin_locked:
        dialog.problem = message(change ? T::pin_care_user_locked : T::pin_care_admin_locked);
        dialog.locked = true;
        break;
      case token::TokenErrc::pin_invalid:
        dialog.problem = message(T::pin_care_new_refused);
        break;
      case token::TokenErrc::not_supported:
        dialog.problem = message(T::pin_care_not_supported);
        break;
      default:
        dialog.problem = describe(error);
        break;
    }
    dialog.problem->detail = e.what();
    dialog.problem->retries_left = dialog.retries_left;
    if (on_changed_) on_changed_();  // a wrong try changed the token's counter
  } catch (...) {
    dialog.problem = describe(error);
  }
}

}  // namespace certrenew::gui
