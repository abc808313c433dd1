#include <doctest/doctest.h>

#include <filesystem>
#include <random>
#include <stdexcept>
#include <string>

#include "storage/sqlite.hpp"
#include "storage/store.hpp"

using namespace certrenew::server;
namespace fs = std::filesystem;

namespace {

// A database file in a fresh temporary folder, removed afterwards.
struct TempDb {
  fs::path dir;
  TempDb() {
    std::random_device rd;
    dir = fs::temp_directory_path() /
          ("certrenew-store-" + std::to_string(rd()) + std::to_string(rd()));
    fs::create_directories(dir);
  }
  ~TempDb() { fs::remove_all(dir); }
  fs::path file() const { return dir / "server.db"; }
};

ApplicationRecord sample(std::string business_no, std::string serial = "0a1b") {
  ApplicationRecord r;
  r.business_no = std::move(business_no);
  r.order_no = "20260921" + r.business_no.substr(r.business_no.size() - 4);
  r.request_sha256 = "sha-" + r.business_no;
  r.state = "entered";
  r.payment_state = "unpaid";
  r.old_cert_serial = std::move(serial);
  r.old_cert_der = {0x30, 0x03, 0x02, 0x01, 0x01};
  r.old_not_after = 1'800'000'000;
  r.csr_der = {0x30, 0x00};
  r.period_months = 24;
  r.total_fen = 20000;
  r.form_json = R"({"operator":{"name":"胡"}})";
  r.agreement_version = "2026.1";
  r.agreement_sha256 = "abc";
  r.created_at = r.updated_at = 1'790'000'000;
  return r;
}

}  // namespace

TEST_CASE("a new database gets the whole schema, and reopening keeps the data") {
  TempDb tmp;
  std::int64_t id = 0;
  {
    auto store = open_sqlite_store(tmp.file());
    CHECK(store->schema_version() >= 1);
    store->transact([&](StoreTx& tx) { id = tx.insert_application(sample("01202609210000001")); });
  }
  auto store = open_sqlite_store(tmp.file());
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

TEST_CASE("a transaction that throws leaves nothing behind") {
  TempDb tmp;
  auto store = open_sqlite_store(tmp.file());
  CHECK_THROWS_AS(store->transact([](StoreTx& tx) {
    tx.insert_application(sample("01202609210000002"));
    tx.next_sequence("business:20260921");
    throw std::runtime_error("validation failed after the insert");
  }),
                  std::runtime_error);
  store->transact([](StoreTx& tx) {
    CHECK_FALSE(tx.application_by_business_no("01202609210000002"));
    CHECK(tx.next_sequence("business:20260921") == 1);  // the rolled-back increment is gone
  });
}

TEST_CASE("sequences count per name") {
  TempDb tmp;
  auto store = open_sqlite_store(tmp.file());
  store->transact([](StoreTx& tx) {
    CHECK(tx.next_sequence("a") == 1);
    CHECK(tx.next_sequence("a") == 2);
    CHECK(tx.next_sequence("b") == 1);
    CHECK(tx.next_sequence("a") == 3);
  });
}

TEST_CASE("a nonce is accepted once until it expires") {
  TempDb tmp;
  auto store = open_sqlite_store(tmp.file());
  store->transact([](StoreTx& tx) {
    CHECK(tx.claim_nonce("n1", 1000, 500));
    CHECK_FALSE(tx.claim_nonce("n1", 1000, 600));
    CHECK(tx.claim_nonce("n2", 1000, 600));
    CHECK(tx.claim_nonce("n1", 3000, 2000));  // the first claim expired at 1000
  });
}

TEST_CASE("unique business numbers and idempotency keys are enforced by the database") {
  TempDb tmp;
  auto store = open_sqlite_store(tmp.file());
  store->transact([](StoreTx& tx) { tx.insert_application(sample("01202609210000003")); });
  auto dup = sample("01202609210000003");
  dup.request_sha256 = "other";
  dup.order_no = "202609219999";
  CHECK_THROWS_AS(store->transact([&](StoreTx& tx) { tx.insert_application(dup); }), sqlite::Error);
  auto same_request = sample("01202609210000004");
  same_request.request_sha256 = "sha-01202609210000003";
  CHECK_THROWS_AS(store->transact([&](StoreTx& tx) { tx.insert_application(same_request); }),
                  sqlite::Error);
  store->transact([](StoreTx& tx) {
    auto by_request = tx.application_by_request("sha-01202609210000003");
    REQUIRE(by_request);
    CHECK(by_request->business_no == "01202609210000003");
  });
}

TEST_CASE("open applications are found by certificate serial until they are closed") {
  TempDb tmp;
  auto store = open_sqlite_store(tmp.file());
  store->transact([](StoreTx& tx) {
    auto r = sample("01202609210000005", "cafe");
    r.id = tx.insert_application(r);
    CHECK(tx.open_application_for("cafe"));
    CHECK_FALSE(tx.open_application_for("beef"));
    r.state = "cancelled";
    r.updated_at += 10;
    tx.update_application(r);
    CHECK_FALSE(tx.open_application_for("cafe"));
  });
}

TEST_CASE("state, reason and issued certificate are updated; unknown ids are refused") {
  TempDb tmp;
  auto store = open_sqlite_store(tmp.file());
  store->transact([](StoreTx& tx) {
    auto r = sample("01202609210000006");
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
    CHECK_THROWS_AS(tx.update_application(ghost), sqlite::Error);
  });
}

TEST_CASE("bank transfer records are replaced as a set, with the events kept in order") {
  TempDb tmp;
  auto store = open_sqlite_store(tmp.file());
  store->transact([](StoreTx& tx) {
    auto id = tx.insert_application(sample("01202609210000007"));
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

TEST_CASE("a non-positive transfer amount is refused by the schema") {
  TempDb tmp;
  auto store = open_sqlite_store(tmp.file());
  std::int64_t id = 0;
  store->transact([&](StoreTx& tx) { id = tx.insert_application(sample("01202609210000008")); });
  CHECK_THROWS_AS(store->transact([&](StoreTx& tx) {
    tx.replace_bank_transfers(id, {{0, "6222", "x", 0, "2026-09-21", ""}});
  }),
                  sqlite::Error);
}

TEST_CASE("online payments are inserted then updated in place") {
  TempDb tmp;
  auto store = open_sqlite_store(tmp.file());
  store->transact([](StoreTx& tx) {
    auto id = tx.insert_application(sample("01202609210000009"));
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
TEST_CASE("an application's online payments are listed oldest first with their links") {
  TempDb tmp;
  auto store = open_sqlite_store(tmp.file());
  store->transact([](StoreTx& tx) {
    auto id = tx.insert_application(sample("01202609210000011"));
    auto other = tx.insert_application(sample("01202609210000012"));
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

TEST_CASE("SQL metacharacters in text are stored as text") {
  TempDb tmp;
  auto store = open_sqlite_store(tmp.file());
  store->transact([](StoreTx& tx) {
    auto r = sample("01202609210000010");
    r.form_json = "'); DROP TABLE applications; --";
    tx.insert_application(r);
    auto back = tx.application_by_business_no("01202609210000010");
    REQUIRE(back);
    CHECK(back->form_json == "'); DROP TABLE applications; --");
    CHECK_FALSE(tx.application_by_business_no("' OR '1'='1"));
  });
}

TEST_CASE("a database from a newer server is refused with the versions named") {
  TempDb tmp;
  { open_sqlite_store(tmp.file()); }
  {
    sqlite::Database db(tmp.file());
    db.exec(
        "INSERT INTO schema_migrations (version, description, applied_at) VALUES (99, 'future', "
        "0)");
  }
  try {
    open_sqlite_store(tmp.file());
    FAIL("a newer schema was accepted");
  } catch (const sqlite::Error& e) {
    CHECK(std::string(e.what()).find("version 99") != std::string::npos);
  }
}

TEST_CASE("the list is newest first and filters by state") {
  TempDb tmp;
  auto store = open_sqlite_store(tmp.file());
  store->transact([](StoreTx& tx) {
    for (int i = 0; i < 5; ++i) {
      auto r = sample("0120260921000002" + std::to_string(i));
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
