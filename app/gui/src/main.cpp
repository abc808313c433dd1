// certrenew: the desktop app for certificate holders (see docs/gui.md).
#include <cstdio>
#include <exception>

#include "app/app.hpp"
#include "app/options.hpp"

int main(int argc, char** argv) {
  int exit_code = 0;
  auto options = certrenew::gui::parse_options(argc, argv, exit_code);
  if (!options) return exit_code;
  try {
    certrenew::gui::App app(std::move(*options));
    return app.run();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "certrenew: %s\n", e.what());
    return 1;
  }
}
