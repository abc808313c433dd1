// `config`: where the configuration is, what it says, and writing one.
#include <iostream>

#include "cli_text.hpp"
#include "commands.hpp"

namespace certrenew::cli {
namespace {

struct InitOptions {
  std::string service_url;
  std::string trust;
  std::string issuer_ca;
  std::vector<std::string> plugin_dirs;
  std::vector<std::string> drivers;  // name=JSON
  std::string language = "zh-CN";
  std::string retire_policy = "keep";
  bool force = false;
};

ExitCode show_path(CliEnvironment& env) {
  const auto& p = env.location();
  env.out().text(p.config_file.string());
  env.out().document({{"config_file", p.config_file.string()},
                      {"config_source", client::code(p.config_source)},
                      {"data_dir", p.data_dir.string()},
                      {"data_source", client::code(p.data_source)},
                      {"portable", p.portable}});
  return ExitCode::ok;
}

// A file named on the command line: relative to where the command was typed, so it is written
// absolute (the configuration resolves relative paths against its own folder), and it must exist.
std::string existing_file(const std::string& given, const std::string& key) {
  std::error_code ec;
  const std::filesystem::path path = std::filesystem::absolute(given, ec).lexically_normal();
  if (ec || !std::filesystem::is_regular_file(path, ec))
    throw client::ConfigError(key, cli_text("config.no_such_file", key, given));
  return path.string();
}

std::string absolute_folder(const std::string& given) {
  std::error_code ec;
  const std::filesystem::path path = std::filesystem::absolute(given, ec).lexically_normal();
  return ec ? given : path.string();
}

ExitCode show_config(CliEnvironment& env) {
  auto j = env.config().to_json();
  env.out().text(env.out().tr("# ", "# ") + env.location().config_file.string() +
                 (env.location().portable ? env.out().tr(cli_text("config.portable")) : ""));
  env.out().text(j.dump(2));
  env.out().document({{"config_file", env.location().config_file.string()},
                      {"portable", env.location().portable},
                      {"config", j}});
  return ExitCode::ok;
}

ExitCode init_config(CliEnvironment& env, const InitOptions& o) {
  const auto& file = env.location().config_file;
  if (file.empty()) throw client::ConfigError("", cli_text("config.no_place"));
  if (std::filesystem::exists(file) && !o.force)
    throw client::ConfigError("", cli_text("config.exists", file.string()));
  nlohmann::json j = {
      {"service_url", o.service_url}, {"language", o.language}, {"retire_policy", o.retire_policy}};
  if (!o.trust.empty()) j["trust"] = existing_file(o.trust, "trust");
  if (!o.issuer_ca.empty()) j["issuer_ca"] = existing_file(o.issuer_ca, "issuer-ca");
  for (const auto& d : o.plugin_dirs) j["plugin_dirs"].push_back(absolute_folder(d));
  for (const auto& d : o.drivers) {
    auto eq = d.find('=');
    if (eq == std::string::npos || eq == 0)
      throw client::ConfigError("drivers", cli_text("config.driver_format", d));
    try {
      j["drivers"][d.substr(0, eq)] = nlohmann::json::parse(d.substr(eq + 1));
    } catch (const nlohmann::json::exception& e) {
      throw client::ConfigError("drivers",
                                cli_text("config.driver_not_json", d.substr(0, eq), e.what()));
    }
  }
  auto config = client::ClientConfig::from_json(j);  // checks every key before anything is written
  std::filesystem::create_directories(file.parent_path());
  config.save(file);
  env.out().line(cli_text("config.written", file.string()));
  env.out().document({{"config_file", file.string()}, {"config", config.to_json()}});
  return ExitCode::ok;
}

}  // namespace

void add_config_command(CLI::App& app, const Select& select) {
  auto* config = app.add_subcommand("config", "Show or write the client configuration");
  config->require_subcommand(1);
  config->add_subcommand("path", "Where the configuration and data are")->callback([select] {
    select(show_path);
  });
  config->add_subcommand("show", "Print the configuration in use")->callback([select] {
    select(show_config);
  });
  auto o = std::make_shared<InitOptions>();
  auto* init = config->add_subcommand("init", "Write a configuration file");
  init->add_option("--service-url", o->service_url, "https:// address of the renewal service")
      ->required();
  init->add_option("--trust", o->trust,
                   "PEM file with the CA certificate(s) of the service's TLS (stored absolute)");
  init->add_option("--issuer-ca", o->issuer_ca,
                   "the CA certificate renewed certificates must chain to (stored absolute; "
                   "default: pinned at the first contact with the service)");
  init->add_option("--plugin-dir", o->plugin_dirs, "extra folder with token drivers");
  init->add_option("--driver", o->drivers, "NAME=JSON configuration of one driver");
  init->add_option("--language", o->language, "zh-CN or en")->check(CLI::IsMember({"zh-CN", "en"}));
  init->add_option("--retire-policy", o->retire_policy, "keep or delete the old certificate")
      ->check(CLI::IsMember({"keep", "delete"}));
  init->add_flag("--force", o->force, "replace an existing file");
  init->callback(
      [select, o] { select([o](CliEnvironment& env) { return init_config(env, *o); }); });
}

}  // namespace certrenew::cli
