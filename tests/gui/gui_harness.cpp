#include "gui_harness.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "text_file.hpp"

extern char** environ;

namespace certrenew::testing {
namespace {

using Clock = std::chrono::steady_clock;

void sleep_ms(int ms) {
  std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

pid_t spawn(const std::vector<std::string>& argv, const std::filesystem::path& log,
            int keep_fd = -1, const std::vector<std::string>& extra_env = {}) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  const std::string out = log.empty() ? std::string("/dev/null") : log.string();
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  (void)keep_fd;  // inherited as it is: created without O_CLOEXEC
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  std::vector<char*> env;
  for (char** e = environ; *e; ++e) env.push_back(*e);
  for (const auto& extra : extra_env) env.push_back(const_cast<char*>(extra.c_str()));
  env.push_back(nullptr);
  const int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), env.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot start " + argv[0]);
  return pid;
}

bool wait_pid(pid_t pid, std::chrono::milliseconds timeout, int* status) {
  const auto end = Clock::now() + timeout;
  for (;;) {
    const pid_t r = waitpid(pid, status, WNOHANG);
    if (r == pid) return true;
    if (r < 0) return true;  // already reaped
    if (Clock::now() > end) return false;
    sleep_ms(20);
  }
}

void stop_pid(pid_t pid) {
  if (pid <= 0) return;
  int status = 0;
  kill(pid, SIGTERM);
  if (!wait_pid(pid, std::chrono::seconds(10), &status)) {
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
  }
}

std::size_t utf8_length(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

// Splits text into runs of ASCII (typed at once) and single non-ASCII characters (typed one by
// one, each checked).
std::vector<std::string> typing_chunks(const std::string& text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      std::size_t j = i;
      while (j < text.size() && static_cast<unsigned char>(text[j]) < 0x80) ++j;
      out.push_back(text.substr(i, j - i));
      i = j;
    } else {
      std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      out.push_back(text.substr(i, len));
      i += len;
    }
  }
  return out;
}

}  // namespace

// ---------------------------------------------------------------- Xvfb

Xvfb::Xvfb() {
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
  fcntl(fds[0], F_SETFD, FD_CLOEXEC);
  pid_ = spawn({"Xvfb", "-displayfd", std::to_string(fds[1]), "-screen", "0", "1280x900x24",
                "-nolisten", "tcp", "-noreset"},
               {}, fds[1]);
  close(fds[1]);
  // Xvfb writes the display number it took once it accepts connections.
  std::string number;
  pollfd p{fds[0], POLLIN, 0};
  const auto end = Clock::now() + std::chrono::seconds(20);
  while (Clock::now() < end) {
    if (poll(&p, 1, 200) > 0) {
      char buf[32];
      const ssize_t n = read(fds[0], buf, sizeof buf);
      if (n <= 0) break;
      number.append(buf, static_cast<std::size_t>(n));
      if (number.find('\n') != std::string::npos) break;
    }
  }
  close(fds[0]);
  while (!number.empty() && (number.back() == '\n' || number.back() == ' ')) number.pop_back();
  if (number.empty()) {
    stop_pid(pid_);
    throw std::runtime_error("Xvfb did not start (is the xvfb package installed?)");
  }
  display_ = ":" + number;
  setenv("DISPLAY", display_.c_str(), 1);
}

Xvfb::~Xvfb() {
  stop_pid(pid_);
}

// ---------------------------------------------------------------- the app

AppProcess::AppProcess(const std::vector<std::string>& args, const std::filesystem::path& log)
    : log_(log) {
  std::vector<std::string> env;
#ifdef CERTRENEW_GUI_APP_PRELOAD
  // Sanitizer build: Mesa unloads its llvmpipe driver (swrast_dri.so) at exit, and LeakSanitizer
  // then cannot name the frames of what that driver kept, so lsan.supp cannot match them.
  // Preloaded, the driver stays mapped and its leaks are suppressed by name like the others.
  env.push_back("LD_PRELOAD=" CERTRENEW_GUI_APP_PRELOAD);
#endif
  pid_ = spawn(args, log_, -1, env);
}

AppProcess::~AppProcess() {
  if (pid_ > 0) stop_pid(pid_);
}

int AppProcess::wait_exit(std::chrono::seconds timeout) {
  int status = 0;
  if (pid_ <= 0) return -1;
  if (!wait_pid(pid_, timeout, &status)) return -1;
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

bool AppProcess::running() {
  if (pid_ <= 0) return false;
  int status = 0;
  if (waitpid(pid_, &status, WNOHANG) == pid_) {
    pid_ = -1;
    return false;
  }
  return true;
}

std::string AppProcess::log_text() const {
  return read_text_file(log_);
}

// ---------------------------------------------------------------- driver

GuiDriver::GuiDriver(std::filesystem::path map_file, std::chrono::seconds timeout)
    : file_(std::move(map_file)), timeout_(timeout) {}

GuiDriver::Map GuiDriver::map() const {
  for (int i = 0; i < 50; ++i) {
    std::ifstream in(file_);
    if (in) {
      try {
        return Map::parse(in);
      } catch (const std::exception&) {
      }
    }
    sleep_ms(20);
  }
  return Map::object();
}

GuiDriver::Map GuiDriver::wait_for(const std::function<bool(const Map&)>& done,
                                   const std::string& what) const {
  const auto end = Clock::now() + timeout_;
  Map m;
  while (Clock::now() < end) {
    m = map();
    if (m.is_object() && m.contains("widgets") && done(m)) return m;
    sleep_ms(50);
  }
  throw std::runtime_error("timed out waiting for " + what +
                           "; the app shows: " + m.dump(1).substr(0, 6000));
}

void GuiDriver::wait_screen(const std::string& screen) const {
  wait_for([&](const Map& m) { return m.value("screen", "") == screen && !m.value("busy", true); },
           "screen " + screen);
}

void GuiDriver::wait_dialog(const std::string& dialog) const {
  wait_for([&](const Map& m) { return m.value("dialog", "") == dialog; }, "dialog " + dialog);
}

void GuiDriver::wait_value(const std::string& key, const std::string& value) const {
  wait_for(
      [&](const Map& m) {
        return m["values"].contains(key) && m["values"][key].get<std::string>() == value;
      },
      key + " = " + value);
}

void GuiDriver::wait_idle() const {
  wait_for([](const Map& m) { return !m.value("busy", true); }, "the app to be idle");
}

std::string GuiDriver::value(const std::string& key) const {
  const Map m = map();
  if (!m.contains("values") || !m["values"].contains(key)) return {};
  return m["values"][key].get<std::string>();
}

bool GuiDriver::has_widget(const std::string& label) const {
  const Map m = map();
  return m.contains("widgets") && m["widgets"].contains(label);
}

bool GuiDriver::enabled(const std::string& label) const {
  const Map m = map();
  if (!m.contains("widgets") || !m["widgets"].contains(label)) return false;
  for (const auto& d : m["disabled"])
    if (d.get<std::string>() == label) return false;
  return true;
}

void GuiDriver::scroll_down(const Map& m) {
  const auto& w = m["window"];
  const int x = w["x"].get<int>() + w["width"].get<int>() / 2;
  const int y = w["y"].get<int>() + w["height"].get<int>() / 2;
  run_checked({"xdotool", "mousemove", std::to_string(x), std::to_string(y), "click", "5"});
}

void GuiDriver::click(const std::string& label) {
  const auto end = Clock::now() + timeout_;
  Map m;
  for (;;) {
    if (Clock::now() > end)
      throw std::runtime_error("cannot click " + label +
                               "; the app shows: " + m.dump(1).substr(0, 6000));
    m = map();
    const bool listed = m.contains("widgets") && m["widgets"].contains(label);
    bool disabled = false;
    if (listed)
      for (const auto& d : m["disabled"]) disabled = disabled || d.get<std::string>() == label;
    if (listed && !disabled && !m.value("busy", true)) {
      // Only a widget that stays put is clicked (a dialog may still be placing itself).
      sleep_ms(80);
      const Map again = map();
      if (again.contains("widgets") && again["widgets"].contains(label) &&
          again["widgets"][label] == m["widgets"][label])
        break;
      continue;
    }
    // Out of view on a long screen (the form): scroll the body down and look again.
    if (!listed && !m.value("busy", true) && m.value("dialog", "").empty() && m.contains("window"))
      scroll_down(m);
    sleep_ms(120);
  }
  const auto& r = m["widgets"][label];
  const int x = m["window"]["x"].get<int>() + r[0].get<int>() + r[2].get<int>() / 2;
  const int y = m["window"]["y"].get<int>() + r[1].get<int>() + r[3].get<int>() / 2;
  run_checked({"xdotool", "mousemove", std::to_string(x), std::to_string(y)});
  sleep_ms(60);  // let the app see the pointer there before the button goes down
  run_checked({"xdotool", "click", "1"});
  sleep_ms(120);
}

void GuiDriver::click_until(const std::string& label, const std::function<bool(const Map&)>& done,
                            const std::string& what) {
  for (int attempt = 1;; ++attempt) {
    click(label);
    try {
      GuiDriver(file_, std::chrono::seconds(8)).wait_for(done, what);
      return;
    } catch (const std::runtime_error&) {
      if (attempt == 3) throw;
    }
  }
}

void GuiDriver::type(const std::string& label, const std::string& text) {
  click(label);
  wait_for([&](const Map& m) { return m.value("active", "") == label; }, label + " to take input");
  std::string current = value(label);
  for (const std::string& chunk : typing_chunks(text)) {
    const std::string want = current + chunk;
    for (int attempt = 0;; ++attempt) {
      run_checked(
          {"xdotool", "type", "--delay", chunk.size() > 1 && chunk[0] & 0x80 ? "90" : "40", chunk});
      try {
        GuiDriver quick(file_, std::chrono::seconds(3));
        quick.wait_value(label, want);
        break;
      } catch (const std::runtime_error&) {
        if (attempt == 3) throw;
      }
      // Take back whatever arrived instead, then type the chunk again.
      const std::string got = value(label);
      if (got.rfind(current, 0) == 0)
        for (std::size_t n = utf8_length(got.substr(current.size())); n > 0; --n) key("BackSpace");
    }
    current = want;
  }
}

void GuiDriver::type_blind(const std::string& text) {
  run_checked({"xdotool", "type", "--delay", "60", text});
  sleep_ms(150);
}

void GuiDriver::key(const std::string& keysym) {
  run_checked({"xdotool", "key", keysym});
  sleep_ms(150);
}

void GuiDriver::screenshot(const std::string& name) {
  if (screenshot_dir().empty()) return;
  // The pointer goes somewhere neutral so no button is drawn hovered.
  const Map before = map();
  const auto& w = before["window"];
  run_checked({"xdotool", "mousemove",
               std::to_string(w["x"].get<int>() + w["width"].get<int>() - 4),
               std::to_string(w["y"].get<int>() + 44)});
  sleep_ms(500);  // hover fades, fresh text settles
  const int count = before.value("screenshots", 0);
  run_checked({"xdotool", "key", "F12"});
  const Map after =
      wait_for([&](const Map& m) { return m.value("screenshots", 0) > count; }, "the screenshot");
  // The app names it after the screen; the walk gives it the name the docs use.
  const auto dir = screenshot_dir();
  std::filesystem::rename(dir / after["last_screenshot"].get<std::string>(),
                          dir / (name + "-" + screenshot_language() + ".png"));
}

std::filesystem::path screenshot_dir() {
  const char* dir = std::getenv("CERTRENEW_SCREENSHOT_DIR");
  return dir && *dir ? std::filesystem::path(dir) : std::filesystem::path();
}

std::string screenshot_language() {
  const char* lang = std::getenv("CERTRENEW_SCREENSHOT_LANG");
  return lang && std::string(lang) == "en" ? "en" : "zh-CN";
}

void run_checked(const std::vector<std::string>& argv) {
  // posix_spawnp: found on PATH (xdotool), output collected for the error message.
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
  fcntl(fds[0], F_SETFD, FD_CLOEXEC);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
  posix_spawn_file_actions_addclose(&actions, fds[1]);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  const int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  std::string output;
  if (rc == 0) {
    char buf[1024];
    ssize_t n;
    while ((n = read(fds[0], buf, sizeof buf)) > 0) output.append(buf, static_cast<std::size_t>(n));
  }
  close(fds[0]);
  if (rc != 0) throw std::runtime_error("cannot run " + argv[0] + " (is it installed?)");
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error(argv[0] + " failed: " + output);
}

}  // namespace certrenew::testing
