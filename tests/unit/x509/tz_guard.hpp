#pragma once
// Sets the process time zone for one test and restores the previous one afterwards.
// Platform-specific (POSIX setenv/tzset; _putenv_s/_tzset on Windows).

#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

class TzGuard {
 public:
  explicit TzGuard(const char* zone) {
    if (const char* old = std::getenv("TZ")) previous_ = old;
    set(zone);
  }
  ~TzGuard() { previous_ ? set(previous_->c_str()) : unset(); }
  TzGuard(const TzGuard&) = delete;
  TzGuard& operator=(const TzGuard&) = delete;

 private:
#if defined(_WIN32)
  static void set(const char* zone) {
    _putenv_s("TZ", zone);
    _tzset();
  }
  static void unset() {
    _putenv_s("TZ", "");
    _tzset();
  }
#else
  static void set(const char* zone) {
    setenv("TZ", zone, 1);
    tzset();
  }
  static void unset() {
    unsetenv("TZ");
    tzset();
  }
#endif
  std::optional<std::string> previous_;
};
