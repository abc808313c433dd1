#include "certrenew/core/pin_input.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <stdexcept>

#if defined(_WIN32)
#include <conio.h>
#include <io.h>
#else
#include <termios.h>
#include <unistd.h>
#endif

namespace certrenew {

SecureBuffer pin_from_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read the PIN file " + file.string());
  SecureBuffer pin;
  // Read byte by byte into the wiping buffer, so no other copy of the PIN is made.
  for (int c = in.get(); c != EOF && c != '\n'; c = in.get()) pin.push_back(static_cast<char>(c));
  if (!pin.empty() && pin.view().back() == '\r') pin.pop_back();
  if (pin.empty()) throw std::runtime_error("the PIN file " + file.string() + " is empty");
  return pin;
}

SecureBuffer pin_from_env(const std::string& variable) {
  const char* value = std::getenv(variable.c_str());
  if (value == nullptr || *value == '\0')
    throw std::runtime_error("the environment variable " + variable + " holds no PIN");
  return SecureBuffer(value);
}

// Platform-specific: reading a line from the terminal with echo off.
#if defined(_WIN32)
std::optional<SecureBuffer> pin_from_terminal(const std::string& prompt) {
  if (!_isatty(_fileno(stdin))) return std::nullopt;
  std::cerr << prompt << std::flush;
  SecureBuffer pin;
  for (int c = _getch(); c != '\r' && c != '\n' && c != EOF; c = _getch()) {
    if (c == '\b')
      pin.pop_back();
    else
      pin.push_back(static_cast<char>(c));
  }
  std::cerr << "\n";
  return pin;
}
#else
std::optional<SecureBuffer> pin_from_terminal(const std::string& prompt) {
  if (!isatty(STDIN_FILENO)) return std::nullopt;
  termios saved{};
  if (tcgetattr(STDIN_FILENO, &saved) != 0) return std::nullopt;
  termios silent = saved;
  silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  std::cerr << prompt << std::flush;
  tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent);
  SecureBuffer pin;
  char c = 0;
  while (read(STDIN_FILENO, &c, 1) == 1 && c != '\n') pin.push_back(c);
  c = 0;
  tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
  std::cerr << "\n";
  if (!pin.empty() && pin.view().back() == '\r') pin.pop_back();
  return pin;
}
#endif

}  // namespace certrenew
