// The throwaway PostgreSQL of the tests (tests/support/postgres_cluster): a folder left behind by
// a test process that died without cleaning up (SIGKILL) is removed when the next cluster starts;
// the folder of a process still running is not.
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "postgres_cluster.hpp"

using certrenew::testing::PostgresCluster;
namespace fs = std::filesystem;

TEST_CASE("a cluster folder whose test process is gone is removed when the next cluster starts") {
  if (auto why = PostgresCluster::unavailable_reason(); !why.empty()) {
    MESSAGE("skipped: " << why);
    return;
  }
  const pid_t dead = fork();  // a process that has certainly ended: its pid is free
  if (dead == 0) _exit(0);
  REQUIRE(dead > 0);
  waitpid(dead, nullptr, 0);
  const fs::path stale = fs::temp_directory_path() / ("certrenew-pg-stale" + std::to_string(dead));
  const fs::path live =
      fs::temp_directory_path() / ("certrenew-pg-live" + std::to_string(getpid()));
  for (const auto& [folder, owner] : {std::pair{stale, dead}, std::pair{live, getpid()}}) {
    fs::create_directories(folder / "data");
    std::ofstream(folder / "owner.pid") << owner << "\n";
  }
  { PostgresCluster cluster; }
  CHECK_FALSE(fs::exists(stale));
  CHECK(fs::exists(live));  // this process is alive
  fs::remove_all(live);
}
