#include "postgres_cluster.hpp"

#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include <libpq-fe.h>

#include "run_program.hpp"
#include "storage/postgres/pg_connection.hpp"

namespace certrenew::testing {

namespace fs = std::filesystem;

namespace {

constexpr int kPort = 5432;  // only names the socket file: the folder is ours alone

fs::path bin_dir() {
  if (const char* d = std::getenv("CERTRENEW_PG_BIN")) return d;
  return "/usr/lib/postgresql/15/bin";
}

std::string read_file(const fs::path& file) {
  std::ifstream in(file);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

bool running_as_root() {
  return geteuid() == 0;
}

const passwd* postgres_user() {
  return getpwnam("postgres");
}

constexpr const char* kFolderPrefix = "certrenew-pg-";
constexpr const char* kOwnerFile = "owner.pid";  // the test process that made the folder

// Folders of clusters whose test process died without its destructor (SIGKILL, a crash, a CI
// timeout): their server went with it (PR_SET_PDEATHSIG), the folder stayed. A folder is stale
// when the process named in its owner file no longer exists; one without that file may be in the
// middle of being made by another test process and is left alone.
void remove_stale_clusters() {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(fs::temp_directory_path(), ec)) {
    if (entry.path().filename().string().rfind(kFolderPrefix, 0) != 0) continue;
    std::ifstream owner(entry.path() / kOwnerFile);
    long pid = 0;
    if (!(owner >> pid) || pid <= 0) continue;
    if (kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;  // alive, or not ours
    fs::remove_all(entry.path(), ec);
  }
}

}  // namespace

std::string PostgresCluster::unavailable_reason() {
  for (const char* tool : {"initdb", "postgres"}) {
    if (access((bin_dir() / tool).c_str(), X_OK) != 0)
      return (bin_dir() / tool).string() +
             " is missing: install postgresql-15 (scripts/setup) to run the PostgreSQL tests";
  }
  if (running_as_root() && !postgres_user())
    return "running as root and there is no `postgres` user to own the test cluster";
  return "";
}

PostgresCluster::PostgresCluster(const Options& options) : options_(options) {
  if (auto why = unavailable_reason(); !why.empty()) throw std::runtime_error(why);
  remove_stale_clusters();
  std::string pattern =
      (fs::temp_directory_path() / (std::string(kFolderPrefix) + "XXXXXX")).string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot make a temporary folder");
  dir_ = pattern;
  std::ofstream(dir_ / kOwnerFile) << getpid() << "\n";
  try {
    std::vector<std::string> initdb{(bin_dir() / "initdb").string(),
                                    "-D",
                                    (dir_ / "data").string(),
                                    "-A",
                                    "trust",
                                    "-U",
                                    "certrenew",
                                    "-E",
                                    "UTF8",
                                    "--no-sync",
                                    "--no-instructions"};
    if (running_as_root()) {
      const passwd* pw = postgres_user();
      if (chown(dir_.c_str(), pw->pw_uid, pw->pw_gid) != 0)
        throw std::runtime_error("cannot give " + dir_.string() + " to the postgres user");
      initdb.insert(initdb.begin(), {"/usr/sbin/runuser", "-u", "postgres", "--"});
    }
    std::string out;
    if (run_program(initdb, &out) != 0) throw std::runtime_error("initdb failed: " + out);
    start(options);
  } catch (...) {
    stop();
    throw;
  }
}

PostgresCluster::~PostgresCluster() {
  stop();
}

void PostgresCluster::start(const Options& options) {
  const fs::path log = dir_ / "server.log";
  std::vector<std::string> args{(bin_dir() / "postgres").string(),
                                "-D",
                                (dir_ / "data").string(),
                                "-k",
                                dir_.string(),
                                "-p",
                                std::to_string(kPort),
                                "-c",
                                "listen_addresses=",
                                "-c",
                                "max_connections=" + std::to_string(options.max_connections)};
  if (!options.durable) {
    for (const char* setting : {"fsync=off", "synchronous_commit=off", "full_page_writes=off"}) {
      args.push_back("-c");
      args.push_back(setting);
    }
  }
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const passwd* pw = running_as_root() ? postgres_user() : nullptr;
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    if (pw && (setgid(pw->pw_gid) != 0 || setuid(pw->pw_uid) != 0)) _exit(126);
    // After the user switch, which clears it: immediate shutdown if the test process dies.
    prctl(PR_SET_PDEATHSIG, SIGQUIT);
    if (getppid() == 1) _exit(127);
    int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    dup2(fd, 1);
    dup2(fd, 2);
    execv(argv[0], argv.data());
    _exit(127);
  }
  const std::string probe = url("postgres");
  for (int i = 0; i < 600; ++i) {
    if (PQping(probe.c_str()) == PQPING_OK) return;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("PostgreSQL exited at start: " + read_file(log));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error("PostgreSQL did not accept connections in 30 s: " + read_file(log));
}

void PostgresCluster::shut_down() noexcept {
  if (pid_ > 0) {
    kill(pid_, SIGINT);  // fast shutdown: clients are disconnected, nothing kept
    int status = 0;
    bool gone = false;
    for (int i = 0; i < 400 && !gone; ++i) {
      gone = waitpid(pid_, &status, WNOHANG) == pid_;
      if (!gone) std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    if (!gone) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
    }
    pid_ = -1;
  }
}

void PostgresCluster::stop() noexcept {
  shut_down();
  if (!dir_.empty() && !std::getenv("CERTRENEW_KEEP_TEST_DIRS")) {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
}

std::string PostgresCluster::url(const std::string& database) const {
  return "postgresql://certrenew@/" + database + "?host=" + dir_.string() +
         "&port=" + std::to_string(kPort);
}

std::string PostgresCluster::create_database(const std::string& name) {
  if (name.empty() ||
      name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos)
    throw std::invalid_argument("database names here are [a-z0-9_]+: " + name);
  server::pg::Connection admin(url("postgres"));
  admin.script("CREATE DATABASE " + name);
  return url(name);
}

PostgresCluster* shared_postgres_cluster(std::string* why) {
  static std::once_flag once;
  static std::unique_ptr<PostgresCluster> cluster;
  static std::string reason;
  std::call_once(once, [] {
    reason = PostgresCluster::unavailable_reason();
    if (reason.empty()) cluster = std::make_unique<PostgresCluster>();
  });
  if (why) *why = reason;
  return cluster.get();
}

}  // namespace certrenew::testing
