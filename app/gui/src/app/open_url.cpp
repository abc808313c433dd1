#include "app/open_url.hpp"

#include <cerrno>
#include <cstring>
#include <thread>

#if defined(_WIN32)
#include <shellapi.h>
#include <windows.h>
#else
#include <spawn.h>
#include <sys/wait.h>
extern char** environ;
#endif

namespace certrenew::gui {

bool is_openable_web_address(std::string_view url) {
  std::string_view rest;
  if (url.starts_with("https://"))
    rest = url.substr(8);
  else if (url.starts_with("http://"))
    rest = url.substr(7);
  else
    return false;
  if (rest.empty() || rest.front() == '/') return false;  // no host
  for (unsigned char c : url)
    if (c <= 0x20 || c == 0x7F) return false;  // spaces, control characters
  return true;
}

std::string open_in_browser(const std::string& url) {
  if (!is_openable_web_address(url)) return "not an http(s) address: " + url;
#if defined(_WIN32)
  const int n = MultiByteToWideChar(CP_UTF8, 0, url.c_str(), -1, nullptr, 0);
  std::wstring wide(static_cast<std::size_t>(n), L'\0');
  MultiByteToWideChar(CP_UTF8, 0, url.c_str(), -1, wide.data(), n);
  const auto result = reinterpret_cast<INT_PTR>(
      ShellExecuteW(nullptr, L"open", wide.c_str(), nullptr, nullptr, SW_SHOWNORMAL));
  return result > 32 ? "" : "ShellExecute failed (" + std::to_string(result) + ")";
#else
#if defined(__APPLE__)
  const char* opener = "open";
#else
  const char* opener = "xdg-open";
#endif
  std::string program = opener;
  std::string address = url;
  char* argv[] = {program.data(), address.data(), nullptr};
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, opener, nullptr, nullptr, argv, environ);
  if (rc != 0) return std::string("cannot start ") + opener + ": " + std::strerror(rc);
  // The opener hands over to the browser and ends; reaping it off the UI thread leaves no zombie.
  std::thread([pid] {
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }).detach();
  return "";
#endif
}

}  // namespace certrenew::gui
