// certrenew-bench-gui: the desktop app against the barest Dear ImGui + GLFW window with the same
// CJK font, both started on the same Xvfb display in the same run, alternately:
//   time to first frame  exec -> first frame drawn (the app's widget map / the bare marker file)
//   RSS                  VmRSS once settled (after --settle-seconds)
//   idle CPU             CPU time (schedstat, ns) over --idle-seconds with no input
// The app runs against a real certrenew-server with the demo softtoken, so its home screen lists
// a token and a certificate and its hot-plug polling is part of "idle".
// Usage: certrenew-bench-gui [--repeats N] [--idle-seconds S] [--settle-seconds S]
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/font_discovery.hpp"
#include "gui_harness.hpp"
#include "measure.hpp"
#include "server_process.hpp"

namespace fs = std::filesystem;
using namespace certrenew;
using Clock = std::chrono::steady_clock;

namespace {

struct Sample {
  double first_frame_ms = 0;
  double rss_mib = 0;
  double idle_cpu_percent = 0;
};

long long cpu_ns(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/schedstat");
  long long on_cpu = 0;
  in >> on_cpu;
  return on_cpu;
}

double rss_mib(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  return 0;
}

// Starts `args`, waits for `marker` to appear, then measures RSS and idle CPU.
Sample measure(const std::vector<std::string>& args, const fs::path& marker, const fs::path& log,
               int settle_seconds, int idle_seconds) {
  std::error_code ec;
  fs::remove(marker, ec);
  Sample s;
  const auto start = Clock::now();
  testing::AppProcess process(args, log);
  while (!fs::exists(marker)) {
    if (Clock::now() - start > std::chrono::seconds(60))
      throw std::runtime_error(args[0] + " drew no frame; log:\n" + process.log_text());
    std::this_thread::sleep_for(std::chrono::microseconds(500));
  }
  s.first_frame_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  std::this_thread::sleep_for(std::chrono::seconds(settle_seconds));
  const pid_t pid = process.pid();
  s.rss_mib = rss_mib(pid);
  const long long before = cpu_ns(pid);
  const auto t0 = Clock::now();
  std::this_thread::sleep_for(std::chrono::seconds(idle_seconds));
  const long long after = cpu_ns(pid);
  const double wall_ns = std::chrono::duration<double, std::nano>(Clock::now() - t0).count();
  s.idle_cpu_percent = 100.0 * static_cast<double>(after - before) / wall_ns;
  return s;
}

void row(const char* what, double bare, double app, const char* unit) {
  if (bare > 0)
    std::printf("%-22s %12.3f %12.3f %10.2fx  %s\n", what, bare, app, app / bare, unit);
  else
    std::printf("%-22s %12.3f %12.3f %11s  %s\n", what, bare, app, "n/a", unit);
}

}  // namespace

int main(int argc, char** argv) {
  int repeats = 3;
  int idle_seconds = 10;
  int settle_seconds = 3;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string opt = argv[i];
    int* target = opt == "--repeats"          ? &repeats
                  : opt == "--idle-seconds"   ? &idle_seconds
                  : opt == "--settle-seconds" ? &settle_seconds
                                              : nullptr;
    if (!target || !bench::parse_positive(argv[i + 1], *target)) {
      std::fprintf(stderr, "usage: %s [--repeats N] [--idle-seconds S] [--settle-seconds S]\n",
                   argv[0]);
      return 2;
    }
  }
  const auto font = gui::find_cjk_font();
  if (!font) {
    std::fprintf(stderr, "no CJK font on this system (install fonts-wqy-microhei)\n");
    return 1;
  }
  testing::Xvfb x;
  testing::ServerProcess server({.demo = true});
  const fs::path dir = server.dir().parent_path() / "bench-gui";
  fs::create_directories(dir / "config");
  std::ofstream(dir / "config" / "config.json")
      << nlohmann::json{{"service_url", server.base_url()},
                        {"trust", server.tls_root().string()},
                        {"drivers",
                         {{"softtoken",
                           {{"root", (server.dir() / "demo" / "softtokens").string()}}}}}}
             .dump();
  const std::string font_arg = font->file.string() + "#" + std::to_string(font->index);
  const std::vector<std::string> bare_args = {CERTRENEW_BENCH_GUI_BARE, font_arg,
                                              (dir / "bare.marker").string()};
  const std::vector<std::string> app_args = {CERTRENEW_GUI_BINARY,
                                             "--config",
                                             (dir / "config" / "config.json").string(),
                                             "--data-dir",
                                             (dir / "data").string(),
                                             "--size",
                                             "1100x760",
                                             "--test-widget-map",
                                             (dir / "app.marker").string()};

  std::vector<double> bare_ff, app_ff, bare_rss, app_rss, bare_cpu, app_cpu;
  for (int r = 0; r < repeats; ++r) {
    const Sample b =
        measure(bare_args, dir / "bare.marker", dir / "bare.log", settle_seconds, idle_seconds);
    const Sample a =
        measure(app_args, dir / "app.marker", dir / "app.log", settle_seconds, idle_seconds);
    bare_ff.push_back(b.first_frame_ms);
    app_ff.push_back(a.first_frame_ms);
    bare_rss.push_back(b.rss_mib);
    app_rss.push_back(a.rss_mib);
    bare_cpu.push_back(b.idle_cpu_percent);
    app_cpu.push_back(a.idle_cpu_percent);
  }
  std::printf(
      "certrenew vs a bare Dear ImGui + GLFW window, same font (%s), Xvfb + llvmpipe,\n"
      "median of %d runs; idle over %d s after %d s settling\n\n",
      font->family.c_str(), repeats, idle_seconds, settle_seconds);
  std::printf("%-22s %12s %12s %11s\n", "", "bare", "certrenew", "ratio");
  row("time to first frame", bench::median(bare_ff), bench::median(app_ff), "ms");
  row("RSS", bench::median(bare_rss), bench::median(app_rss), "MiB");
  row("idle CPU", bench::median(bare_cpu), bench::median(app_cpu), "% of one core");
  return 0;
}
