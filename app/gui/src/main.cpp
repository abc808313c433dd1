// certrenew: the desktop app for certificate holders (see docs/gui.md).
#include <cstdio>
#include <exception>
#include <filesystem>
#include <system_error>

#include "app/app.hpp"
#include "app/options.hpp"

namespace {

// The folder of the running executable: portable mode and the plugin folder are found there.
std::filesystem::path executable_dir(const char* argv0) {
  std::error_code ec;
  // PLATFORM: Linux; other systems fall back to argv[0].
  auto self = std::filesystem::canonical("/proc/self/exe", ec);
  if (!ec) return self.parent_path();
  self = std::filesystem::absolute(argv0, ec);
  return ec ? std::filesystem::current_path() : self.parent_path();
}

}  // namespace

int main(int argc, char** argv) {
  int exit_code = 0;
  auto options = certrenew::gui::parse_options(argc, argv, exit_code);
  if (!options) return exit_code;
  try {
    certrenew::gui::App app(std::move(*options), executable_dir(argv[0]));
    return app.run();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "certrenew: %s\n", e.what());
    return 1;
  }
}
