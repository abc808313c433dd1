#pragma once
// The GUI's side of the renewal: it takes the client library's objects from the client::Runtime
// (configuration, service client, store, token inventory), owns the RenewalFlow, runs every
// blocking call of theirs on a worker (TaskRunner) and keeps copies of their results for the
// views. Views read its state through the const accessors and change it only through the named
// operations below; they never touch a token, the network or crypto themselves. The screen
// follows the step→screen map (controller/screen_map.hpp), never a view.
//
// Threads: the RenewalFlow is only touched inside jobs on the flow worker (one action at a time);
// the inventory is listed only on the poll worker. Everything else here belongs to the UI thread,
// including every member a view reads.

#include <array>
#include <chrono>
#include <exception>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "app/strings.hpp"
#include "app/task_runner.hpp"
#include "certrenew/client/flow/renewal_flow.hpp"
#include "certrenew/client/flow/token_inventory.hpp"
#include "certrenew/client/runtime.hpp"
#include "controller/error_text.hpp"
#include "controller/inventory_watch.hpp"
#include "controller/screen_map.hpp"

namespace certrenew::gui {

// Copies of what the RenewalFlow knows after its last action.
struct FlowSnapshot {
  client::FlowStep step = client::FlowStep::choose_certificate;
  std::optional<client::CertificateEntry> certificate;
  std::optional<client::ServiceInfo> info;
  std::optional<client::FlowError> blocked;
  std::optional<client::RenewalForm> form;
  std::optional<client::ApplicationRecord> record;
  std::optional<client::ApplicationView> view;
  std::optional<std::chrono::system_clock::time_point> last_checked;  // last answered check
};

// What a long action is doing now (spinner and stage list).
struct BusyState {
  T what = T::please_wait;
  enum class Kind { plain, sign, install } kind = Kind::plain;
  int stage = -1;  // SignStage / InstallStage as int once reported
};

// The PIN dialog's state. The typed PIN itself lives only in `buffer` while the dialog is open
// and is wiped as soon as it has been handed on (or the dialog closes).
struct PinPrompt {
  enum class Purpose { sign, install } purpose = Purpose::sign;
  bool open = false;
  bool focus = false;
  std::array<char, 65> buffer{};
  std::optional<ErrorText> problem;  // wrong PIN, empty PIN
  std::optional<int> retries_left;   // from the token, or from the last wrong-PIN answer
  bool final_try = false;
  bool locked = false;
};

struct FormEditor {
  client::RenewalForm form;
  bool loaded = false;                         // fees arrived and the form was set up
  std::vector<client::FieldProblem> problems;  // inline, by field
  bool tried_submit = false;
  std::optional<client::FeeSchedule> fees;
  // Issue 19: the last application's contacts for this subject, filled in when the form opened
  // (nullopt: nothing remembered, or forgotten).
  std::optional<client::RenewalForm> remembered;
};

struct TransferEditor {
  std::vector<client::BankTransferRecord> records;
  bool tried_save = false;
  bool saved = false;
  // What the service refused at the last 保存 ("records[0].paid_on", ...), by field.
  std::vector<client::FieldProblem> problems;
};

struct SessionSetup {
  int refresh_seconds = 30;
  int payment_poll_seconds = 3;
};

class Session {
 public:
  using Clock = std::chrono::steady_clock;

  // `runtime` outlives the session.
  Session(client::Runtime& runtime, SessionSetup setup, UiInbox& inbox);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Starts loading the drivers (on the poll worker).
  void start();
  // Timers: inventory polling, automatic progress refresh, online payment polling. Returns when
  // the next timer is due.
  Clock::time_point tick(Clock::time_point now);
  bool busy() const { return busy_.has_value(); }
  // Grows whenever finished background work changed something on screen; a poll that found the
  // same tokens does not count, so an idle app does not redraw.
  unsigned long version() const { return version_; }
  // Nothing in flight at all (for the one-shot screenshot).
  bool settled() const;

  // ---- state the views read ----
  Screen screen() const { return screen_; }
  const client::ClientConfig* config() const { return config_; }
  const std::optional<ErrorText>& config_problem() const { return config_problem_; }
  const SessionSetup& setup() const { return setup_; }
  const InventorySnapshot& inventory() const { return inventory_; }
  const FlowSnapshot& flow() const { return flow_; }
  const std::optional<BusyState>& busy_state() const { return busy_; }
  const std::optional<client::AgreementText>& agreement() const { return agreement_; }
  const std::optional<client::OnlinePayment>& online_payment() const { return online_; }
  const std::optional<client::InstallResult>& install_result() const { return installed_; }
  // The old and new certificates of the installation, parsed on the worker.
  const std::optional<x509::Certificate>& installed_old() const { return installed_old_; }
  const std::optional<x509::Certificate>& installed_new() const { return installed_new_; }
  const std::optional<ErrorText>& install_failure() const { return install_failure_; }
  // The self-test run right after the installation (issue 21), one result per check.
  const std::vector<client::SelfTestResult>& self_test() const { return self_test_; }
  // The last stage the running or last signing / installation reported (SignStage or
  // InstallStage as int; -1: none yet). Kept after it ended, so a failure names its stage even
  // when the report and the failure arrive between the same two frames.
  int stage_reached() const { return stage_reached_; }
  const std::optional<ErrorText>& refresh_problem() const { return refresh_problem_; }
  // When the service last answered a progress check; a failed check leaves it.
  std::optional<std::chrono::system_clock::time_point> last_refresh() const {
    return flow_.last_checked;
  }
  // A certificate chosen on the home screen (by SHA-256 fingerprint).
  std::optional<client::CertificateEntry> selected_certificate() const;
  const std::string& selected_fingerprint() const { return selected_fingerprint_; }
  // The token entry (fresh from the last poll) holding the flow's certificate.
  std::optional<client::TokenEntry> flow_token() const;
  // The certificate shown in the viewer over the current screen, if it is open.
  const std::optional<client::CertificateEntry>& viewed_certificate() const {
    return viewed_certificate_;
  }
  // The drivers' token inventory once loaded (null before): PIN care opens sessions on it.
  const client::TokenInventory* token_inventory() const { return token_inventory_; }
  // Errors for the error dialog, oldest first.
  const std::vector<ErrorText>& errors() const { return errors_; }

  // The editors of the agreement, form, transfer and PIN pages (changed through the operations
  // below).
  const PinPrompt& pin() const { return pin_; }
  const FormEditor& form() const { return form_; }
  const TransferEditor& transfers() const { return transfers_; }
  bool agreement_ticked() const { return agreement_ticked_; }

  // ---- what the pages' widgets edit (UI thread, no I/O) ----
  void tick_agreement(bool ticked) { agreement_ticked_ = ticked; }  // 我已阅读并同意
  // The PIN dialog's masked field writes into this buffer; it is wiped as soon as the PIN is
  // handed on or the dialog closes.
  std::span<char> pin_entry() { return pin_.buffer; }
  // True once after the PIN dialog opened or a PIN was refused: the field takes the keyboard.
  bool take_pin_focus() { return std::exchange(pin_.focus, false); }
  // The form's values, which its text boxes and check boxes edit in place; revalidate_field
  // below checks one after an edit.
  client::RenewalForm& form_fields() { return form_.form; }
  void choose_period(int months);     // the period combo: the fee follows
  void copy_operator_to_recipient();  // 从经办人处拷贝
  // One bank transfer record, edited in place by its text boxes (index < records.size()).
  client::BankTransferRecord& transfer_record(std::size_t index);
  void add_transfer();                      // 添加: a record dated today
  void remove_transfer(std::size_t index);  // 删除 (the service's problems named positions)
  // A field the service refused at the last 保存 ("records[0].paid_on") was edited.
  void forget_transfer_problem(std::string_view field);

  // ---- actions (UI thread; the work runs on a worker) ----
  void select_certificate(std::string fingerprint) {
    selected_fingerprint_ = std::move(fingerprint);
  }
  void view_certificate(client::CertificateEntry certificate);
  void close_certificate_view() { viewed_certificate_.reset(); }
  void show_error(const ErrorText& error);
  void dismiss_error();  // the oldest
  void refresh_inventory();
  void renew(const client::CertificateEntry& certificate);  // 证书续期: new flow + choose
  void go_home();
  void apply();             // 申请续期
  void load_agreement();    // (again, e.g. after a language switch)
  void accept_agreement();  // 下一步
  void back();              // one step back before submission
  void submit_form();       // 提交: validates, then opens the PIN dialog
  void forget_contacts();   // issue 19: forgets the remembered contacts and clears them here
  void confirm_pin();       // 确定 in the PIN dialog: sign_and_submit or install
  void cancel_pin();
  void cancel_application();                // 撤销申请 (after confirmation)
  void choose_bank_transfer();              // 立即支付 -> 银行转账
  void save_transfers();                    // 保存
  void choose_online_payment();             // 立即支付 -> 在线支付
  void check_progress(bool quiet = false);  // 查询进度
  void open_install();                      // 安装证书: the install screen
  void leave_install();                     // 返回 on the install screen
  void continue_payment();                  // 继续缴费 on the renewal panel
  void start_install();                     // asks for the PIN, then installs
  void close_page();                        // 关闭页面 on the payment pages

  // Live validation as the user types (pure functions of the client library, no I/O).
  void revalidate_field(std::string_view field);
  const client::FieldProblem* problem_for(std::string_view field) const;

 private:
  // The one place the screen changes: next_screen(move, the flow's step, `from` or the screen
  // now). Returns the new screen, nullopt when it stays.
  std::optional<Screen> follow(Move move, std::optional<Screen> from = std::nullopt);
  void set_busy(T what, BusyState::Kind kind = BusyState::Kind::plain);
  void clear_busy();
  // Runs `work(flow)` on the flow worker, then `then()` on the UI thread with a fresh snapshot.
  void run_flow(T what, std::function<void(client::RenewalFlow&)> work, std::function<void()> then,
                std::function<bool(const ErrorText&)> on_error = {},
                BusyState::Kind kind = BusyState::Kind::plain);
  void open_pin(PinPrompt::Purpose purpose);
  void wipe_pin();
  void setup_form();
  void setup_transfers();
  client::FlowContext flow_context();

  client::Runtime& runtime_;
  SessionSetup setup_;
  UiInbox& inbox_;
  const client::ClientConfig* config_ = nullptr;  // the runtime's, when it loaded
  std::optional<ErrorText> config_problem_;
  client::ApplicationStore* store_ = nullptr;  // the runtime's, when there is a data folder
  // The runtime's, once the poll worker has loaded the drivers.
  const client::TokenInventory* token_inventory_ = nullptr;
  // Touched only by flow jobs, which run one at a time on flow_tasks_.
  std::unique_ptr<client::RenewalFlow> renewal_;

  Screen screen_ = Screen::home;
  PinPrompt pin_;
  FormEditor form_;
  TransferEditor transfers_;
  bool agreement_ticked_ = false;
  std::vector<ErrorText> errors_;
  std::string selected_fingerprint_;
  std::optional<client::CertificateEntry> viewed_certificate_;
  InventorySnapshot inventory_;
  FlowSnapshot flow_;
  std::optional<BusyState> busy_;
  std::optional<client::AgreementText> agreement_;
  std::optional<client::OnlinePayment> online_;
  std::optional<client::InstallResult> installed_;
  std::optional<x509::Certificate> installed_old_;
  std::optional<x509::Certificate> installed_new_;
  std::optional<ErrorText> install_failure_;
  std::vector<client::SelfTestResult> self_test_;
  int stage_reached_ = -1;
  std::optional<ErrorText> refresh_problem_;
  bool poll_in_flight_ = false;
  unsigned long version_ = 0;
  Clock::time_point next_poll_ = Clock::now();
  Clock::time_point next_refresh_ = Clock::time_point::max();

  // Declared last: destroyed first, so no job outlives the members it uses.
  std::unique_ptr<TaskRunner> poll_tasks_;
  std::unique_ptr<TaskRunner> flow_tasks_;
};

}  // namespace certrenew::gui
