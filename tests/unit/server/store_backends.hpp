#pragma once
// The two storage backends for tests (TEST_CASE_TEMPLATE over BACKENDS): a SQLite file in a
// temporary folder and a fresh database on the test process's throwaway PostgreSQL cluster.

#include <atomic>
#include <filesystem>
#include <random>
#include <string>

#include "postgres_cluster.hpp"
#include "storage/postgres/pg_connection.hpp"
#include "storage/sqlite.hpp"
#include "storage/store.hpp"

namespace certrenew::server::testing {

namespace fs = std::filesystem;

// A database file in a fresh temporary folder, removed afterwards.
struct SqliteDb {
  fs::path dir;
  SqliteDb() {
    std::random_device rd;
    dir = fs::temp_directory_path() /
          ("certrenew-store-" + std::to_string(rd()) + std::to_string(rd()));
    fs::create_directories(dir);
  }
  ~SqliteDb() { fs::remove_all(dir); }
  std::string unavailable() const { return ""; }
  std::unique_ptr<Store> open() const { return open_sqlite_store(dir / "server.db"); }
  void exec(const std::string& sql) const { sqlite::Database(dir / "server.db").exec(sql); }
};

// A fresh database on the test process's throwaway PostgreSQL cluster.
struct PostgresDb {
  std::string url;
  std::string why;
  PostgresDb() {
    static std::atomic<int> count{0};
    if (auto* cluster = certrenew::testing::shared_postgres_cluster(&why))
      url = cluster->create_database("store_" + std::to_string(++count));
  }
  std::string unavailable() const { return why; }
  std::unique_ptr<Store> open() const { return open_postgres_store(url); }
  void exec(const std::string& sql) const { pg::Connection(url).script(sql); }
};

// Skips (with the reason) a backend that cannot run here: PostgreSQL without its binaries.
#define SKIP_IF_UNAVAILABLE(db)                            \
  if (const auto why = (db).unavailable(); !why.empty()) { \
    MESSAGE("skipped: " << why);                           \
    return;                                                \
  }

// The opening of most storage cases: a fresh database `db` of backend `Backend` and a store on
// it; returns from the case, saying why, where the backend cannot run here.
#define OPEN_STORE_OR_SKIP(Backend, db, store) \
  Backend db;                                  \
  SKIP_IF_UNAVAILABLE(db);                     \
  auto store = (db).open()

#define BACKENDS SqliteDb, PostgresDb

}  // namespace certrenew::server::testing
