#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "certrenew/core/secure_buffer.hpp"
#include "certrenew/core/token/plugin_host.hpp"
#include "certrenew/core/token/session.hpp"
#include "certrenew/core/token/token_context.hpp"
#include "report.hpp"

namespace certrenew::driver_check {

// The label of every object the writing checks create on the token, so a person can tell them
// from their own.
inline constexpr const char* kObjectLabel = "certrenew-driver-check";

struct Options {
  std::filesystem::path plugin;
  std::string config = "{}";
  std::string token;                // empty: the first token listed
  std::optional<SecureBuffer> pin;  // from --pin-file or --pin-env
  bool prompt_for_pin = true;       // ask on the terminal when no PIN was given
  bool allow_writes = false;
  bool test_wrong_pin = false;
};

// One run of the kit against one driver. Each step adds its checks to the report and leaves
// what later steps need (driver, context, token, session) in the members; a step whose
// precondition failed reports its checks as skipped.
class CheckRun {
 public:
  CheckRun(Options options, Report& report) : options_(std::move(options)), report_(report) {}

  void run();

 private:
  // load_checks.cpp
  bool check_load();
  bool check_open();
  bool check_tokens();
  void check_token_info();
  // buffer_checks.cpp
  void check_two_call_list_tokens();
  void check_two_call_last_error();
  void check_mechanisms();
  // session_checks.cpp
  bool open_session();
  void check_wrong_pin();
  // The token's PIN state now; nullopt after reporting `check` failed when it cannot be read.
  std::optional<token::PinState> pin_state(const std::string& check);
  void check_login();
  void check_objects();
  void check_logout();
  // write_checks.cpp
  void check_writes();
  void check_key_lifecycle(const token::Mechanism& mechanism);
  // envelope_checks.cpp (dual certificates)
  void check_encryption_keys();

  // The PIN, asked on the terminal the first time it is needed; nullopt when there is none.
  const SecureBuffer* pin();
  void skip_rest(const std::string& reason);

  Options options_;
  Report& report_;
  token::PluginHost host_;
  std::optional<token::Driver> driver_;
  std::optional<token::TokenContext> context_;
  std::optional<token::TokenInfo> token_;
  std::optional<token::Session> session_;
  bool asked_terminal_ = false;
  bool logged_in_ = false;
};

}  // namespace certrenew::driver_check
