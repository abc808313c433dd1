#include "certrenew/client/runtime.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <system_error>
#include <utility>

#include "certrenew/core/folders.hpp"
#include "certrenew/core/lookup_table.hpp"
#include "certrenew/core/token/plugin_paths.hpp"
#include "flow/flow_text.hpp"

namespace certrenew::client {

namespace fs = std::filesystem;

namespace {

fs::path absolute_or_as_is(const fs::path& path) {
  if (path.empty()) return path;
  std::error_code ec;
  fs::path out = fs::absolute(path, ec);
  return ec ? path : out.lexically_normal();
}

}  // namespace

constexpr auto kConfigSourceCodes = std::to_array<std::pair<ConfigSource, std::string_view>>({
    {ConfigSource::explicit_file, "explicit"},
    {ConfigSource::portable, "portable"},
    {ConfigSource::user, "user"},
});

std::string_view code(ConfigSource source) {
  return lookup(kConfigSourceCodes, source).value_or("user");
}

constexpr auto kDataSourceCodes = std::to_array<std::pair<DataSource, std::string_view>>({
    {DataSource::explicit_dir, "explicit"},
    {DataSource::environment, "environment"},
    {DataSource::portable, "portable"},
    {DataSource::user, "user"},
});

std::string_view code(DataSource source) {
  return lookup(kDataSourceCodes, source).value_or("user");
}

fs::path RuntimeLocation::resolve(const fs::path& configured) const {
  if (configured.empty() || configured.is_absolute()) return configured;
  return (config_file.parent_path() / configured).lexically_normal();
}

RuntimeLocation locate_runtime(const RuntimeOptions& options) {
  RuntimeLocation where;
  where.exe_dir = options.exe_dir.empty() ? executable_dir() : options.exe_dir;
  where.default_driver_path = options.default_driver_path;
  std::error_code ec;
  where.portable = !where.exe_dir.empty() && fs::exists(where.exe_dir / kPortableMarker, ec);

  if (!options.config_file.empty()) {
    where.config_file = absolute_or_as_is(options.config_file);
    where.config_source = ConfigSource::explicit_file;
  } else if (where.portable) {
    where.config_file = where.exe_dir / "config.json";
    where.config_source = ConfigSource::portable;
  } else {
    const fs::path dir = user_config_dir();
    where.config_file = dir.empty() ? dir : dir / "config.json";
    where.config_source = ConfigSource::user;
  }

  const char* env = std::getenv(kDataDirVariable.data());
  if (!options.data_dir.empty()) {
    where.data_dir = absolute_or_as_is(options.data_dir);
    where.data_source = DataSource::explicit_dir;
  } else if (env && *env) {
    where.data_dir = absolute_or_as_is(env);
    where.data_source = DataSource::environment;
  } else if (where.portable) {
    where.data_dir = where.exe_dir / "data";
    where.data_source = DataSource::portable;
  } else {
    where.data_dir = user_data_dir();
    where.data_source = DataSource::user;
  }
  return where;
}

std::vector<fs::path> plugin_search_path(const ClientConfig& config,
                                         const RuntimeLocation& location) {
  std::vector<fs::path> candidates;
  for (const fs::path& d : config.plugin_dirs) candidates.push_back(location.resolve(d));
  if (location.default_driver_path)
    for (fs::path& d : token::default_search_path()) candidates.push_back(std::move(d));
  std::vector<fs::path> dirs;
  std::vector<fs::path> seen;
  for (fs::path& d : candidates) {
    std::error_code ec;
    fs::path key = fs::weakly_canonical(d, ec);
    if (ec) key = d.lexically_normal();
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
    seen.push_back(std::move(key));
    dirs.push_back(std::move(d));
  }
  return dirs;
}

ServiceEndpoint service_endpoint(const ClientConfig& config, const RuntimeLocation& location) {
  ServiceEndpoint endpoint;
  endpoint.base_url = config.service_url;
  while (!endpoint.base_url.empty() && endpoint.base_url.back() == '/')
    endpoint.base_url.pop_back();
  if (!config.trust.empty()) {
    endpoint.trust_file = location.resolve(config.trust);
    std::error_code ec;
    if (!fs::is_regular_file(endpoint.trust_file, ec))
      throw ConfigError("trust", flow_error("trust_file.missing", endpoint.trust_file.string()));
  }
  return endpoint;
}

std::shared_ptr<IssuerTrust> issuer_trust(const ClientConfig& config,
                                          const RuntimeLocation& location) {
  const fs::path pin =
      location.data_dir.empty() ? fs::path() : location.data_dir / kPinnedIssuerFile;
  return std::make_shared<IssuerTrust>(location.resolve(config.issuer_ca), pin);
}

Runtime::Runtime(RuntimeOptions options)
    : location_(locate_runtime(options)), service_override_(options.service) {}

Runtime::~Runtime() = default;

const ClientConfig& Runtime::config() {
  const std::lock_guard lock(mutex_);
  if (!config_) {
    if (location_.config_file.empty()) throw ConfigError("", flow_error("config.no_home"));
    config_ = ClientConfig::load(location_.config_file);
  }
  return *config_;
}

const ClientConfig* Runtime::try_config(std::optional<ConfigError>* error) {
  try {
    return &config();
  } catch (const ConfigError& e) {
    if (error) *error = e;
    return nullptr;
  }
}

ServiceClient& Runtime::service() {
  const std::lock_guard lock(mutex_);
  if (!service_) service_ = std::make_unique<ServiceClient>(service_endpoint(config(), location_));
  return *service_;
}

ApplicationStore& Runtime::store() {
  const std::lock_guard lock(mutex_);
  if (!store_) {
    if (location_.data_dir.empty()) throw ConfigError("", flow_error("data_dir.no_home"));
    store_ = std::make_unique<ApplicationStore>(location_.data_dir);
  }
  return *store_;
}

const TokenInventory& Runtime::inventory() {
  const std::lock_guard lock(mutex_);
  if (!inventory_) {
    const ClientConfig& c = config();
    inventory_ = std::make_unique<TokenInventory>(c, plugin_search_path(c, location_));
  }
  return *inventory_;
}

IssuerTrust& Runtime::issuer_trust() {
  const std::lock_guard lock(mutex_);
  if (!issuer_trust_) issuer_trust_ = client::issuer_trust(config(), location_);
  return *issuer_trust_;
}

FlowContext Runtime::flow_context() {
  const std::lock_guard lock(mutex_);
  FlowContext ctx;
  ctx.service = service_override_ ? service_override_ : &service();
  ctx.store = &store();
  ctx.inventory = &inventory();
  ctx.retire_policy = config().retire_policy;
  issuer_trust();
  ctx.issuer_trust = issuer_trust_;
  return ctx;
}

fs::path Runtime::start_log(const ClientLogOptions& options) {
  if (location_.data_dir.empty()) throw ConfigError("", flow_error("log.no_data_dir"));
  return start_client_log(location_.data_dir, options);
}

}  // namespace certrenew::client
