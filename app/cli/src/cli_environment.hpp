#pragma once
// What every subcommand needs: the configuration (from --config, or portable/user dirs), the
// language, and the client library's pieces built from it on first use.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "certrenew/client/flow/renewal_flow.hpp"
#include "certrenew/client/flow/token_inventory.hpp"
#include "certrenew/client/service/service_client.hpp"
#include "certrenew/client/store/application_store.hpp"
#include "certrenew/client/store/client_config.hpp"
#include "output.hpp"

namespace certrenew::cli {

struct GlobalOptions {
  std::string config_file;  // empty: default_paths()
  std::string language;     // empty: the configuration's
  bool json = false;
  bool verbose = false;  // -v: the log's lines on stderr too
};

class CliEnvironment {
 public:
  CliEnvironment(GlobalOptions options, std::filesystem::path exe_dir);

  const GlobalOptions& options() const { return options_; }
  const client::ClientPaths& paths() const { return paths_; }
  Output& out() { return out_; }

  // Throws client::ConfigError when there is no usable configuration.
  const client::ClientConfig& config();
  client::ServiceClient& service();
  client::ApplicationStore& store();
  const client::TokenInventory& inventory();
  client::FlowContext flow_context();

  // The folder of the application store and the log (CERTRENEW_DATA_DIR overrides).
  std::filesystem::path data_dir() const;
  // Starts the rotating log in data_dir()/logs; without a usable folder, logging is off.
  void start_log();

  // The record of this business number; throws FlowError(wrong_step) naming it when unknown.
  client::ApplicationRecord record(const std::string& business_no);

 private:
  GlobalOptions options_;
  std::filesystem::path exe_dir_;
  client::ClientPaths paths_;
  Output out_;
  std::optional<client::ClientConfig> config_;
  std::unique_ptr<client::ServiceClient> service_;
  std::unique_ptr<client::ApplicationStore> store_;
  std::unique_ptr<client::TokenInventory> inventory_;
};

}  // namespace certrenew::cli
