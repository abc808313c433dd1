// Issue 17: an application's view reads its lists in one call (StoreTx::application_details), one
// pipeline on PostgreSQL. These cases check that the call returns what the reads of one list each
// return, only the application's own rows, the writes of the same transaction, and that a failed
// read in a pipeline is reported and leaves the connection usable.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "postgres_cluster.hpp"
#include "storage/console_store.hpp"
#include "storage/postgres/pg_connection.hpp"
#include "storage/store.hpp"
#include "store_backends.hpp"
#include "store_samples.hpp"

using namespace certrenew::server;
using namespace certrenew::server::testing;

namespace {

RefundPayout payout(const std::string& business_no, std::int64_t fen, const std::string& ref) {
  RefundPayout p;
  p.business_no = business_no;
  p.method = "bank_transfer";
  p.amount_fen = fen;
  p.reference = ref;
  p.state = "done";
  p.recorded_by = "finance";
  p.recorded_at = 1000;
  return p;
}

// Two applications with a row of every list each, so that a list mixing them shows.
struct TwoApplications {
  ApplicationRecord mine;
  ApplicationRecord other;
};

TwoApplications fill(StoreTx& tx) {
  TwoApplications t{sample_application("01202612060000001", "A1", "cancelled"),
                    sample_application("01202612060000002", "B2")};
  t.mine.id = tx.insert_application(t.mine);
  t.other.id = tx.insert_application(t.other);
  for (const ApplicationRecord* r : {&t.mine, &t.other}) {
    const std::string tag = r == &t.mine ? "mine" : "other";
    tx.replace_bank_transfers(r->id, {{0, "6222 " + tag, "广州某公司", 10000, "2026-12-01", tag},
                                      {0, "6222 " + tag, "广州某公司", 5000, "2026-12-02", ""}});
    tx.put_online_payment({"pay-late-" + tag, r->id, 20000, "paid", "gw-1", 20, 20});
    tx.put_online_payment({"pay-early-" + tag, r->id, 20000, "closed", "", 10, 30});
    tx.put_payment_link({"pay-late-" + tag, "https://gw/pay/" + tag, "qr-" + tag, 3000});
    tx.console().insert_refund_payout(payout(r->business_no, 10000, "BK-" + tag));
    tx.append_event(r->id, {1, "applicant", "created", tag});
    tx.append_event(r->id, {2, "operator:finance", "cancelled", tag});
    tx.queue_outbox_message(sample_outbox_message(r->id, "app:" + tag + ":submitted:email"));
    tx.add_issuer_job(pending_issuer_job(r->id, "issue", 1000));
  }
  return t;
}

}  // namespace

TEST_CASE_TEMPLATE(
    "an application's lists come in one call, as the reads of one list each give them", Db,
    BACKENDS) {
  OPEN_STORE_OR_SKIP(Db, db, store);
  TwoApplications t;
  store->transact([&](StoreTx& tx) { t = fill(tx); });
  store->transact([&](StoreTx& tx) {
    const ApplicationDetails d = tx.application_details(t.mine, true);
    REQUIRE(d.bank_transfers.size() == 2);
    CHECK(d.bank_transfers[0].remarks == "mine");
    CHECK(d.bank_transfers[1].amount_fen == 5000);
    REQUIRE(d.online_payments.size() == 2);
    CHECK(d.online_payments[0].id == "pay-early-mine");  // oldest first
    CHECK(d.online_payments[1].id == "pay-late-mine");
    REQUIRE(d.payment_links.size() == 1);  // the other application's link is not listed
    CHECK(d.payment_links[0].pay_url == "https://gw/pay/mine");
    REQUIRE(d.link_of("pay-late-mine"));
    CHECK(d.link_of("pay-late-mine")->expires_at == 3000);
    CHECK_FALSE(d.link_of("pay-early-mine"));
    CHECK_FALSE(d.link_of("pay-late-other"));
    REQUIRE(d.refund_payouts.size() == 1);
    CHECK(d.refund_payouts[0].reference == "BK-mine");
    REQUIRE(d.events.size() == 2);
    CHECK(d.events[1].kind == "cancelled");
    CHECK(d.events[1].detail == "mine");
    REQUIRE(d.notifications.size() == 1);
    CHECK(d.notifications[0].dedup_key == "app:mine:submitted:email");
    REQUIRE(d.issuer_jobs.size() == 1);
    CHECK(d.issuer_jobs[0].kind == "issue");

    // The same as the reads of one list each.
    CHECK(d.bank_transfers.size() == tx.bank_transfers(t.mine.id).size());
    const auto payments = tx.online_payments_of(t.mine.id);
    REQUIRE(payments.size() == d.online_payments.size());
    for (std::size_t i = 0; i < payments.size(); ++i)
      CHECK(payments[i].id == d.online_payments[i].id);
    CHECK(tx.console().refund_payouts_of(t.mine.business_no).size() == d.refund_payouts.size());
    CHECK(tx.events(t.mine.id).size() == d.events.size());
    CHECK(tx.outbox_messages(t.mine.id).size() == d.notifications.size());
    CHECK(tx.issuer_jobs(t.mine.id).size() == d.issuer_jobs.size());

    // Without history, the applicant's part only.
    const ApplicationDetails applicant = tx.application_details(t.other, false);
    CHECK(applicant.bank_transfers.size() == 2);
    CHECK(applicant.online_payments.size() == 2);
    CHECK(applicant.refund_payouts.size() == 1);
    CHECK(applicant.events.empty());
    CHECK(applicant.notifications.empty());
    CHECK(applicant.issuer_jobs.empty());
  });
}

TEST_CASE_TEMPLATE("an application's lists include what the same transaction wrote just before", Db,
                   BACKENDS) {
  OPEN_STORE_OR_SKIP(Db, db, store);
  ApplicationRecord r = sample_application("01202612060000003");
  store->transact([&](StoreTx& tx) { r.id = tx.insert_application(r); });
  store->transact([&](StoreTx& tx) {
    // On PostgreSQL the event waits to travel with the next statement: the lists' pipeline.
    tx.append_event(r.id, {5, "operator:alice", "approved", "queued for issuance"});
    const ApplicationDetails d = tx.application_details(r, true);
    REQUIRE(d.events.size() == 1);
    CHECK(d.events[0].actor == "operator:alice");
    CHECK(d.bank_transfers.empty());
    CHECK(d.online_payments.empty());
    CHECK(d.payment_links.empty());
  });
  // An application with nothing else: empty lists, no error.
  store->transact([&](StoreTx& tx) {
    ApplicationRecord unknown = r;
    unknown.id = r.id + 1000;
    unknown.business_no = "01202612069999999";
    const ApplicationDetails d = tx.application_details(unknown, true);
    CHECK(d.events.empty());
    CHECK(d.refund_payouts.empty());
  });
}

TEST_CASE(
    "PostgreSQL: statements run together answer in order, and one that fails is thrown after all "
    "are read") {
  PostgresDb db;
  SKIP_IF_UNAVAILABLE(db);
  pg::Connection c(db.url);
  c.script("CREATE TABLE n (v BIGINT NOT NULL); INSERT INTO n VALUES (1), (2), (3)");
  CHECK(c.run_all({}).empty());

  std::vector<pg::Connection::Query> reads;
  reads.push_back(pg::Connection::make_query("SELECT COUNT(*) FROM n WHERE v >= $1", 2));
  reads.push_back(pg::Connection::make_query("SELECT v FROM n WHERE v = $1", 3));
  reads.push_back(pg::Connection::make_query("SELECT v FROM n WHERE v > $1 ORDER BY v", 0));
  auto results = c.run_all(std::move(reads));
  REQUIRE(results.size() == 3);
  CHECK(results[0].integer(0, 0) == 2);
  CHECK(results[1].integer(0, 0) == 3);
  CHECK(results[2].rows() == 3);

  // A deferred write goes first, in the same pipeline.
  c.script("BEGIN");
  c.defer("INSERT INTO n VALUES ($1)", 4);
  std::vector<pg::Connection::Query> after;
  after.push_back(pg::Connection::make_query("SELECT MAX(v) FROM n WHERE v > $1", 0));
  auto seen = c.run_all(std::move(after));
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].integer(0, 0) == 4);
  c.script("ROLLBACK");

  // The second of three fails: the error names it, the third is not run, the connection serves on.
  std::vector<pg::Connection::Query> failing;
  failing.push_back(pg::Connection::make_query("SELECT v FROM n WHERE v = $1", 1));
  failing.push_back(pg::Connection::make_query("SELECT v / 0 FROM n WHERE v = $1", 1));
  failing.push_back(pg::Connection::make_query("SELECT v FROM n WHERE v = $1", 2));
  try {
    c.run_all(std::move(failing));
    FAIL("a division by zero in a pipeline was not reported");
  } catch (const pg::Error& e) {
    CHECK(e.sqlstate() == "22012");
    CHECK(std::string(e.what()).find("SELECT v / 0") != std::string::npos);
  }
  CHECK(c.query("SELECT COUNT(*) FROM n WHERE v > $1", 0).integer(0, 0) == 3);
}
