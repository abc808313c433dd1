#pragma once
// What every subcommand needs: the client's Runtime (configuration from --config or the portable
// or per-user folder, the data folder, service, store, drivers: runtime.hpp has the rules), the
// language, and the output.

#include <filesystem>
#include <string>

#include "certrenew/client/runtime.hpp"
#include "output.hpp"

namespace certrenew::cli {

struct GlobalOptions {
  std::string config_file;  // empty: the Runtime's rule
  std::string language;     // empty: the configuration's
  bool json = false;
  bool verbose = false;  // -v: the log's lines on stderr too
};

class CliEnvironment {
 public:
  explicit CliEnvironment(GlobalOptions options);

  const GlobalOptions& options() const { return options_; }
  client::Runtime& runtime() { return runtime_; }
  const client::RuntimeLocation& location() const { return runtime_.location(); }
  Output& out() { return out_; }

  // Throws client::ConfigError (both languages) when there is no usable configuration. The
  // language then follows it unless --lang or CERTRENEW_LANG chose one.
  const client::ClientConfig& config();
  client::ServiceClient& service();
  client::ApplicationStore& store() { return runtime_.store(); }
  const client::TokenInventory& inventory();
  client::FlowContext flow_context();

  // Starts the rotating log in <data>/logs; without a usable folder, logging is off.
  void start_log();

  // The record of this business number; throws FlowError(wrong_step) naming it when unknown.
  client::ApplicationRecord record(const std::string& business_no);

 private:
  bool language_chosen() const;

  GlobalOptions options_;
  client::Runtime runtime_;
  Output out_;
};

}  // namespace certrenew::cli
