#include <doctest/doctest.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <mutex>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "postgres_cluster.hpp"
#include "storage/postgres/pg_connection.hpp"
#include "storage/sqlite.hpp"
#include "storage/store.hpp"
#include "store_backends.hpp"
#include "store_samples.hpp"

using namespace certrenew::server;
using namespace certrenew::server::testing;
namespace fs = std::filesystem;

// Every case runs on both backends (TEST_CASE_TEMPLATE over SqliteDb and PostgresDb): the same
// calls must mean the same on each.

namespace {

// Runs `body(store, thread)` on `n` threads at once, alternating between two stores on one
// database, which stand for two instances (two processes, or two connections).
void on_two_stores(Store& a, Store& b, int n, const std::function<void(Store&, int)>& body) {
  std::vector<std::thread> threads;
  for (int t = 0; t < n; ++t) threads.emplace_back([&, t] { body(t % 2 ? a : b, t); });
  for (auto& t : threads) t.join();
}

}  // namespace

TEST_CASE_TEMPLATE("a new database gets the whole schema, and reopening keeps the data", Db,
                   BACKENDS) {
  Db db;
  SKIP_IF_UNAVAILABLE(db);
  std::int64_t id = 0;
  {
    auto store = db.open();
    CHECK(store->schema_version() >= 1);
    store->transact(
        [&](StoreTx& tx) { id = tx.insert_application(sample_application("01202609210000001")); });
  }
  auto store = db.open();
  store->transact([&](StoreTx& tx) {
    auto found = tx.application_by_business_no("01202609210000001");
    REQUIRE(found);
    CHECK(found->id == id);
    CHECK(found->form_json == R"({"operator":{"name":"胡"}})");
    CHECK(found->old_cert_der == Blob{0x30, 0x03, 0x02, 0x01, 0x01});
    CHECK_FALSE(found->reject_reason);
    CHECK_FALSE(found->new_cert_der);
  });
}

TEST_CASE_TEMPLATE("a transaction that throws leaves nothing behind", Db, BACKENDS) {
  OPEN_STORE_OR_SKIP(Db, db, store);
  CHECK_THROWS_AS(store->transact([](StoreTx& tx) {
    tx.insert_application(sample_application("01202609210000002"));
    tx.next_sequence("business:20260921");
    throw std::runtime_error("validation failed after the insert");
  }),
                  std::runtime_error);
  store->transact([](StoreTx& tx) {
    CHECK_FALSE(tx.application_by_business_no("01202609210000002"));
    CHECK(tx.next_sequence("business:20260921") == 1);  // the rolled-back increment is gone
  });
}

TEST_CASE_TEMPLATE("sequences count per name", Db, BACKENDS) {
  OPEN_STORE_OR_SKIP(Db, db, store);
  store->transact([](StoreTx& tx) {
    CHECK(tx.next_sequence("a") == 1);
    CHECK(tx.next_sequence("a") == 2);
    CHECK(tx.next_sequence("b") == 1);
    CHECK(tx.next_sequence("a") == 3);
  });
}

TEST_CASE_TEMPLATE("a nonce is accepted once until it expires", Db, BACKENDS) {
  OPEN_STORE_OR_SKIP(Db, db, store);
  store->transact([](StoreTx& tx) {
    CHECK(tx.claim_nonce("n1", 1000, 500));
    CHECK_FALSE(tx.claim_nonce("n1", 1000, 600));
    CHECK(tx.claim_nonce("n2", 1000, 600));
    CHECK(tx.claim_nonce("n1", 3000, 2000));  // the first claim expired at 1000
  });
}

TEST_CASE_TEMPLATE("unique business numbers and idempotency keys are enforced by the database", Db,
                   BACKENDS) {
  OPEN_STORE_OR_SKIP(Db, db, store);
  store->transact(
      [](StoreTx& tx) { tx.insert_application(sample_application("01202609210000003")); });
  auto dup = sample_application("01202609210000003");
  dup.request_sha256 = "other";
  dup.order_no = "202609219999";
  CHECK_THROWS_AS(store->transact([&](StoreTx& tx) { tx.insert_application(dup); }), StoreConflict);
  auto same_request = sample_application("01202609210000004", "5ec0nd");
  same_request.request_sha256 = "sha-01202609210000003";
  try {
    store->transact([&](StoreTx& tx) { tx.insert_application(same_request); });
    FAIL("the same request was stored twice");
  } catch (const StoreConflict& e) {
    CHECK(e.rule() == StoreConflict::Rule::same_request);
  }
  store->transact([](StoreTx& tx) {
    auto by_request = tx.application_by_request("sha-01202609210000003");
    REQUIRE(by_request);
    CHECK(by_request->business_no == "01202609210000003");
  });
}

TEST_CASE_TEMPLATE("open applications are found by certificate serial until they are closed", Db,
                   BACKENDS) {
  OPEN_STORE_OR_SKIP(Db, db, store);
  store->transact([](StoreTx& tx) {
    auto r = sample_application("01202609210000005", "cafe");
    r.id = tx.insert_application(r);
    CHECK(tx.open_application_for("cafe"));
    CHECK_FALSE(tx.open_application_for("beef"));
    r.state = "cancelled";
    r.updated_at += 10;
    tx.update_application(r);
    CHECK_FALSE(tx.open_application_for("cafe"));
  });
}

TEST_CASE_TEMPLATE("state, reason and issued certificate are updated; unknown ids are refused", Db,
                   BACKENDS) {
  OPEN_STORE_OR_SKIP(Db, db, store);
  store->transact([](StoreTx& tx) {
    auto r = sample_application("01202609210000006");
    r.id = tx.insert_application(r);
    r.state = "approved";
    r.payment_state = "paid";
    r.new_cert_der = Blob{1, 2, 3};
    tx.update_application(r);
    auto again = tx.application_by_business_no(r.business_no);
    REQUIRE(again);
    CHECK(again->state == "approved");
    CHECK(again->payment_state == "paid");
    CHECK(again->new_cert_der == Blob{1, 2, 3});
    auto ghost = r;
    ghost.id = 999;
    CHECK_THROWS_AS(tx.update_application(ghost), std::runtime_error);
  });
}

TEST_CASE_TEMPLATE("bank transfer records are replaced as a set, with the events kept in order", Db,
                   BACKENDS) {
  OPEN_STORE_OR_SKIP(Db, db, store);
  store->transact([](StoreTx& tx) {
    auto id = tx.insert_application(sample_application("01202609210000007"));
    tx.replace_bank_transfers(id, {{0, "6222 0000", "广州某公司", 10000, "2026-09-21", ""},
                                   {0, "6222 0001", "广州某公司", 10000, "2026-09-22", "second"}});
    CHECK(tx.bank_transfers(id).size() == 2);
    tx.replace_bank_transfers(id, {{0, "6222 0002", "广州某公司", 20000, "2026-09-23", "one"}});
    auto now = tx.bank_transfers(id);
    REQUIRE(now.size() == 1);
    CHECK(now[0].amount_fen == 20000);
    CHECK(now[0].payer_name == "广州某公司");
    tx.append_event(id, {1, "applicant", "created", ""});
    tx.append_event(id, {2, "operator:finance", "payment_confirmed", "ok"});
    auto ev = tx.events(id);
    REQUIRE(ev.size() == 2);
    CHECK(ev[1].kind == "payment_confirmed");
  });
}

TEST_CASE_TEMPLATE("a non-positive transfer amount is refused by the schema", Db, BACKENDS) {
  OPEN_STORE_OR_SKIP(Db, db, store);
  std::int64_t id = 0;
  store->transact(
      [&](StoreTx& tx) { id = tx.insert_application(sample_application("01202609210000008")); });
  CHECK_THROWS_AS(store->transact([&](StoreTx& tx) {
    tx.replace_bank_transfers(id, {{0, "6222", "x", 0, "2026-09-21", ""}});
  }),
                  std::runtime_error);
}

TEST_CASE_TEMPLATE("online payments are inserted then updated in place", Db, BACKENDS) {
  OPEN_STORE_OR_SKIP(Db, db, store);
  store->transact([](StoreTx& tx) {
    auto id = tx.insert_application(sample_application("01202609210000009"));
    tx.put_online_payment({"pay-1", id, 20000, "pending", "", 10, 10});
    tx.put_online_payment({"pay-1", id, 20000, "paid", "gw-77", 10, 20});
    auto p = tx.online_payment("pay-1");
    REQUIRE(p);
    CHECK(p->state == "paid");
    CHECK(p->gateway_ref == "gw-77");
    CHECK(p->created_at == 10);
    CHECK_FALSE(tx.online_payment("pay-2"));
  });
}

// Issue 16 (one live online payment per application): an application's payments in the order
// they were started, and the link the payer was given for each.
TEST_CASE_TEMPLATE("an application's online payments are listed oldest first with their links", Db,
                   BACKENDS) {
  OPEN_STORE_OR_SKIP(Db, db, store);
  store->transact([](StoreTx& tx) {
    auto id = tx.insert_application(sample_application("01202609210000011"));
    auto other = tx.insert_application(sample_application("01202609210000012", "0c2d"));
    tx.put_online_payment({"pay-b", id, 20000, "pending", "", 20, 20});
    tx.put_online_payment({"pay-a", id, 20000, "closed", "", 10, 30});
    tx.put_online_payment({"pay-c", other, 20000, "pending", "", 15, 15});
    const auto list = tx.online_payments_of(id);
    REQUIRE(list.size() == 2);
    CHECK(list[0].id == "pay-a");
    CHECK(list[0].state == "closed");
    CHECK(list[1].id == "pay-b");
    CHECK(tx.online_payments_of(id + 100).empty());

    CHECK_FALSE(tx.payment_link("pay-b"));
    tx.put_payment_link({"pay-b", "https://gw/pay/b", "qr-b", 1000});
    tx.put_payment_link({"pay-b", "https://gw/pay/b2", "qr-b2", 2000});  // replaced
    auto link = tx.payment_link("pay-b");
    REQUIRE(link);
    CHECK(link->pay_url == "https://gw/pay/b2");
    CHECK(link->qr_text == "qr-b2");
    CHECK(link->expires_at == 2000);
  });
  // A link for a payment that does not exist is refused by the schema.
  CHECK_THROWS(store->transact([](StoreTx& tx) {
    tx.put_payment_link({"no-such-payment", "u", "q", 1});
  }));
}

TEST_CASE_TEMPLATE("SQL metacharacters in text are stored as text", Db, BACKENDS) {
  OPEN_STORE_OR_SKIP(Db, db, store);
  store->transact([](StoreTx& tx) {
    auto r = sample_application("01202609210000010");
    r.form_json = "'); DROP TABLE applications; --";
    tx.insert_application(r);
    auto back = tx.application_by_business_no("01202609210000010");
    REQUIRE(back);
    CHECK(back->form_json == "'); DROP TABLE applications; --");
    CHECK_FALSE(tx.application_by_business_no("' OR '1'='1"));
  });
}

TEST_CASE_TEMPLATE("a database from a newer server is refused with the versions named", Db,
                   BACKENDS) {
  Db db;
  SKIP_IF_UNAVAILABLE(db);
  { db.open(); }
  db.exec(
      "INSERT INTO schema_migrations (version, description, applied_at) VALUES (99, 'future', 0)");
  try {
    db.open();
    FAIL("a newer schema was accepted");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()).find("version 99") != std::string::npos);
  }
}

TEST_CASE_TEMPLATE("the list is newest first and filters by state", Db, BACKENDS) {
  OPEN_STORE_OR_SKIP(Db, db, store);
  store->transact([](StoreTx& tx) {
    for (int i = 0; i < 5; ++i) {
      auto r =
          sample_application("0120260921000002" + std::to_string(i), "c0de0" + std::to_string(i));
      r.created_at += i;
      r.state = i % 2 ? "under_review" : "entered";
      tx.insert_application(r);
    }
    auto all = tx.list_applications("", 10, 0);
    REQUIRE(all.size() == 5);
    CHECK(all.front().business_no == "01202609210000024");
    CHECK(tx.list_applications("under_review", 10, 0).size() == 2);
    CHECK(tx.list_applications("", 2, 4).size() == 1);
  });
}

TEST_CASE_TEMPLATE("a certificate has at most one open application, by the schema", Db, BACKENDS) {
  OPEN_STORE_OR_SKIP(Db, db, store);
  ApplicationRecord first = sample_application("01202609210000031", "0pen");
  store->transact([&](StoreTx& tx) { first.id = tx.insert_application(first); });
  try {
    store->transact([](StoreTx& tx) {
      tx.insert_application(sample_application("01202609210000032", "0pen"));
    });
    FAIL("a second open application was stored");
  } catch (const StoreConflict& e) {
    CHECK(e.rule() == StoreConflict::Rule::one_open_application);
  }
  store->transact([&](StoreTx& tx) {
    CHECK(tx.open_application_for("0pen")->business_no == "01202609210000031");
    first.state = "cancelled";
    tx.update_application(first);
    tx.insert_application(
        sample_application("01202609210000033", "0pen"));  // the first one is closed now
    CHECK(tx.open_application_for("0pen")->business_no == "01202609210000033");
  });
}

TEST_CASE_TEMPLATE("numbers drawn concurrently through two stores are never handed out twice", Db,
                   BACKENDS) {
  OPEN_STORE_OR_SKIP(Db, db, a);
  auto b = db.open();
  constexpr int kPerThread = 25;
  std::vector<std::vector<std::int64_t>> drawn(4);
  on_two_stores(*a, *b, 4, [&](Store& store, int t) {
    for (int i = 0; i < kPerThread; ++i)
      store.transact([&](StoreTx& tx) { drawn[t].push_back(tx.next_sequence("business:x")); });
  });
  std::set<std::int64_t> all;
  for (const auto& d : drawn) all.insert(d.begin(), d.end());
  CHECK(all.size() == 4 * kPerThread);
  CHECK(*all.begin() == 1);
  CHECK(*all.rbegin() == 4 * kPerThread);  // gapless
}

TEST_CASE_TEMPLATE("the same nonce claimed concurrently through two stores is granted once", Db,
                   BACKENDS) {
  OPEN_STORE_OR_SKIP(Db, db, a);
  auto b = db.open();
  for (int round = 0; round < 10; ++round) {
    const std::string nonce = "nonce-" + std::to_string(round);
    std::atomic<int> granted{0};
    on_two_stores(*a, *b, 4, [&](Store& store, int) {
      store.transact([&](StoreTx& tx) {
        if (tx.claim_nonce(nonce, 5000, 1000)) ++granted;
      });
    });
    CHECK(granted == 1);
  }
}

TEST_CASE_TEMPLATE("concurrent inserts of one certificate's application: one wins, one conflicts",
                   Db, BACKENDS) {
  OPEN_STORE_OR_SKIP(Db, db, a);
  auto b = db.open();
  for (int round = 0; round < 10; ++round) {
    const std::string serial = "race" + std::to_string(round);
    std::atomic<int> stored{0}, conflicts{0};
    on_two_stores(*a, *b, 2, [&](Store& store, int t) {
      try {
        store.transact([&](StoreTx& tx) {
          if (tx.open_application_for(serial)) return;  // the service's own look first
          tx.insert_application(
              sample_application("0120260922" + std::to_string(1000000 + round * 2 + t), serial));
          ++stored;
        });
      } catch (const StoreConflict& e) {
        if (e.rule() == StoreConflict::Rule::one_open_application) ++conflicts;
      }
    });
    // Never two open applications for one certificate.
    a->transact([&](StoreTx& tx) { CHECK(tx.applications_since(serial, 0) == 1); });
    CHECK(stored == 1);  // the loser saw the winner's row, or its insert hit the constraint
    CHECK(conflicts <= 1);
  }
}

// --- Notifications (issue 19): the outbox and the certificates watched for expiry ---

TEST_CASE_TEMPLATE("the outbox: one message per dedup key, exclusive claims, settled once", Db,
                   BACKENDS) {
  OPEN_STORE_OR_SKIP(Db, db, store);
  std::int64_t app = 0;
  store->transact([&](StoreTx& tx) {
    app = tx.insert_application(sample_application("01202609210000001"));
    CHECK(tx.add_outbox_message(sample_outbox_message(app, "app:1:submitted:email")));
    CHECK_FALSE(tx.add_outbox_message(sample_outbox_message(app, "app:1:submitted:email")));
    auto later = sample_outbox_message(app, "app:1:approved:email");
    later.next_attempt_at = 2000;
    CHECK(tx.add_outbox_message(later));
    auto unsent = sample_outbox_message(app, "app:1:submitted:sms");
    unsent.state = "unsent";
    CHECK(tx.add_outbox_message(unsent));
    // Queued (the notifier's way, deferred on PostgreSQL): the same rule, the first one stays.
    auto again = sample_outbox_message(app, "app:1:submitted:sms");
    again.recipient = "someone-else@example.cn";
    tx.queue_outbox_message(again);
    const auto listed = tx.outbox_messages(app);
    REQUIRE(listed.size() == 3);
    CHECK(listed[2].recipient == "hu@example.cn");
    CHECK(listed[2].state == "unsent");
  });
  std::vector<OutboxMessage> a, b;
  store->transact([&](StoreTx& tx) { a = tx.claim_outbox_messages("worker-a", 1500, 1510, 10); });
  store->transact([&](StoreTx& tx) { b = tx.claim_outbox_messages("worker-b", 1500, 1510, 10); });
  REQUIRE(a.size() == 1);  // the other is not due, the SMS not to be sent
  CHECK(a[0].dedup_key == "app:1:submitted:email");
  CHECK(b.empty());  // held by worker-a
  // worker-a dies; once its claim runs out worker-b takes the message over.
  store->transact([&](StoreTx& tx) { b = tx.claim_outbox_messages("worker-b", 1510, 1520, 10); });
  REQUIRE(b.size() == 1);
  CHECK(b[0].id == a[0].id);
  const OutboxSettlement sent{"sent", 1, 1000, "", 1511};
  store->transact([&](StoreTx& tx) {
    CHECK_FALSE(tx.settle_outbox_message(a[0].id, "worker-a", sent));  // no longer its claim
    CHECK(tx.settle_outbox_message(b[0].id, "worker-b", sent));
    CHECK_FALSE(tx.settle_outbox_message(b[0].id, "worker-b", sent));  // settled already
    CHECK(tx.claim_outbox_messages("worker-c", 1600, 1700, 10).empty());
    auto all = tx.outbox_messages(app);
    REQUIRE(all.size() == 3);
    CHECK(all[0].state == "sent");
    CHECK(all[0].attempts == 1);
    CHECK(all[0].sent_at == 1511);
    CHECK(all[2].state == "unsent");
  });
}

TEST_CASE_TEMPLATE("two instances claiming the outbox at once never hold the same message", Db,
                   BACKENDS) {
  OPEN_STORE_OR_SKIP(Db, db, a);
  auto b = db.open();
  constexpr int kMessages = 60;
  a->transact([&](StoreTx& tx) {
    auto app = tx.insert_application(sample_application("01202609210000001"));
    for (int i = 0; i < kMessages; ++i)
      tx.add_outbox_message(sample_outbox_message(app, "m" + std::to_string(i)));
  });
  std::mutex mutex;
  std::vector<std::int64_t> claimed;
  on_two_stores(*a, *b, 6, [&](Store& store, int t) {
    for (int round = 0; round < 20; ++round) {
      std::vector<OutboxMessage> got;
      store.transact([&](StoreTx& tx) {
        got = tx.claim_outbox_messages("w" + std::to_string(t), 1000, 5000, 3);
      });
      std::lock_guard lock(mutex);
      for (const auto& m : got) claimed.push_back(m.id);
    }
  });
  std::set<std::int64_t> distinct(claimed.begin(), claimed.end());
  CHECK(claimed.size() == distinct.size());
  CHECK(distinct.size() == kMessages);
}

TEST_CASE_TEMPLATE("watched certificates: the latest application is the contact", Db, BACKENDS) {
  OPEN_STORE_OR_SKIP(Db, db, store);
  store->transact([&](StoreTx& tx) {
    auto first = tx.insert_application(sample_application("01202609210000001", "AA"));
    auto second = tx.insert_application(sample_application("01202609210000002", "BB"));
    tx.watch_certificate({"AA", 5000, second});
    tx.watch_certificate({"AA", 5000, first});  // an older application does not take over
    tx.watch_certificate({"BB", 3000, first});
    tx.watch_certificate({"CC", 9000, first});
    auto due = tx.certificates_expiring(1000, 6000);
    REQUIRE(due.size() == 2);
    CHECK(due[0].serial_hex == "BB");
    CHECK(due[1].serial_hex == "AA");
    CHECK(due[1].application_id == second);
    CHECK(tx.certificates_expiring(3000, 6000).size() == 1);  // expired ones get no reminder
  });
}

TEST_CASE(
    "PostgreSQL: pooled connections cut by the server are replaced without failing a request") {
  OPEN_STORE_OR_SKIP(PostgresDb, db, store);
  store->transact([](StoreTx& tx) { tx.next_sequence("restart"); });
  // What a database restart or failover does to the idle connections in the pool.
  pg::Connection admin(db.url);
  CHECK(admin
            .query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                   "WHERE datname = current_database() AND pid <> pg_backend_pid()")
            .rows() >= 1);
  std::int64_t next = 0;
  store->transact([&](StoreTx& tx) { next = tx.next_sequence("restart"); });
  CHECK(next == 2);
}
