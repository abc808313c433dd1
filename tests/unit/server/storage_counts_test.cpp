// Issue 17 (ops): what the storage layer tells the metrics endpoint — applications by state
// (StoreTx::application_counts_by_state, on both backends) and the database errors it met
// (Store::error_counts), each provoked for real: a unique key refusing a write, a deadlock
// PostgreSQL breaks, a pooled connection the server terminated.
#include <doctest/doctest.h>

#include <latch>
#include <map>
#include <stdexcept>
#include <string>
#include <thread>

#include "storage/postgres/pg_connection.hpp"
#include "storage/store.hpp"
#include "store_backends.hpp"
#include "store_samples.hpp"

using namespace certrenew::server;
using namespace certrenew::server::testing;

namespace {

// An application for certificate `serial` in `state`; its numbers and request follow `n`.
ApplicationRecord application(int n, std::string state, std::string serial) {
  return sample_application("0120261205" + std::to_string(1000000 + n).substr(1), std::move(serial),
                            std::move(state));
}

std::map<std::string, std::int64_t> counts(Store& store) {
  std::map<std::string, std::int64_t> out;
  store.transact([&](StoreTx& tx) { out = tx.application_counts_by_state(); });
  return out;
}

std::uint64_t errors(const Store& store, DatabaseErrorKind kind) {
  return store.error_counts().value(kind);
}

}  // namespace

TEST_CASE_TEMPLATE("applications are counted by state", Db, BACKENDS) {
  OPEN_STORE_OR_SKIP(Db, db, store);
  CHECK(counts(*store).empty());
  store->transact([](StoreTx& tx) {
    tx.insert_application(application(1, "entered", "a1"));
    tx.insert_application(application(2, "entered", "a2"));
    tx.insert_application(application(3, "completed", "a1"));
    tx.insert_application(application(4, "under_review", "a3"));
  });
  CHECK(counts(*store) ==
        std::map<std::string, std::int64_t>{{"completed", 1}, {"entered", 2}, {"under_review", 1}});
}

TEST_CASE_TEMPLATE(
    "a write a unique key refuses counts as a conflict; a use case's refusal does not", Db,
    BACKENDS) {
  OPEN_STORE_OR_SKIP(Db, db, store);
  store->transact([](StoreTx& tx) { tx.insert_application(application(1, "entered", "b1")); });
  for (DatabaseErrorKind kind : kDatabaseErrorKinds) CHECK(errors(*store, kind) == 0);

  auto same_request = application(2, "entered", "b2");
  same_request.request_sha256 = application(1, "entered", "b1").request_sha256;
  CHECK_THROWS_AS(store->transact([&](StoreTx& tx) { tx.insert_application(same_request); }),
                  StoreConflict);
  CHECK(errors(*store, DatabaseErrorKind::conflict) == 1);

  // A refusal the use case throws inside a transaction (409, 422, ...) is no database error.
  CHECK_THROWS_AS(store->transact([](StoreTx&) { throw std::invalid_argument("refused"); }),
                  std::invalid_argument);
  CHECK(errors(*store, DatabaseErrorKind::conflict) == 1);
  CHECK(errors(*store, DatabaseErrorKind::serialization) == 0);
  CHECK(errors(*store, DatabaseErrorKind::connection) == 0);
  CHECK(errors(*store, DatabaseErrorKind::other) == 0);
  CHECK(counts(*store) == std::map<std::string, std::int64_t>{{"entered", 1}});
}

TEST_CASE("PostgreSQL: a deadlock counts as a serialization error and the transaction runs again") {
  OPEN_STORE_OR_SKIP(PostgresDb, db, store);
  std::int64_t first = 0, second = 0;
  store->transact([&](StoreTx& tx) {
    first = tx.insert_application(application(1, "entered", "c1"));
    second = tx.insert_application(application(2, "entered", "c2"));
  });
  // Two transactions lock the same two rows in opposite orders, each waiting until the other
  // holds its first row: PostgreSQL aborts one (40P01) and the store runs it again.
  std::latch both_hold_one(2);
  auto lock_in_order = [&](std::int64_t a, std::int64_t b) {
    bool first_attempt = true;
    store->transact([&](StoreTx& tx) {
      CHECK(tx.application_by_id(a));  // FOR UPDATE
      if (first_attempt) both_hold_one.arrive_and_wait();
      first_attempt = false;
      auto row = tx.application_by_id(b);
      if (!row) throw std::logic_error("the row is gone");
      row->updated_at += 1;
      tx.update_application(*row);
    });
  };
  std::thread one([&] { lock_in_order(first, second); });
  std::thread two([&] { lock_in_order(second, first); });
  one.join();
  two.join();
  // At least one: the aborted one's retry can take its first row again before the survivor got it
  // and meet the survivor once more (seen on a loaded machine); each abort is counted and retried.
  CHECK(errors(*store, DatabaseErrorKind::serialization) >= 1);
  CHECK(errors(*store, DatabaseErrorKind::connection) == 0);
  store->transact([&](StoreTx& tx) {  // both committed in the end, each once
    CHECK(tx.application_by_id(first)->updated_at == 1'790'000'001);
    CHECK(tx.application_by_id(second)->updated_at == 1'790'000'001);
  });
}

TEST_CASE("PostgreSQL: a pooled connection the server dropped counts as a connection error") {
  OPEN_STORE_OR_SKIP(PostgresDb, db, store);
  CHECK(counts(*store).empty());  // leaves one idle connection in the pool
  pg::Connection admin(db.url);
  REQUIRE(admin
              .query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                     "WHERE datname = current_database() AND pid <> pg_backend_pid()")
              .rows() >= 1);
  // Until the terminated backend has gone (it ends at once; this only waits for the signal).
  while (admin
             .query("SELECT COUNT(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()")
             .integer(0, 0) > 0)
    std::this_thread::yield();
  // The transaction met the dead connection before COMMIT, so it ran again on a new one.
  store->transact([](StoreTx& tx) { tx.insert_application(application(1, "entered", "d1")); });
  CHECK(errors(*store, DatabaseErrorKind::connection) == 1);
  CHECK(errors(*store, DatabaseErrorKind::other) == 0);
  CHECK(counts(*store) == std::map<std::string, std::int64_t>{{"entered", 1}});
}
