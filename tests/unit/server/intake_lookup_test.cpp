// Issue 17 (intake speed): a new application's transaction asks the store everything it checks in
// one statement (StoreTx::intake_lookup), and PostgreSQL sends BEGIN, writes nobody reads back and
// COMMIT together with other statements (pg::Connection::defer). These cases check that the one
// statement answers what the single calls answer, and that a deferred write still counts: read
// back in its transaction, and its failure refuses the whole transaction.
#include <doctest/doctest.h>

#include "storage/postgres/pg_connection.hpp"
#include "storage/store.hpp"
#include "store_backends.hpp"
#include "store_samples.hpp"

using namespace certrenew::server;
using namespace certrenew::server::testing;

TEST_CASE_TEMPLATE("the intake lookup answers what the single calls answer", Db, BACKENDS) {
  OPEN_STORE_OR_SKIP(Db, db, store);
  const IntakeQuery query{"sha-01202609210000002", "5e51", "fp-1", 1'790'000'050};
  store->transact([&](StoreTx& tx) {  // nothing stored yet
    const IntakeLookup none = tx.intake_lookup(query);
    CHECK_FALSE(none.same_request);
    CHECK_FALSE(none.renewed_by);
    CHECK_FALSE(none.revoked_at);
    CHECK_FALSE(none.key_certified);
    CHECK(none.applications_since == 0);
    CHECK_FALSE(none.open_business_no);
  });

  store->transact([&](StoreTx& tx) {
    tx.insert_application(sample_application("01202609210000001", "5e51", "completed"));
    ApplicationRecord open = sample_application("01202609210000002", "5e51");
    open.created_at = 1'790'000'100;
    tx.insert_application(open);
    tx.insert_application(sample_application("01202609210000003", "07e4"));
    tx.put_revocation({"5e51", 1'790'000'500, "superseded", "01202609210000001", 1'790'000'000});
    tx.record_certified_key("fp-1", "5e51", 1'790'000'000);
  });
  store->transact([&](StoreTx& tx) {
    const IntakeLookup found = tx.intake_lookup(query);
    REQUIRE(found.same_request);
    CHECK(found.same_request->id == tx.application_by_request(query.request_sha256)->id);
    CHECK(found.same_request->business_no == "01202609210000002");
    CHECK(found.same_request->form_json == R"({"operator":{"name":"胡"}})");
    CHECK(found.same_request->old_cert_der == Blob{0x30, 0x03, 0x02, 0x01, 0x01});
    CHECK(found.renewed_by == tx.renewal_of("5e51")->business_no);
    CHECK(found.renewed_by == "01202609210000001");
    CHECK(found.revoked_at == 1'790'000'500);
    CHECK(found.key_certified);
    CHECK(found.applications_since == tx.applications_since("5e51", query.since));
    CHECK(found.applications_since == 1);  // the completed one is older than `since`
    CHECK(found.open_business_no == "01202609210000002");

    // Another certificate, another request, another key: only its own open application.
    const IntakeLookup other = tx.intake_lookup({"sha-none", "07e4", "fp-2", 0});
    CHECK_FALSE(other.same_request);
    CHECK_FALSE(other.renewed_by);
    CHECK_FALSE(other.revoked_at);
    CHECK_FALSE(other.key_certified);
    CHECK(other.applications_since == 1);
    CHECK(other.open_business_no == "01202609210000003");
  });
}

TEST_CASE_TEMPLATE(
    "an event appended in a transaction is read back in it, and a bad one refuses it", Db,
    BACKENDS) {
  OPEN_STORE_OR_SKIP(Db, db, store);
  std::int64_t id = 0;
  store->transact([&](StoreTx& tx) {
    id = tx.insert_application(sample_application("01202609210000001"));
    tx.append_event(id, {1'790'000'000, "applicant", "created", "period 24 months"});
    tx.watch_certificate({"0a1b", 1'800'000'000, id});
    const auto events = tx.events(id);
    REQUIRE(events.size() == 1);
    CHECK(events[0].detail == "period 24 months");
    CHECK(tx.certificates_expiring(1'790'000'000, 1'800'000'000).size() == 1);
  });
  // An event for an application that does not exist breaks a foreign key: the transaction fails
  // (on PostgreSQL at COMMIT, where the deferred INSERT goes) and leaves nothing behind.
  CHECK_THROWS(store->transact([&](StoreTx& tx) {
    tx.insert_application(sample_application("01202609210000002", "0c2d"));
    tx.append_event(id + 1000, {1'790'000'001, "applicant", "created", ""});
  }));
  store->transact([&](StoreTx& tx) {
    CHECK_FALSE(tx.application_by_business_no("01202609210000002"));
    CHECK(tx.events(id).size() == 1);
    // The connection that failed is usable again (PostgreSQL: one pool connection).
    tx.append_event(id, {1'790'000'002, "system", "checked", ""});
  });
  store->transact([&](StoreTx& tx) { CHECK(tx.events(id).size() == 2); });
}

TEST_CASE("PostgreSQL: statements deferred before a failing one are rolled back with it") {
  PostgresDb db;
  SKIP_IF_UNAVAILABLE(db);
  pg::Connection c(db.url);
  c.script("CREATE TABLE t (n BIGINT PRIMARY KEY)");
  c.defer("BEGIN");
  c.defer("INSERT INTO t VALUES ($1)", std::int64_t{1});
  // The deferred statements and this one travel together; this one's table is missing.
  CHECK_THROWS_AS(c.query("SELECT n FROM later WHERE n > $1", std::int64_t{0}), pg::Error);
  CHECK(c.transaction_failed());
  c.script("ROLLBACK");
  CHECK(c.query("SELECT COUNT(*) FROM t WHERE n >= $1", std::int64_t{0}).integer(0, 0) == 0);

  // The statement refused above was not remembered as prepared: it works once its table exists.
  c.script("CREATE TABLE later (n BIGINT); INSERT INTO later VALUES (5)");
  c.defer("BEGIN");
  CHECK(c.query("SELECT n FROM later WHERE n > $1", std::int64_t{0}).integer(0, 0) == 5);
  // A deferred duplicate key is thrown by flush() with its constraint, as a direct one would be.
  c.defer("INSERT INTO t VALUES ($1)", std::int64_t{2});
  c.defer("INSERT INTO t VALUES ($1)", std::int64_t{2});
  c.defer("COMMIT");
  try {
    c.flush();
    FAIL("the duplicate key was not refused");
  } catch (const pg::Error& e) {
    CHECK(e.unique_violation());
    CHECK(e.constraint() == "t_pkey");
  }
  c.script("ROLLBACK");
  CHECK(c.query("SELECT COUNT(*) FROM t WHERE n >= $1", std::int64_t{0}).integer(0, 0) == 0);

  // Deferred, then committed with one flush.
  c.defer("BEGIN");
  c.defer("INSERT INTO t VALUES ($1)", std::int64_t{3});
  c.defer("COMMIT");
  c.flush();
  CHECK(c.query("SELECT COUNT(*) FROM t WHERE n >= $1", std::int64_t{0}).integer(0, 0) == 1);
}
