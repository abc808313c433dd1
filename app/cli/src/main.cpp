// certrenew-cli: the ten-step renewal without a window. See docs/cli.md for every subcommand and
// the exit codes.
#include <iostream>

#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include "certrenew/client/service/service_client.hpp"
#include "certrenew/core/token/token_error.hpp"
#include "certrenew/core/version.hpp"
#include "cli_environment.hpp"
#include "cli_text.hpp"
#include "commands/commands.hpp"
#include "exit_codes.hpp"
#include "prompt.hpp"

#if defined(CERTRENEW_CLI_HAS_DIAGNOSE)
#include "diagnose_command.hpp"
#endif

int main(int argc, char** argv) {
  using namespace certrenew;
  using namespace certrenew::cli;

  const Text about = cli_text("help.app");
  CLI::App app{"certrenew-cli: " + about.en + " (" + about.zh + ")"};
  app.set_version_flag("--version", std::string("certrenew-cli ") + CERTRENEW_VERSION);
  app.require_subcommand(1);
  app.fallthrough();
  GlobalOptions global;
  app.add_option("--config", global.config_file,
                 "configuration file (default: portable or user dir)");
  app.add_option("--lang", global.language, "language of messages: zh-CN (default) or en")
      ->check(CLI::IsMember({"zh-CN", "en"}));
  app.add_flag("--json", global.json, "print the result as one JSON document on stdout");
  app.add_flag("-v,--verbose", global.verbose, "show the log's lines on stderr too");

  Handler handler;
  Select select = [&handler](Handler h) { handler = std::move(h); };
  add_token_commands(app, select);
  add_apply_command(app, select);
  add_application_commands(app, select);
  add_config_command(app, select);
  add_renew_command(app, select);
  add_pin_commands(app, select);
  add_check_command(app, select);
  add_contacts_command(app, select);
  add_selftest_command(app, select);
#if defined(CERTRENEW_CLI_HAS_DIAGNOSE)
  add_diagnose_command(app, select);
#endif

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : as_int(ExitCode::usage);
  }

  CliEnvironment env(global);
  env.start_log();
  const Output& out = env.out();
  try {
    return as_int(handler(env));
  } catch (const client::FlowError& e) {
    spdlog::warn("{}: {}", client::code(e.kind()), e.message_en());
    out.error(e);
    return as_int(exit_code_for(e));
  } catch (const UsageError& e) {
    out.error(e.what(), e.zh());
    return as_int(ExitCode::usage);
  } catch (const client::ConfigError& e) {
    const std::filesystem::path& file = env.location().config_file;
    std::error_code ec;
    const bool missing = !file.empty() && !std::filesystem::exists(file, ec);
    out.error(cli_text("config.problem", file.string(), e.what(), e.message_zh()) +
              (missing ? cli_text("config.create_hint") : Text{}));
    return as_int(ExitCode::config);
  } catch (const client::ServiceError& e) {
    bool refused = e.kind() == client::ServiceError::Kind::http;
    out.error(e.what(), !e.message_zh().empty()
                            ? e.message_zh()
                            : cli_text(refused ? "service.refused" : "service.unreachable").zh);
    return as_int(refused ? ExitCode::service_refused : ExitCode::service_unreachable);
  } catch (const token::TokenError& e) {
    spdlog::warn("token: {}", e.what());
    out.error(e.what(), cli_text("token.error").zh);
    return as_int(ExitCode::token);
  } catch (const std::exception& e) {
    spdlog::error("unexpected: {}", e.what());
    out.error(e.what(), e.what());
    return as_int(ExitCode::failure);
  }
}
