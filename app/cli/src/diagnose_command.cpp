#include "diagnose_command.hpp"

#include <cstdlib>
#include <memory>

#include "certrenew/client/diagnostics/bundle.hpp"
#include "certrenew/client/diagnostics/diagnose.hpp"
#include "cli_text.hpp"

namespace certrenew::cli {

namespace {

using client::Language;
namespace diag = client::diagnostics;

// The language for the text: asked for, or the configuration's, or zh-CN (the product's first).
Language text_language(const DiagnoseOptions& options) {
  if (options.language) return *options.language;
  try {
    return client::ClientConfig::load(options.location.config_file).language;
  } catch (const std::exception&) {
    return Language::zh_CN;  // the report itself says what is wrong with the configuration
  }
}

}  // namespace

int run_diagnose(const DiagnoseOptions& options) {
  diag::DiagnosticOptions run;
  run.location = options.location;
  run.check_service = options.check_service;
  const diag::DiagnosticReport report = diag::run_diagnostics(run);

  std::ostream& out = *options.out;
  std::ostream& err = *options.err;
  if (options.json) {
    out << diag::to_json(report).dump(2) << "\n";
  } else {
    out << diag::render_text(report, text_language(options));
  }
  out.flush();

  int status = report.overall() == diag::Status::red ? 1 : 0;
  if (!options.bundle.empty()) {
    try {
      const diag::BundleResult bundle =
          diag::write_bundle(report, options.location.data_dir, options.bundle);
      err << "certrenew-cli: support bundle written to " << bundle.file.string() << " ("
          << bundle.entries.size() << " files)\n";
    } catch (const std::exception& e) {
      err << "certrenew-cli: cannot write the support bundle " << options.bundle.string() << ": "
          << e.what() << "\n";
      status = 1;
    }
  }
  return status;
}

#if defined(CERTRENEW_CLI_HAS_DIAGNOSE)
void add_diagnose_command(CLI::App& app, const Select& select) {
  // CLI11 writes the parsed values into storage that must outlive parsing.
  auto bundle = std::make_shared<std::string>();
  auto offline = std::make_shared<bool>(false);
  const Text help = cli_text("help.diagnose");
  CLI::App* cmd = app.add_subcommand("diagnose", help.en + " (" + help.zh + ")");
  cmd->add_option("--bundle", *bundle,
                  "also write a support bundle (.tar.gz): the report and the recent logs, with "
                  "PINs, capability tokens, ID and mobile numbers removed or masked");
  cmd->add_flag("--offline", *offline, "do not contact the renewal service");
  cmd->callback([select, bundle, offline] {
    select([bundle, offline](CliEnvironment& env) {
      DiagnoseOptions options;
      options.json = env.options().json;
      options.bundle = *bundle;
      options.check_service = !*offline;
      options.location = env.location();
      if (!env.options().language.empty() || std::getenv("CERTRENEW_LANG"))
        options.language = env.out().language();
      return run_diagnose(options) == 0 ? ExitCode::ok : ExitCode::failure;
    });
  });
}
#endif

}  // namespace certrenew::cli
