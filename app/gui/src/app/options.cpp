#include "app/options.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>

#include "certrenew/core/version.hpp"

namespace certrenew::gui {

std::optional<Options> parse_options(int argc, char** argv, int& exit_code) {
  Options options;
  CLI::App app{"CertRenew: renew the certificates on your USB tokens online", "certrenew"};
  std::string lang;
  std::string size;
  app.add_option("--config", options.config, "client configuration file (JSON)");
  app.add_option("--data-dir", options.data_dir, "folder for pending applications");
  app.add_option("--lang", lang, "language for this run")->check(CLI::IsMember({"zh-CN", "en"}));
  app.add_option("--size", size, "window size for this run, e.g. 1100x760");
  app.add_flag("--diagnostic", options.diagnostic,
               "open on the diagnostic view: drivers, tokens, service, clock, log, support bundle");
  app.add_option("--test-widget-map", options.widget_map,
                 "test mode: keep a JSON map of labelled widgets' rectangles in FILE");
  app.add_option("--screenshot", options.screenshot,
                 "render the first settled frame to a PNG file and exit");
  app.add_option("--screenshot-dir", options.screenshot_dir,
                 "test mode: F12 saves <screen>-<lang>.png into DIR");
  app.add_option("--refresh-seconds", options.refresh_seconds,
                 "seconds between automatic progress checks")
      ->check(CLI::Range(1, 3600));
  app.add_option("--payment-poll-seconds", options.payment_poll_seconds,
                 "seconds between payment checks on the online payment page")
      ->check(CLI::Range(1, 600));
  bool version = false;
  app.add_flag("--version", version, "print the version");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    exit_code = app.exit(e);
    return std::nullopt;
  }
  if (version) {
    std::printf("certrenew %s\n", std::string(certrenew::version()).c_str());
    exit_code = 0;
    return std::nullopt;
  }
  if (lang == "zh-CN") options.language = client::Language::zh_CN;
  if (lang == "en") options.language = client::Language::en;
  if (!size.empty()) {
    int w = 0;
    int h = 0;
    if (std::sscanf(size.c_str(), "%dx%d", &w, &h) != 2 || w < 320 || h < 240) {
      std::fprintf(stderr, "--size: expected WIDTHxHEIGHT, e.g. 1100x760\n");
      exit_code = 2;
      return std::nullopt;
    }
    options.width = w;
    options.height = h;
  }
  return options;
}

}  // namespace certrenew::gui
