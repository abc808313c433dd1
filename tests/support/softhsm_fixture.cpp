#include "softhsm_fixture.hpp"

#include <openssl/crypto.h>
#include <openssl/x509.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "run_program.hpp"

// PLATFORM-SPECIFIC (POSIX): pseudo-terminals, processes and the environment.
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

namespace certrenew::testing {

namespace fs = std::filesystem;

namespace {

constexpr int kToolTimeoutMs = 20'000;

std::vector<std::uint8_t> hex_bytes(const std::string& hex) {
  long len = 0;
  std::unique_ptr<unsigned char, void (*)(void*)> buf(OPENSSL_hexstr2buf(hex.c_str(), &len),
                                                      [](void* p) { OPENSSL_free(p); });
  if (!buf || len <= 0) throw std::runtime_error("softhsm fixture: bad hex id '" + hex + "'");
  return {buf.get(), buf.get() + len};
}

std::vector<std::uint8_t> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("softhsm fixture: cannot read " + path.string());
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_file(const fs::path& path, const void* data, std::size_t size) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
  if (!out) throw std::runtime_error("softhsm fixture: cannot write " + path.string());
}

ToolResult must_succeed(ToolResult result, const std::string& what) {
  if (result.exit_code != 0)
    throw std::runtime_error("softhsm fixture: " + what + " failed (exit " +
                             std::to_string(result.exit_code) + "):\n" + result.output);
  return result;
}

// ---- POSIX: running a tool on a pseudo-terminal ------------------------------------------

// softhsm2-util and pkcs11-tool read PINs only from a terminal (they switch its echo off), so
// they get one: forkpty. The PIN is typed when a prompt asking for it appears.
fs::path find_in_path(const std::string& program) {
  if (program.find('/') != std::string::npos) return program;
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path != nullptr ? path : "/usr/bin:/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    const fs::path candidate = fs::path(dir.empty() ? "." : dir) / program;
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  throw std::runtime_error("softhsm fixture: " + program + " is not installed (scripts/setup)");
}

// True when the text since the last answer ends with a prompt that asks for a PIN.
bool asks_for_pin(const std::string& pending) {
  const auto end = pending.find_last_not_of(" \r\n");
  return end != std::string::npos && pending[end] == ':' &&
         pending.find("PIN") != std::string::npos;
}

// The tools switch the terminal's echo off after printing the prompt, with TCSAFLUSH, which
// throws away anything typed before: wait until echo is off (the flush is done by then). A tool
// that never switches it off gets the answer after two seconds anyway.
void wait_for_echo_off(int master) {
  for (int waited_ms = 0; waited_ms < 2000; waited_ms += 2) {
    termios mode{};
    if (tcgetattr(master, &mode) != 0 || (mode.c_lflag & ECHO) == 0) break;
    usleep(2000);
  }
}

ToolResult run_on_terminal(const std::vector<std::string>& argv,
                           const std::vector<std::string>& env_overrides,
                           const std::vector<std::string>& answers) {
  // Everything the child needs is built before fork: after it only async-signal-safe calls.
  const fs::path program = find_in_path(argv.at(0));
  const ExecStrings c_argv(argv);
  const ExecStrings c_env(environment_with(env_overrides));

  int master = -1;
  const pid_t pid = forkpty(&master, nullptr, nullptr, nullptr);
  if (pid < 0) throw std::runtime_error("softhsm fixture: forkpty failed");
  if (pid == 0) {
    execve(program.c_str(), c_argv.get(), c_env.get());
    _exit(127);
  }

  ToolResult result;
  std::string pending;
  std::size_t next_answer = 0;
  bool timed_out = false;
  for (;;) {
    pollfd fd{master, POLLIN, 0};
    const int ready = poll(&fd, 1, kToolTimeoutMs);
    if (ready == 0) {
      timed_out = true;
      kill(pid, SIGKILL);
      break;
    }
    if (ready < 0) break;
    char buf[4096];
    const ssize_t n = read(master, buf, sizeof buf);
    if (n <= 0) break;  // EIO once the child has exited and the terminal is closed
    result.output.append(buf, static_cast<std::size_t>(n));
    pending.append(buf, static_cast<std::size_t>(n));
    if (next_answer < answers.size() && asks_for_pin(pending)) {
      wait_for_echo_off(master);
      const std::string line = answers[next_answer++] + "\n";
      if (write(master, line.data(), line.size()) != static_cast<ssize_t>(line.size())) break;
      pending.clear();
    }
  }
  close(master);
  int status = 0;
  waitpid(pid, &status, 0);
  if (timed_out)
    throw std::runtime_error("softhsm fixture: " + argv[0] + " hung:\n" + result.output);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

std::optional<std::string> get_env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::nullopt : std::optional<std::string>(value);
}

void set_env(const char* name, const std::optional<std::string>& value) {
  if (value)
    setenv(name, value->c_str(), 1);
  else
    unsetenv(name);
}

// ---- end of POSIX ---------------------------------------------------------------------------

}  // namespace

fs::path softhsm_module() {
  if (const auto configured = get_env("CERTRENEW_SOFTHSM_MODULE")) return *configured;
  return "/usr/lib/softhsm/libsofthsm2.so";
}

fs::path pkcs11_driver_file() {
  return CERTRENEW_PKCS11_DRIVER;  // set by CMake from $<TARGET_FILE:certrenew-pkcs11>
}

SoftHsmToken::SoftHsmToken() : SoftHsmToken(Options{}) {}

SoftHsmToken::SoftHsmToken(Options options) : options_(std::move(options)) {
  if (options_.dir.empty()) {
    temp_.emplace();
    dir_ = temp_->path();
  } else {
    dir_ = fs::absolute(options_.dir);
    fs::create_directories(dir_);
  }
  fs::create_directories(dir() / "tokens");
  conf_file_ = dir() / "softhsm2.conf";
  const std::string conf = "directories.tokendir = " + (dir() / "tokens").string() +
                           "\nobjectstore.backend = file\nlog.level = ERROR\n";
  write_file(conf_file_, conf.data(), conf.size());
  if (options_.set_process_env) {
    previous_conf_ = get_env("SOFTHSM2_CONF");
    set_env("SOFTHSM2_CONF", conf_file_.string());
    env_set_ = true;
  }
  serial_ = add_token(options_.label);
}

SoftHsmToken::~SoftHsmToken() {
  if (env_set_) set_env("SOFTHSM2_CONF", previous_conf_);
}

std::vector<std::string> SoftHsmToken::environment() const {
  return {"SOFTHSM2_CONF=" + conf_file_.string()};
}

std::string SoftHsmToken::driver_config() const {
  return nlohmann::json{{"modules", {softhsm_module().string()}},
                        {"tokens", {"pkcs11:serial=" + serial_}}}
      .dump();
}

std::string SoftHsmToken::add_token(const std::string& label) const {
  must_succeed(run({"softhsm2-util", "--init-token", "--free", "--label", label},
                   {options_.so_pin, options_.so_pin, options_.pin, options_.pin}),
               "softhsm2-util --init-token");
  return serial_of(label);
}

std::string SoftHsmToken::serial_of(const std::string& label) const {
  const ToolResult listed =
      must_succeed(run({"pkcs11-tool", "--module", softhsm_module().string(), "--list-slots"}),
                   "pkcs11-tool --list-slots");
  // "  token label        : CertRenew Test" ... "  serial num         : 1a2b3c4d5e6f7a8b"
  std::istringstream lines(listed.output);
  bool ours = false;
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto colon = line.find(" : ");
    if (colon == std::string::npos) continue;
    const std::string key = line.substr(0, line.find_last_not_of(' ', colon) + 1);
    const std::string value = line.substr(colon + 3);
    if (key.find("token label") != std::string::npos) ours = value == label;
    if (ours && key.find("serial num") != std::string::npos) return value;
  }
  throw std::runtime_error("softhsm fixture: no serial for token '" + label + "' in:\n" +
                           listed.output);
}

ToolResult SoftHsmToken::run(const std::vector<std::string>& argv,
                             const std::vector<std::string>& answers) const {
  return run_on_terminal(argv, environment(), answers);
}

ToolResult SoftHsmToken::pkcs11_tool(const std::vector<std::string>& args, bool login) const {
  std::vector<std::string> argv = {"pkcs11-tool", "--module", softhsm_module().string(),
                                   "--token-label", options_.label};
  if (login) argv.push_back("--login");
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv, login ? std::vector<std::string>{options_.pin} : std::vector<std::string>{});
}

void SoftHsmToken::generate_key_pair(SoftHsmKey key, const std::string& id_hex,
                                     const std::string& label) const {
  const char* type = key == SoftHsmKey::ec_p256 ? "EC:prime256v1" : "rsa:2048";
  must_succeed(pkcs11_tool({"--keypairgen", "--key-type", type, "--usage-sign", "--id", id_hex,
                            "--label", label},
                           true),
               "pkcs11-tool --keypairgen");
}

std::vector<std::uint8_t> SoftHsmToken::public_key(const std::string& id_hex) const {
  const fs::path out = dir() / ("pubkey-" + id_hex + ".der");
  must_succeed(pkcs11_tool({"--read-object", "--type", "pubkey", "--id", id_hex, "--output-file",
                            out.string()}),
               "pkcs11-tool --read-object --type pubkey");
  return read_file(out);
}

void SoftHsmToken::write_certificate(const std::string& id_hex,
                                     const std::vector<std::uint8_t>& der,
                                     const std::string& label) const {
  const fs::path in = dir() / ("cert-" + id_hex + ".der");
  write_file(in, der.data(), der.size());
  must_succeed(pkcs11_tool({"--write-object", in.string(), "--type", "cert", "--id", id_hex,
                            "--label", label},
                           true),
               "pkcs11-tool --write-object --type cert");
}

SoftHsmToken::Enrolled SoftHsmToken::enroll(SoftHsmKey key, const std::string& id_hex,
                                            const std::string& label) const {
  generate_key_pair(key, id_hex, label);
  Enrolled enrolled;
  enrolled.id = hex_bytes(id_hex);
  enrolled.spki = public_key(id_hex);
  const unsigned char* in = enrolled.spki.data();
  const EvpKey holder(d2i_PUBKEY(nullptr, &in, static_cast<long>(enrolled.spki.size())));
  if (!holder) throw std::runtime_error("softhsm fixture: the token's public key does not parse");

  const auto now = std::chrono::system_clock::now();
  CertSpec ca_spec;
  ca_spec.subject = {{"C", "CN"}, {"O", "CertRenew Test CA"}, {"CN", "SoftHSM Enrollment CA"}};
  ca_spec.not_before = now - std::chrono::hours(24);
  ca_spec.not_after = now + std::chrono::hours(24 * 365);
  ca_spec.is_ca = true;
  const EvpKey ca_key = make_key(KeyKind::ec_p256);
  const X509Ptr ca = issue_cert(ca_spec, ca_key.get(), nullptr, ca_key.get());
  CertSpec holder_spec = ca_spec;
  holder_spec.subject = {{"C", "CN"}, {"O", "某某科技有限公司"}, {"CN", label}};
  holder_spec.is_ca = false;
  holder_spec.key_usage = "digitalSignature,nonRepudiation";
  enrolled.certificate =
      cert_der(issue_cert(holder_spec, holder.get(), ca.get(), ca_key.get()).get());
  write_certificate(id_hex, enrolled.certificate, label);
  return enrolled;
}

}  // namespace certrenew::testing
