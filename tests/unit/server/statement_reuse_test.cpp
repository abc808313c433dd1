// Issue 17 (intake speed): both backends compile each statement once per connection and run it
// again by reference. These cases check that a statement used again means what it meant the first
// time: after it failed, after its transaction rolled back, with new values, and (SQLite) while
// another use of the same text is still open.
#include <doctest/doctest.h>

#include <string>

#include "postgres_cluster.hpp"
#include "storage/postgres/pg_connection.hpp"
#include "storage/sqlite.hpp"
#include "storage/store.hpp"
#include "store_backends.hpp"
#include "store_samples.hpp"

using namespace certrenew::server;
using namespace certrenew::server::testing;

TEST_CASE_TEMPLATE("a statement that failed on a constraint works again with other values", Db,
                   BACKENDS) {
  OPEN_STORE_OR_SKIP(Db, db, store);
  store->transact(
      [](StoreTx& tx) { tx.insert_application(sample_application("01202612050000001", "A1")); });
  // The same insert statement, refused by the unique business number: nothing stored.
  CHECK_THROWS_AS(store->transact([](StoreTx& tx) {
    tx.insert_application(sample_application("01202612050000001", "B2"));
  }),
                  StoreConflict);
  // Used again, on the same pooled connection, with values the database accepts.
  for (int i = 2; i <= 4; ++i) {
    const std::string no = "0120261205000000" + std::to_string(i);
    store->transact([&](StoreTx& tx) { tx.insert_application(sample_application(no, "C" + no)); });
  }
  store->transact([](StoreTx& tx) {
    CHECK_FALSE(tx.open_application_for("B2"));
    for (int i = 1; i <= 4; ++i)
      CHECK(tx.application_by_business_no("0120261205000000" + std::to_string(i)));
    CHECK_FALSE(tx.application_by_business_no("01202612050000005"));
  });
}

TEST_CASE("SQLite: the same statement text open twice runs twice, and bindings do not linger") {
  SqliteDb db;
  sqlite::Database d(db.dir / "reuse.db");
  d.exec("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2), (3)");
  const std::string rows = "SELECT x FROM t WHERE x >= ?1 ORDER BY x";
  {
    auto first = d.prepare(rows);
    first.bind(1, std::int64_t{2});
    REQUIRE(first.step());
    CHECK(first.column_int(0) == 2);
    auto second = d.prepare(rows);  // the first is still open: a statement of its own
    second.bind(1, std::int64_t{1});
    REQUIRE(second.step());
    CHECK(second.column_int(0) == 1);
    REQUIRE(first.step());
    CHECK(first.column_int(0) == 3);
    CHECK_FALSE(first.step());
  }
  auto again = d.prepare(rows);  // from the start, with no value left bound: NULL matches none
  CHECK_FALSE(again.step());
  auto bound = d.prepare("SELECT ?1 IS NULL");
  bound.bind(1, std::int64_t{7});
  REQUIRE(bound.step());
  CHECK(bound.column_int(0) == 0);
}

TEST_CASE(
    "PostgreSQL: a statement prepared in a rolled-back transaction, or refused, is reused "
    "correctly") {
  PostgresDb db;
  SKIP_IF_UNAVAILABLE(db);
  pg::Connection c(db.url);
  c.script("BEGIN");
  CHECK(c.query("SELECT $1::BIGINT + 1", std::int64_t{1}).integer(0, 0) == 2);
  c.script("ROLLBACK");
  CHECK(c.query("SELECT $1::BIGINT + 1", std::int64_t{41}).integer(0, 0) == 42);

  // Refused while the table is missing; the same text works once the table exists.
  CHECK_THROWS_AS(c.query("SELECT n FROM later WHERE n > $1", std::int64_t{0}), pg::Error);
  c.script("CREATE TABLE later (n BIGINT); INSERT INTO later VALUES (5)");
  CHECK(c.query("SELECT n FROM later WHERE n > $1", std::int64_t{0}).integer(0, 0) == 5);
  CHECK(c.query("SELECT n FROM later WHERE n > $1", std::int64_t{5}).empty());

  // A failed statement inside a transaction: the rollback leaves the connection usable.
  c.script("BEGIN");
  CHECK_THROWS_AS(c.query("INSERT INTO later VALUES ($1::BIGINT / 0)", std::int64_t{1}), pg::Error);
  c.script("ROLLBACK");
  CHECK(c.query("SELECT COUNT(*) FROM later WHERE n >= $1", std::int64_t{0}).integer(0, 0) == 1);
}
