// Issue 22: the issuer's jobs in the store, on both backends: one pending job of a kind per
// application, claims with a lease (one job by id for the built-in CA's at-once attempt), and a
// settlement only by the worker that holds the claim.
#include <doctest/doctest.h>

#include "store_backends.hpp"
#include "store_samples.hpp"

using namespace certrenew::server;
using namespace certrenew::server::testing;

TEST_CASE_TEMPLATE("issuer jobs: one pending per kind, leased claims, settled by the holder", Db,
                   BACKENDS) {
  OPEN_STORE_OR_SKIP(Db, db, store);
  CHECK(store->schema_version() >= 9);
  std::int64_t app = 0, issue = 0, revoke = 0;
  store->transact([&](StoreTx& tx) {
    app = tx.insert_application(sample_application("01202612050000001", "0c0d", "approved"));
    issue = tx.add_issuer_job(pending_issuer_job(app, "issue", 1000));
    revoke = tx.add_issuer_job(pending_issuer_job(app, "revoke", 2000));
    CHECK(issue != revoke);
  });
  // A second pending issuance for the same application is refused, and changes nothing.
  CHECK_THROWS_AS(
      store->transact([&](StoreTx& tx) { tx.add_issuer_job(pending_issuer_job(app, "issue", 1)); }),
      StoreConflict);
  store->transact([&](StoreTx& tx) {
    CHECK(tx.issuer_jobs(app).size() == 2);
    CHECK(tx.pending_issuer_jobs() == 2);
  });

  std::vector<IssuerJob> a, b;
  store->transact([&](StoreTx& tx) { a = tx.claim_issuer_jobs("worker-a", 1500, 1510, 10); });
  REQUIRE(a.size() == 1);  // the revocation is not due yet
  CHECK(a[0].id == issue);
  store->transact([&](StoreTx& tx) {
    CHECK(tx.claim_issuer_jobs("worker-b", 1500, 1510, 10).empty());  // held by worker-a
    CHECK(tx.claim_issuer_jobs("inline", 1500, 1510, 1, issue).empty());
  });
  // worker-a died mid-job: once its lease ends, the job is taken up again, here by id.
  store->transact([&](StoreTx& tx) { b = tx.claim_issuer_jobs("inline", 1510, 1600, 1, issue); });
  REQUIRE(b.size() == 1);
  CHECK(b[0].id == issue);
  const OutboxSettlement retry{"pending", 1, 1700, "the CA did not answer", 0};
  store->transact([&](StoreTx& tx) {
    CHECK_FALSE(tx.settle_issuer_job(issue, "worker-a", retry));  // no longer its claim
    CHECK(tx.settle_issuer_job(issue, "inline", retry));
  });
  store->transact([&](StoreTx& tx) {
    CHECK(tx.claim_issuer_jobs("worker-b", 1650, 1700, 10).empty());  // waits until 1700
    auto again = tx.claim_issuer_jobs("worker-b", 1700, 1800, 10);
    REQUIRE(again.size() == 1);
    CHECK(again[0].attempts == 1);
    CHECK(again[0].last_error == "the CA did not answer");
    CHECK(tx.settle_issuer_job(issue, "worker-b", {"done", 2, 1700, "", 1701}));
    CHECK_FALSE(tx.settle_issuer_job(issue, "worker-b", {"done", 2, 1700, "", 1701}));
    const auto jobs = tx.issuer_jobs(app);
    REQUIRE(jobs.size() == 2);
    CHECK(jobs[0].state == "done");
    CHECK(jobs[0].finished_at == 1701);
    CHECK(tx.pending_issuer_jobs() == 1);
    // Done, a new issuance of the same application may be queued (approved again after review).
    CHECK(tx.add_issuer_job(pending_issuer_job(app, "issue", 1800)) > 0);
  });
}
