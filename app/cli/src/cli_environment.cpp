#include "cli_environment.hpp"

#include <cstdlib>

#include <spdlog/spdlog.h>

#include "certrenew/client/flow/flow_error.hpp"
#include "certrenew/client/logging.hpp"

namespace certrenew::cli {

namespace {

client::Language parse_language(const std::string& text) {
  if (text == "en" || text.rfind("en_", 0) == 0 || text.rfind("en-", 0) == 0)
    return client::Language::en;
  return client::Language::zh_CN;
}

}  // namespace

CliEnvironment::CliEnvironment(GlobalOptions options, std::filesystem::path exe_dir)
    : options_(std::move(options)), exe_dir_(std::move(exe_dir)) {
  paths_ = client::default_paths(exe_dir_);
  if (!options_.config_file.empty()) paths_.config_file = options_.config_file;
  // Without a configuration the language still follows --lang, then the environment.
  client::Language language = client::Language::zh_CN;
  if (!options_.language.empty()) {
    language = parse_language(options_.language);
  } else if (const char* env = std::getenv("CERTRENEW_LANG")) {
    language = parse_language(env);
  }
  out_ = Output(language, options_.json);
}

const client::ClientConfig& CliEnvironment::config() {
  if (!config_) {
    if (paths_.config_file.empty())
      throw client::ConfigError("",
                                "no configuration file: the user has no home directory; use "
                                "--config FILE");
    config_ = client::ClientConfig::load(paths_.config_file);
    if (options_.language.empty() && !std::getenv("CERTRENEW_LANG"))
      out_.set_language(config_->language);
  }
  return *config_;
}

client::ServiceClient& CliEnvironment::service() {
  if (!service_) {
    const auto& c = config();
    client::ServiceEndpoint endpoint;
    endpoint.base_url = c.service_url;
    if (!c.trust.empty())
      endpoint.trust_file =
          c.trust.is_absolute() ? c.trust : paths_.config_file.parent_path() / c.trust;
    service_ = std::make_unique<client::ServiceClient>(endpoint);
  }
  return *service_;
}

std::filesystem::path CliEnvironment::data_dir() const {
  if (const char* env = std::getenv("CERTRENEW_DATA_DIR"); env && *env) return env;
  return paths_.data_dir;
}

void CliEnvironment::start_log() {
  // stdout carries results (one JSON document with --json): log lines never go there.
  spdlog::set_level(spdlog::level::off);
  auto data = data_dir();
  if (data.empty()) return;
  try {
    client::ClientLogOptions options;
    options.echo_to_stderr = options_.verbose;
    client::start_client_log(data, options);
    spdlog::set_level(spdlog::level::info);
    spdlog::info("certrenew-cli {} started", CERTRENEW_VERSION);
  } catch (const std::exception& e) {
    out_.note(std::string("The log cannot be written: ") + e.what(),
              std::string("无法写入日志：") + e.what());
  }
}

client::ApplicationStore& CliEnvironment::store() {
  if (!store_) {
    std::filesystem::path data = data_dir();
    if (data.empty())
      throw client::ConfigError("", "no data folder: the user has no home directory");
    store_ = std::make_unique<client::ApplicationStore>(data);
  }
  return *store_;
}

const client::TokenInventory& CliEnvironment::inventory() {
  if (!inventory_) {
    const auto& c = config();
    inventory_ = std::make_unique<client::TokenInventory>(
        c, client::plugin_search_path(c, paths_.config_file.parent_path()));
  }
  return *inventory_;
}

client::FlowContext CliEnvironment::flow_context() {
  client::FlowContext ctx;
  ctx.service = &service();
  ctx.store = &store();
  ctx.inventory = &inventory();
  ctx.retire_policy = config().retire_policy;
  // TEST HOOK (documented in docs/cli.md): end the process the hard way right after the new
  // certificate is written and read back, before the service is told, as a crash or a pulled
  // plug would. The e2e suite uses it to prove the next run finishes the installation.
  if (const char* at = std::getenv("CERTRENEW_TEST_CRASH_AT");
      at && std::string_view(at) == "install-written")
    ctx.install_checkpoint = [](client::InstallStage) { std::_Exit(86); };
  return ctx;
}

client::ApplicationRecord CliEnvironment::record(const std::string& business_no) {
  if (!client::is_valid_business_number(business_no))
    throw client::FlowError(client::FlowError::Kind::certificate_not_found,
                            "\"" + business_no + "\" is not a business number (17 digits).",
                            "“" + business_no + "”不是有效的业务单号（17位数字）。");
  auto r = store().load(business_no);
  if (!r)
    throw client::FlowError(client::FlowError::Kind::certificate_not_found,
                            "No application " + business_no + " is known on this computer.",
                            "本机没有业务单号为 " + business_no + " 的申请记录。");
  return *r;
}

}  // namespace certrenew::cli
