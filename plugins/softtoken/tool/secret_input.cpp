#include "secret_input.hpp"

#include "file_io.hpp"

#include <openssl/crypto.h>

#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace certrenew::softtoken::tool {

namespace {

constexpr std::size_t kMaxSecret = 1024;

Secret without_line_end(Secret secret) {
  std::size_t size = secret.size();
  if (size > 0 && secret.data()[size - 1] == '\n') --size;
  if (size > 0 && secret.data()[size - 1] == '\r') --size;
  secret.truncate(size);
  return secret;
}

Secret from_file(const std::string& file) {
  std::vector<std::uint8_t> bytes;
  try {
    bytes = read_file(file, kMaxSecret);
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string("cannot read the secret file: ") + e.what());
  }
  Secret secret(bytes);
  if (!bytes.empty()) OPENSSL_cleanse(bytes.data(), bytes.size());
  return without_line_end(std::move(secret));
}

Secret from_environment(const std::string& name) {
  const char* value = std::getenv(name.c_str());
  if (value == nullptr)
    throw std::runtime_error("the environment variable " + name + " is not set");
  return Secret(reinterpret_cast<const std::uint8_t*>(value), std::strlen(value));
}

Secret from_terminal(const std::string& prompt);  // platform-specific, below

}  // namespace

Secret read_secret(const SecretSource& source, const std::string& prompt, bool confirm) {
  if (!source.file.empty()) return from_file(source.file);
  if (!source.env_name.empty()) return from_environment(source.env_name);
  Secret first = from_terminal(prompt + ": ");
  if (confirm) {
    const Secret again = from_terminal("Repeat " + prompt + ": ");
    if (again.size() != first.size() ||
        (first.size() > 0 && CRYPTO_memcmp(again.data(), first.data(), first.size()) != 0))
      throw std::runtime_error("the two entries differ");
  }
  return first;
}

}  // namespace certrenew::softtoken::tool

// ===== Platform-specific part: reading from the terminal without echo ===========================
#if defined(__unix__) || defined(__APPLE__)
#include <termios.h>
#include <unistd.h>

#include <cstdio>

namespace certrenew::softtoken::tool {
namespace {

Secret from_terminal(const std::string& prompt) {
  if (::isatty(STDIN_FILENO) == 0)
    throw std::runtime_error(
        "no terminal to ask on: give the secret with --pin-file/--pin-env (or the PKCS#12 "
        "password with --p12-pass-file/--p12-pass-env)");
  std::fputs(prompt.c_str(), stderr);
  std::fflush(stderr);
  termios saved{};
  ::tcgetattr(STDIN_FILENO, &saved);
  termios quiet = saved;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);

  Secret secret(kMaxSecret);
  std::size_t size = 0;
  char c = 0;
  while (::read(STDIN_FILENO, &c, 1) == 1 && c != '\n') {
    if (size < secret.size()) secret.data()[size++] = static_cast<std::uint8_t>(c);
  }
  c = 0;
  ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
  std::fputs("\n", stderr);
  secret.truncate(size);
  return without_line_end(std::move(secret));
}

}  // namespace
}  // namespace certrenew::softtoken::tool

#else

namespace certrenew::softtoken::tool {
namespace {
Secret from_terminal(const std::string&) {
  throw std::runtime_error("no terminal prompt on this platform: use --pin-file or --pin-env");
}
}  // namespace
}  // namespace certrenew::softtoken::tool

#endif
// ===== end of the platform-specific part ========================================================
