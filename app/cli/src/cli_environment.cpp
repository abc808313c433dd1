#include "cli_environment.hpp"

#include <cstdlib>
#include <string_view>

#include <spdlog/spdlog.h>

#include "certrenew/client/flow/flow_error.hpp"
#include "cli_text.hpp"

namespace certrenew::cli {

namespace {

client::Language parse_language(const std::string& text) {
  if (text == "en" || text.rfind("en_", 0) == 0 || text.rfind("en-", 0) == 0)
    return client::Language::en;
  return client::Language::zh_CN;
}

client::RuntimeOptions runtime_options(const GlobalOptions& options) {
  client::RuntimeOptions r;
  r.config_file = options.config_file;
  return r;
}

}  // namespace

CliEnvironment::CliEnvironment(GlobalOptions options)
    : options_(std::move(options)), runtime_(runtime_options(options_)) {
  // Without a configuration the language still follows --lang, then the environment.
  client::Language language = client::Language::zh_CN;
  if (!options_.language.empty()) {
    language = parse_language(options_.language);
  } else if (const char* env = std::getenv("CERTRENEW_LANG")) {
    language = parse_language(env);
  }
  out_ = Output(language, options_.json);
}

bool CliEnvironment::language_chosen() const {
  return !options_.language.empty() || std::getenv("CERTRENEW_LANG");
}

const client::ClientConfig& CliEnvironment::config() {
  const client::ClientConfig& config = runtime_.config();
  if (!language_chosen()) out_.set_language(config.language);
  return config;
}

client::ServiceClient& CliEnvironment::service() {
  config();
  return runtime_.service();
}

const client::TokenInventory& CliEnvironment::inventory() {
  config();
  return runtime_.inventory();
}

void CliEnvironment::start_log() {
  // stdout carries results (one JSON document with --json): log lines never go there.
  spdlog::set_level(spdlog::level::off);
  if (runtime_.data_dir().empty()) return;
  try {
    client::ClientLogOptions options;
    options.echo_to_stderr = options_.verbose;
    runtime_.start_log(options);
    spdlog::set_level(spdlog::level::info);
    spdlog::info("certrenew-cli {} started", CERTRENEW_VERSION);
  } catch (const std::exception& e) {
    out_.note(cli_text("log.unwritable", e.what()));
  }
}

client::FlowContext CliEnvironment::flow_context() {
  config();  // the language follows the configuration from here on
  client::FlowContext ctx = runtime_.flow_context();
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
                            cli_text("application.bad_business_no", business_no));
  auto r = store().load(business_no);
  if (!r)
    throw client::FlowError(client::FlowError::Kind::certificate_not_found,
                            cli_text("application.unknown", business_no));
  return *r;
}

}  // namespace certrenew::cli
