#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>

namespace certrenew::testing {

// A throwaway PostgreSQL 15 cluster for tests and benchmarks, from Debian's postgresql-15:
// initdb into a fresh temporary folder, the server listening only on a Unix socket in that folder
// (no TCP port to clash with), trust authentication for the role `certrenew`. PostgreSQL refuses
// to run as root, so as root the cluster belongs to the `postgres` user (initdb through runuser,
// the server a child switched to that user). The server is this process's child and receives
// SIGQUIT if the test process dies, so a crashed test leaves no server behind; the destructor stops
// it (fast shutdown) and removes the folder.
class PostgresCluster {
 public:
  struct Options {
    // false (tests): fsync off, as the data is thrown away; true (benchmarks): what a CA runs.
    bool durable = false;
    int max_connections = 200;
  };

  // Why no cluster can run here (the binaries are missing), or "" when one can.
  static std::string unavailable_reason();

  PostgresCluster() : PostgresCluster(Options{}) {}
  explicit PostgresCluster(const Options& options);  // throws with the server's log on failure
  PostgresCluster(const PostgresCluster&) = delete;
  PostgresCluster& operator=(const PostgresCluster&) = delete;
  ~PostgresCluster();

  // The URI of a database on this cluster ("postgresql://certrenew@/NAME?host=DIR&port=5432").
  std::string url(const std::string& database) const;
  // Creates an empty database (name: lower-case letters, digits, _) and returns its URI.
  std::string create_database(const std::string& name);
  const std::filesystem::path& dir() const { return dir_; }

  // A database outage under a running service (readiness tests): pause() shuts the server down
  // (fast: clients are disconnected), keeping the data; resume() starts it again on the same
  // folder and socket, and returns once it accepts connections.
  void pause() noexcept { shut_down(); }
  void resume() { start(options_); }

 private:
  void start(const Options& options);
  void shut_down() noexcept;
  void stop() noexcept;  // shut_down() and remove the folder

  std::filesystem::path dir_;
  Options options_;
  pid_t pid_ = -1;
};

// One cluster shared by the whole test process, started on first use and stopped at exit; null
// (with the reason in `why`) when the binaries are missing.
PostgresCluster* shared_postgres_cluster(std::string* why = nullptr);

}  // namespace certrenew::testing
