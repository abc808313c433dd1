#pragma once

#include <httplib.h>

#include <sys/types.h>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "run_program.hpp"

namespace certrenew::testing {

// The API's two collections (docs/protocol.md): an applicant's applications and the operators'.
inline const std::string kApps = "/api/v1/applications";
inline const std::string kAdmin = "/api/v1/admin/applications";

// Runs `certrenew-server <args>` through /bin/sh, so that `args` may hold quoting, redirections and
// here-documents (an operator's password on standard input); its output and errors go to *out.
// Returns the exit status.
int run_server_command(const std::string& args, std::string* out);

// A real certrenew-server process for integration tests: `init` into a fresh temporary folder,
// then `serve` on 127.0.0.1 with a port the kernel picks. Stopped (SIGTERM) and the folder
// removed when the object goes. POSIX only (fork/exec), like the CI machines.
class ServerProcess {
 public:
  struct Options {
    bool auto_approve = false;
    std::string ca_key = "ec";  // ec, rsa, sm2
    // init --demo (sandbox payments) and certrenew-demo enroll: a softtoken customer under
    // dir()/demo/softtokens
    bool demo = false;
    // serve --clock-offset-seconds: /api/v1/info reports a skewed server_time (diagnostics tests)
    long clock_offset_seconds = 0;
    // More `init` arguments (issuers tests: --issuer builtin-pkcs11 --hsm-... ).
    std::vector<std::string> init_args{};
    // The config's "database" (e.g. a PostgreSQL URI from PostgresCluster); empty: the SQLite
    // file `init` makes.
    std::string database{};  // an initializer: designated-initializer uses need no mention of it
  };
  ServerProcess();
  explicit ServerProcess(const Options& options);
  ServerProcess(const ServerProcess&) = delete;
  // Changes the instance's config.json (stopped first, started again after): `edit` gets the
  // parsed file and changes it in place.
  void reconfigure(const std::function<void(nlohmann::json&)>& edit);
  ServerProcess& operator=(const ServerProcess&) = delete;
  ~ServerProcess();

  void stop();
  // serve --clock-offset-seconds from the next start() on (demo instances only).
  void set_clock_offset(long seconds) { clock_offset_seconds_ = seconds; }
  void start();  // after stop(): the same instance, possibly another port
  // SIGKILL, as a crash or the OOM killer would end it: no shutdown, nothing flushed.
  void kill_now();

  // A second process of the same instance (same config file: CA, secrets, operators, database)
  // on a port of its own, as a deployment runs several behind a load balancer. Its log and port
  // file are its own; the instance folder stays this object's.
  std::unique_ptr<ServerProcess> another_instance() const;

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  // How the last stop() ended the process: its exit code, or -1 if it had to be killed.
  int last_exit_code() const { return last_exit_code_; }
  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path config_file() const { return dir_ / "config.json"; }
  std::filesystem::path tls_root() const { return dir_ / "tls" / "root.crt"; }
  std::string operator_token() const;
  std::string base_url() const { return "https://127.0.0.1:" + std::to_string(port_); }

  // A client that verifies the server against the instance's TLS root.
  std::unique_ptr<httplib::SSLClient> client() const;

  // JSON calls; the status comes back beside the parsed body (null when not JSON).
  struct Reply {
    int status = 0;
    nlohmann::json body;
  };
  Reply get(const std::string& path, const std::string& bearer = "") const;
  Reply post(const std::string& path, const nlohmann::json& body,
             const std::string& bearer = "") const;
  Reply put(const std::string& path, const nlohmann::json& body,
            const std::string& bearer = "") const;
  // An operator's action on an application with the operator's token: POST
  // kAdmin/<business_no>/<action> (confirm-payment, approve, reject...).
  Reply admin_action(const std::string& business_no, const std::string& action,
                     const nlohmann::json& body = nullptr) const;
  // An application as operators see it: GET kAdmin/<business_no> with the operator's token.
  Reply admin_view(const std::string& business_no) const;
  Reply send_raw(const std::string& method, const std::string& path, const std::string& body,
                 const std::string& content_type, const httplib::Headers& headers = {}) const;

 private:
  struct SameInstance {};
  ServerProcess(SameInstance, const ServerProcess& first);

  std::filesystem::path root_;
  std::filesystem::path dir_;
  pid_t pid_ = -1;
  int port_ = 0;
  long clock_offset_seconds_ = 0;
  int last_exit_code_ = -1;
};

}  // namespace certrenew::testing
