#include "server_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <random>
#include <stdexcept>
#include <thread>

#include "run_program.hpp"

namespace certrenew::testing {

namespace fs = std::filesystem;

ServerProcess::ServerProcess() : ServerProcess(Options{}) {}

ServerProcess::ServerProcess(const Options& options)
    : clock_offset_seconds_(options.clock_offset_seconds) {
  std::random_device rd;
  root_ = fs::temp_directory_path() /
          ("certrenew-server-test-" + std::to_string(rd()) + std::to_string(rd()));
  dir_ = root_ / "instance";
  std::vector<std::string> init{CERTRENEW_SERVER_BINARY, "init",     "--dir",
                                dir_.string(),           "--ca-key", options.ca_key};
  if (options.auto_approve) init.push_back("--auto-approve");
  init.insert(init.end(), options.init_args.begin(), options.init_args.end());
  // The clock-offset switch is for tests only and the server honours it only in demo instances.
  if (options.demo || options.clock_offset_seconds != 0) init.push_back("--demo");
  std::string out;
  if (run_program(init, &out) != 0)
    throw std::runtime_error("certrenew-server init failed: " + out);
  if (options.demo &&
      run_program({CERTRENEW_DEMO_BINARY, "enroll", "--instance", dir_.string()}, &out) != 0)
    throw std::runtime_error("certrenew-demo enroll failed: " + out);
  if (!options.database.empty()) {
    nlohmann::json config = nlohmann::json::parse(std::ifstream(config_file()));
    config["database"] = options.database;
    std::ofstream(config_file(), std::ios::trunc) << config.dump(2) << "\n";
  }
  start();
}

ServerProcess::ServerProcess(SameInstance, const ServerProcess& first)
    : dir_(first.dir_), clock_offset_seconds_(first.clock_offset_seconds_) {
  std::random_device rd;
  root_ = fs::temp_directory_path() /
          ("certrenew-server-test-" + std::to_string(rd()) + std::to_string(rd()));
  fs::create_directories(root_);
  start();
}

std::unique_ptr<ServerProcess> ServerProcess::another_instance() const {
  return std::unique_ptr<ServerProcess>(new ServerProcess(SameInstance{}, *this));
}

void ServerProcess::kill_now() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

ServerProcess::~ServerProcess() {
  stop();
  if (std::getenv("CERTRENEW_KEEP_TEST_DIRS")) return;  // for debugging: keeps server.log too
  std::error_code ec;
  fs::remove_all(root_, ec);
}

void ServerProcess::start() {
  fs::path port_file = root_ / "port";
  fs::remove(port_file);
  std::vector<std::string> args{CERTRENEW_SERVER_BINARY, "serve",           "--config",
                                config_file().string(),  "--listen",        "127.0.0.1:0",
                                "--port-file",           port_file.string()};
  if (clock_offset_seconds_ != 0) {
    args.push_back("--clock-offset-seconds");
    args.push_back(std::to_string(clock_offset_seconds_));
  }
  fs::path log = root_ / "server.log";
  // Made before fork: the child makes only async-signal-safe calls (run_program.hpp).
  const ExecStrings argv(std::move(args));
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    // The server goes when the test process goes, however it ends (a crash or a killed test
    // never runs ~ServerProcess): no server is left running after a failed test.
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() == 1) _exit(127);  // the test died before prctl took effect
    int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    dup2(fd, 1);
    dup2(fd, 2);
    execv(argv.get()[0], argv.get());
    _exit(127);
  }
  // Wait for the port file, which the server writes once it listens.
  for (int i = 0; i < 300; ++i) {
    std::ifstream in(port_file);
    if (in >> port_ && port_ > 0) return;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      std::ifstream l(log);
      std::string text((std::istreambuf_iterator<char>(l)), {});
      throw std::runtime_error("certrenew-server exited at start: " + text);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error("certrenew-server did not start listening in 15 s");
}

void ServerProcess::stop() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  int status = 0;
  for (int i = 0; i < 200; ++i) {
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      last_exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, &status, 0);
  pid_ = -1;
  last_exit_code_ = -1;
}

void ServerProcess::reconfigure(const std::function<void(nlohmann::json&)>& edit) {
  stop();
  nlohmann::json config;
  {
    std::ifstream in(config_file());
    config = nlohmann::json::parse(in);
  }
  edit(config);
  std::ofstream(config_file(), std::ios::trunc) << config.dump(2) << "\n";
  start();
}

std::string ServerProcess::operator_token() const {
  std::ifstream in(dir_ / "secrets" / "operator-admin.token");
  std::string token;
  in >> token;
  return token;
}

std::unique_ptr<httplib::SSLClient> ServerProcess::client() const {
  auto c = std::make_unique<httplib::SSLClient>("127.0.0.1", port_);
  c->set_ca_cert_path(tls_root().c_str());
  c->enable_server_certificate_verification(true);
  c->set_connection_timeout(10, 0);
  c->set_read_timeout(30, 0);
  return c;
}

ServerProcess::Reply ServerProcess::send_raw(const std::string& method, const std::string& path,
                                             const std::string& body,
                                             const std::string& content_type,
                                             const httplib::Headers& headers) const {
  auto c = client();
  httplib::Result res = method == "GET" ? c->Get(path.c_str(), headers)
                        : method == "PUT"
                            ? c->Put(path.c_str(), headers, body, content_type.c_str())
                            : c->Post(path.c_str(), headers, body, content_type.c_str());
  if (!res) throw std::runtime_error("request failed: " + httplib::to_string(res.error()));
  return {res->status, nlohmann::json::parse(res->body, nullptr, false)};
}

namespace {
httplib::Headers auth(const std::string& bearer) {
  if (bearer.empty()) return {};
  return {{"Authorization", "Bearer " + bearer}};
}
}  // namespace

ServerProcess::Reply ServerProcess::get(const std::string& path, const std::string& bearer) const {
  return send_raw("GET", path, "", "", auth(bearer));
}
ServerProcess::Reply ServerProcess::post(const std::string& path, const nlohmann::json& body,
                                         const std::string& bearer) const {
  return send_raw("POST", path, body.is_null() ? "{}" : body.dump(), "application/json",
                  auth(bearer));
}
ServerProcess::Reply ServerProcess::admin_action(const std::string& business_no,
                                                 const std::string& action,
                                                 const nlohmann::json& body) const {
  return post(kAdmin + "/" + business_no + "/" + action, body, operator_token());
}
ServerProcess::Reply ServerProcess::admin_view(const std::string& business_no) const {
  return get(kAdmin + "/" + business_no, operator_token());
}
ServerProcess::Reply ServerProcess::put(const std::string& path, const nlohmann::json& body,
                                        const std::string& bearer) const {
  return send_raw("PUT", path, body.dump(), "application/json", auth(bearer));
}

int run_server_command(const std::string& args, std::string* out) {
  return run_program({"/bin/sh", "-c", std::string(CERTRENEW_SERVER_BINARY) + " " + args + " 2>&1"},
                     out);
}

}  // namespace certrenew::testing
