// Issue 14: the statements and row readers both backends share (storage/sql_dialect.hpp,
// storage/row_reader.hpp). Every storage case runs them on both databases; these pin down the
// generated SQL and the reader's handling of NULL and of missing rows.
#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <tuple>

#include "storage/record_rows.hpp"
#include "storage/sql_dialect.hpp"
#include "storage/sqlite.hpp"
#include "store_backends.hpp"

using namespace certrenew::server;

TEST_CASE("an insert names one parameter per column in each dialect") {
  CHECK(insert_sql(SqlDialect::sqlite, "events", kEventInsertColumns) ==
        "INSERT INTO events (application_id, at, actor, kind, detail) "
        "VALUES (?1, ?2, ?3, ?4, ?5)");
  CHECK(insert_sql(SqlDialect::postgres, "events", kEventInsertColumns) ==
        "INSERT INTO events (application_id, at, actor, kind, detail) "
        "VALUES ($1, $2, $3, $4, $5)");
  CHECK(insert_sql(SqlDialect::sqlite, "t", "a", "INSERT OR IGNORE INTO") ==
        "INSERT OR IGNORE INTO t (a) VALUES (?1)");
  // Eleven columns: parameters past 9 are numbered, not cut to one digit.
  CHECK(insert_sql(SqlDialect::postgres, "t", "a, b, c, d, e, f, g, h, i, j, k")
            .ends_with("$9, $10, $11)"));
}

namespace {

struct Sample {
  std::int64_t id = 0;
  std::string name;
  std::optional<std::string> note;
  std::optional<Blob> data;
};

Sample read_sample(RowReader& row) {
  Sample s;
  row.into(s.id, s.name, s.note, s.data);
  return s;
}

}  // namespace

TEST_CASE("rows are read column by column, NULL as nothing, no row as no record") {
  const testing::SqliteDb scratch;  // a fresh folder, removed even when a check fails
  {
    sqlite::Database db(scratch.dir / "rows.db");
    db.exec(
        "CREATE TABLE samples (id INTEGER PRIMARY KEY, name TEXT NOT NULL, note TEXT, data BLOB)");
    const auto first = db.insert(
        "samples", "name, note, data",
        std::make_tuple(std::string("one"), std::optional<std::string>(), std::optional<Blob>()));
    const auto second =
        db.insert("samples", "name, note, data",
                  std::make_tuple(std::string("two"), std::string("n"), Blob{0x00, 0xff}));
    CHECK(second == first + 1);

    const auto all =
        db.query("SELECT id, name, note, data FROM samples ORDER BY id").all(read_sample);
    REQUIRE(all.size() == 2);
    CHECK(all[0].id == first);
    CHECK(all[0].name == "one");
    CHECK_FALSE(all[0].note.has_value());
    CHECK_FALSE(all[0].data.has_value());
    CHECK(all[1].note == "n");
    CHECK(all[1].data == Blob{0x00, 0xff});

    CHECK_FALSE(db.query("SELECT id, name, note, data FROM samples WHERE id = ?1", 99)
                    .first(read_sample)
                    .has_value());
    CHECK(db.execute("UPDATE samples SET note = ?2 WHERE id = ?1", first, "x") == 1);
    CHECK(db.execute("UPDATE samples SET note = ?2 WHERE id = ?1", 99, "x") == 0);
    // A bad statement is refused with SQLite's error; nothing was written.
    CHECK_THROWS_AS(db.insert("samples", "name, missing", std::make_tuple(1, 2)), sqlite::Error);
    CHECK(*db.query("SELECT COUNT(*) FROM samples").first(read_integer) == 2);
  }
}

TEST_CASE("a statement written once in SQLite's notation is numbered in each dialect") {
  const std::string sql = "UPDATE t SET a = ?2, b = ?12 WHERE id = ?1";
  CHECK(numbered(SqlDialect::sqlite, sql) == sql);
  CHECK(numbered(SqlDialect::postgres, sql) == "UPDATE t SET a = $2, b = $12 WHERE id = $1");
  CHECK(greatest(SqlDialect::sqlite, "t.a", "?3") == "MAX(t.a, ?3)");
  CHECK(greatest(SqlDialect::postgres, "t.a", "?3") == "GREATEST(t.a, ?3)");
}

TEST_CASE("a record's fields() make its reader, its values and its insert without the id") {
  static_assert(after_id(kRefundPayoutColumns) ==
                "business_no, method, amount_fen, payment_id, reference, state, message, "
                "recorded_by, recorded_at, updated_at");
  // Columns that do not start with the id are refused, not cut.
  CHECK_THROWS_AS(after_id(std::string_view("business_no, note")), std::logic_error);

  const testing::SqliteDb scratch;
  sqlite::Database db(scratch.dir / "payouts.db");
  db.exec(
      "CREATE TABLE refund_payouts (id INTEGER PRIMARY KEY, business_no TEXT, method TEXT, "
      "amount_fen INTEGER, payment_id TEXT, reference TEXT, state TEXT, message TEXT, "
      "recorded_by TEXT, recorded_at INTEGER, updated_at INTEGER)");
  const RefundPayout p{0,         "B1",      "online",   1250, "pay-1", "ref-1",
                       "pending", "started", "operator", 100,  200};
  CHECK(std::tuple_size_v<decltype(after_id(fields(p)))> == 10);
  const std::int64_t id = insert_keyed(db, "refund_payouts", kRefundPayoutColumns, p);
  const auto read = db.query(select(kRefundPayoutColumns, "FROM refund_payouts WHERE id = ?1"), id)
                        .first(read_record<RefundPayout>);
  REQUIRE(read.has_value());
  CHECK(read->id == id);
  RefundPayout expected = p;
  expected.id = id;
  CHECK(fields(*read) == fields(expected));  // every member, in the columns' order
}
