#pragma once
// The token's PIN care (issue 20), for every driver: 修改密码 (change the user PIN with the
// current one) and 解锁 (set a new user PIN with the administrator PIN, where the token allows
// it: SKF_UnblockPIN, PKCS#11 C_InitPIN after an SO login). The dialog's state and its work: the
// new PIN is checked against client::check_new_pin before any try is spent, then the token call
// runs on a worker of its own so the renewal screens keep working.
//
// PINs: typed into the fixed buffers below, moved into SecureBuffers for the worker and wiped at
// once (and whenever the dialog closes); never logged, never in the widget map.
// Threads: every member belongs to the UI thread; the worker gets the token id and the secrets.

#include <array>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "app/task_runner.hpp"
#include "certrenew/client/flow/new_pin_rules.hpp"
#include "certrenew/client/flow/token_inventory.hpp"
#include "controller/error_text.hpp"

namespace certrenew::gui {

using PinField = std::array<char, client::kMaxPinBytes + 1>;

struct PinCareDialog {
  enum class Mode { change, unblock } mode = Mode::change;
  bool open = false;
  bool focus = false;      // put the keyboard in the first box on the next frame
  bool focus_new = false;  // ... in the new PIN's box (after a rule it broke)
  std::string token_id;
  std::string token_label;
  token::PinState pin;  // the token's, when the dialog opened (lengths, default flag)
  PinField current{};   // change: the current user PIN; unblock: the administrator PIN
  PinField fresh{};     // the new user PIN
  PinField again{};     // the new user PIN once more
  std::optional<client::NewPinProblem> rule;  // a rule the new PIN broke (shown at the boxes)
  std::optional<ErrorText> problem;           // the token's answer (wrong PIN, refused, ...)
  std::optional<int> retries_left;  // of the PIN typed in `current`, as the token last said
  bool locked = false;              // that PIN is locked: nothing to try
  bool done = false;                // the token took the new PIN
};

class PinCare {
 public:
  explicit PinCare(UiInbox& inbox);
  ~PinCare();
  PinCare(const PinCare&) = delete;
  PinCare& operator=(const PinCare&) = delete;

  // The inventory the tokens come from (the session's, once its drivers are loaded) and what to
  // do when a token's PIN changed (list the tokens again: the default-PIN flag goes).
  void attach(const client::TokenInventory* inventory, std::function<void()> on_changed);

  bool attached() const { return inventory_ != nullptr; }
  PinCareDialog dialog;  // what the dialog's widgets edit in place
  bool busy() const { return busy_; }
  unsigned long version() const { return version_; }

  void open_change(const client::TokenEntry& token);   // 修改密码
  void open_unblock(const client::TokenEntry& token);  // 解锁
  void submit();                                       // 确定
  void close();                                        // 取消 / 关闭

 private:
  void open(const client::TokenEntry& token, PinCareDialog::Mode mode);
  void wipe();
  void succeeded();
  void failed(const std::exception_ptr& error);

  const client::TokenInventory* inventory_ = nullptr;
  std::function<void()> on_changed_;
  bool busy_ = false;
  unsigned long version_ = 0;
  std::unique_ptr<TaskRunner> tasks_;  // last: stopped first
};

}  // namespace certrenew::gui
