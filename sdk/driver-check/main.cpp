// certrenew-driver-check: runs a token driver through the checks a vendor needs to pass before
// CertRenew can use it, using the same loader the application uses.
#include <CLI/CLI.hpp>

#include <iostream>
#include <stdexcept>
#include <string_view>

#include "certrenew/core/pin_input.hpp"
#include "certrenew/core/version.hpp"
#include "checks.hpp"

namespace {

constexpr int kExitPass = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;

// A PIN on the command line is visible to every user (ps, shell history); refuse it before the
// parser can echo it back in an error message.
bool has_pin_argument(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg(argv[i]);
    if (arg == "--pin" || arg.rfind("--pin=", 0) == 0) return true;
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace certrenew::driver_check;
  if (has_pin_argument(argc, argv)) {
    std::cerr << "certrenew-driver-check: the PIN is never taken from the command line; "
                 "use --pin-file FILE or --pin-env VARIABLE, or type it when asked\n";
    return kExitUsage;
  }

  CLI::App app{"Checks a CertRenew token driver against the driver ABI (version 1)."};
  app.set_version_flag("--version", std::string(certrenew::version()));
  Options options;
  std::string plugin, pin_file, pin_env;
  bool json = false, no_prompt = false;
  app.add_option("--plugin", plugin, "the driver library to check")->required();
  app.add_option("--config", options.config, "driver configuration (JSON)")->capture_default_str();
  app.add_option("--token", options.token, "the token id to check (default: the first listed)");
  auto* file_opt =
      app.add_option("--pin-file", pin_file, "read the user PIN from this file's first line");
  app.add_option("--pin-env", pin_env, "read the user PIN from this environment variable")
      ->excludes(file_opt);
  app.add_flag("--allow-writes", options.allow_writes,
               "generate keys, sign, write and delete certificates on the token");
  app.add_flag("--test-wrong-pin", options.test_wrong_pin,
               "try one wrong PIN (costs a try; skipped when only one is left)");
  app.add_flag("--no-prompt", no_prompt, "never ask for the PIN on the terminal");
  app.add_flag("--json", json, "print the report as JSON");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitPass : kExitUsage;
  }

  options.plugin = plugin;
  options.prompt_for_pin = !no_prompt;
  try {
    if (!pin_file.empty())
      options.pin = certrenew::pin_from_file(pin_file);
    else if (!pin_env.empty())
      options.pin = certrenew::pin_from_env(pin_env);
  } catch (const std::runtime_error& e) {
    std::cerr << "certrenew-driver-check: " << e.what() << "\n";
    return kExitUsage;
  }

  Report report;
  CheckRun(std::move(options), report).run();
  if (json)
    report.print_json(std::cout, plugin);
  else
    report.print_human(std::cout, plugin);
  return report.any_failed() ? kExitFailed : kExitPass;
}
