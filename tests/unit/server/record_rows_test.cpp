// Issue 14: the statements and row readers both backends share (storage/sql_dialect.hpp,
// storage/row_reader.hpp). Every storage case runs them on both databases; these pin down the
// generated SQL and the reader's handling of NULL and of missing rows.
#include <doctest/doctest.h>

#include <string>

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
