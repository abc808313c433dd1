#pragma once
// Everything the holder's side runs on, found and built in one place: where the configuration and
// the data folder are (one rule for the app, the CLI and the diagnostics), the configuration, the
// service endpoint with its TLS trust, the issuing CA the renewed certificates must chain to, the
// application store, the token drivers and their tokens, the log. The GUI, certrenew-cli and the
// diagnostic mode each hold one Runtime and take what they need from it.
//
// Lookup rules (docs/cli.md, docs/gui.md):
//   configuration: --config FILE; else <exe dir>/config.json when <exe dir>/certrenew.portable
//                  exists; else <user config dir>/config.json.
//   data folder:   --data-dir DIR; else $CERTRENEW_DATA_DIR; else <exe dir>/data when portable;
//                  else the user's data folder.
//   paths inside the configuration (trust, issuer_ca, plugin_dirs) are relative to its folder.
//
// Threads: every accessor may be called from any thread; each part is built once, on first use,
// and lives as long as the Runtime.

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <vector>

#include "certrenew/client/flow/issuer_trust.hpp"
#include "certrenew/client/flow/renewal_flow.hpp"
#include "certrenew/client/flow/token_inventory.hpp"
#include "certrenew/client/logging.hpp"
#include "certrenew/client/service/service_client.hpp"
#include "certrenew/client/store/application_store.hpp"
#include "certrenew/client/store/client_config.hpp"

namespace certrenew::client {

// The environment variable that names the data folder (scripts, tests, support).
inline constexpr std::string_view kDataDirVariable = "CERTRENEW_DATA_DIR";
// File in the data folder that keeps the issuing CA pinned at first contact.
inline constexpr std::string_view kPinnedIssuerFile = "issuer-ca.der";

enum class ConfigSource {
  explicit_file,  // named by the caller (--config)
  portable,       // config.json beside the program (certrenew.portable marker)
  user,           // the user's config folder
};
enum class DataSource {
  explicit_dir,  // --data-dir
  environment,   // CERTRENEW_DATA_DIR
  portable,      // data/ beside the program
  user,          // the user's data folder
};
std::string_view code(ConfigSource source);  // "explicit", "portable", "user"
std::string_view code(DataSource source);    // "explicit", "environment", "portable", "user"

struct RuntimeOptions {
  std::filesystem::path exe_dir;      // empty: executable_dir()
  std::filesystem::path config_file;  // --config; empty: the rule above
  std::filesystem::path data_dir;     // --data-dir; empty: the rule above
  // false: drivers only from the configuration's plugin_dirs (tests, a support engineer checking
  // one folder); true: also token::default_search_path().
  bool default_driver_path = true;
  // The service flows talk to instead of the libcurl client built from the configuration (tests:
  // the in-process service). Not owned; it outlives the Runtime.
  ServiceApi* service = nullptr;
};

struct RuntimeLocation {
  std::filesystem::path exe_dir;
  std::filesystem::path config_file;  // absolute; may not exist; empty when there is no home
  std::filesystem::path data_dir;     // absolute; empty when there is no home
  ConfigSource config_source = ConfigSource::user;
  DataSource data_source = DataSource::user;
  bool portable = false;
  bool default_driver_path = true;

  // A path written in the configuration, made absolute against the configuration's folder.
  std::filesystem::path resolve(const std::filesystem::path& configured) const;
};

// The lookup rules above, applied once.
RuntimeLocation locate_runtime(const RuntimeOptions& options);

// The folders searched for drivers: the configuration's plugin_dirs (resolved), then
// token::default_search_path() when location.default_driver_path. A folder named twice is kept
// once, so no driver is loaded (and reported) twice.
std::vector<std::filesystem::path> plugin_search_path(const ClientConfig& config,
                                                      const RuntimeLocation& location);

// The service's address and TLS trust for this configuration. Throws ConfigError (key "trust",
// both languages) when the trust file is missing or not a file.
ServiceEndpoint service_endpoint(const ClientConfig& config, const RuntimeLocation& location);

// The issuing CA as this configuration and data folder have it (configured or pinned).
std::shared_ptr<IssuerTrust> issuer_trust(const ClientConfig& config,
                                          const RuntimeLocation& location);

class Runtime {
 public:
  explicit Runtime(RuntimeOptions options = {});
  ~Runtime();
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  const RuntimeLocation& location() const { return location_; }
  const std::filesystem::path& data_dir() const { return location_.data_dir; }

  // Loaded once. Throws ConfigError (both languages) when there is none or it cannot be used;
  // the next call tries again.
  const ClientConfig& config();
  // The configuration if it loads, nullopt otherwise (the error then says why).
  const ClientConfig* try_config(std::optional<ConfigError>* error = nullptr);
  ServiceClient& service();
  // Throws ConfigError when there is no data folder (no home and not portable).
  ApplicationStore& store();
  // Loads the drivers on first use (slow: the GUI calls it on a worker).
  const TokenInventory& inventory();
  IssuerTrust& issuer_trust();
  // What a RenewalFlow needs, all of it from here (the service: RuntimeOptions::service when
  // given, else service()).
  FlowContext flow_context();

  // Starts the rotating log in <data>/logs; returns its file. Throws (std::runtime_error,
  // ConfigError) when there is no data folder or the file cannot be opened.
  std::filesystem::path start_log(const ClientLogOptions& options = {});

 private:
  RuntimeLocation location_;
  ServiceApi* service_override_ = nullptr;
  std::recursive_mutex mutex_;
  std::optional<ClientConfig> config_;
  std::unique_ptr<ServiceClient> service_;
  std::unique_ptr<ApplicationStore> store_;
  std::unique_ptr<TokenInventory> inventory_;
  std::shared_ptr<IssuerTrust> issuer_trust_;
};

}  // namespace certrenew::client
