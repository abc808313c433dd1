// Issue 17 (the console at a CA's scale): the application list is one indexed query over columns
// kept beside each application. These cases store more applications than the old list's 2,000
// cap, page through all of them in both orders, search in the database (wildcards literal, any
// case, Chinese names), fill the columns of rows stored before migration 10, and narrow the
// refunds page to the applications that may have money to refund.
#include <doctest/doctest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>

#include "service/application_listing.hpp"
#include "storage/application_listing_sql.hpp"
#include "storage/backend_calls.hpp"
#include "storage/console_store.hpp"
#include "storage/migrations.hpp"
#include "store_backends.hpp"
#include "store_samples.hpp"
#include "test_pki.hpp"

using namespace certrenew::server;
using namespace certrenew::server::testing;

namespace {

constexpr int kApplications = 2'300;  // more than the 2,000 the list used to stop at
constexpr std::int64_t kFirstCreated = 1'790'000'000;

std::string business_no(int i) {
  const std::string n = std::to_string(i);
  return "0120260921" + std::string(7 - n.size(), '0') + n;
}

// Application i: created i seconds after the first, its subject and operator named after i;
// number 1234 carries wildcards in its subject, number 2299 a Chinese operator.
ApplicationRecord numbered(int i) {
  ApplicationRecord r = sample_application(business_no(i), "5e" + std::to_string(i));
  r.created_at = r.updated_at = kFirstCreated + i;
  r.subject = i == 1234 ? "CN=Zeta 100%_Works" : "CN=Company " + std::to_string(i) + ", O=Acme";
  r.operator_name = i == 2299 ? "王五" : "Operator " + std::to_string(i);
  if (i % 3 == 0) r.state = "under_review";
  return r;
}

ApplicationPage page_of(Store& store, const ApplicationQuery& q) {
  ApplicationPage page;
  store.transact([&](StoreTx& tx) { page = tx.console().list_applications(q); });
  return page;
}

// Every page of the query, following the cursors; the business numbers in the order listed.
std::vector<std::string> all_pages(Store& store, ApplicationQuery q) {
  std::vector<std::string> out;
  for (;;) {
    const ApplicationPage page = page_of(store, q);
    CHECK(page.rows.size() <= static_cast<std::size_t>(q.limit));
    for (const auto& row : page.rows) out.push_back(row.business_no);
    if (!page.next) return out;
    q.after = page.next;
  }
}

// While it lives, what the service logs goes to `out` instead of the default logger's sink.
class LogCapture {
 public:
  explicit LogCapture(std::ostream& out) : saved_(spdlog::default_logger()) {
    spdlog::set_default_logger(std::make_shared<spdlog::logger>(
        "captured", std::make_shared<spdlog::sinks::ostream_sink_st>(out)));
  }
  LogCapture(const LogCapture&) = delete;
  LogCapture& operator=(const LogCapture&) = delete;
  ~LogCapture() { spdlog::set_default_logger(saved_); }

 private:
  std::shared_ptr<spdlog::logger> saved_;
};

}  // namespace

TEST_CASE_TEMPLATE("the application list pages through every application in either order", Db,
                   BACKENDS) {
  OPEN_STORE_OR_SKIP(Db, db, store);
  store->transact([&](StoreTx& tx) {
    for (int i = 0; i < kApplications; ++i) tx.insert_application(numbered(i));
  });

  ApplicationQuery q;
  q.limit = 200;
  const ApplicationPage first = page_of(*store, q);
  CHECK(first.matched == kApplications);
  REQUIRE(first.rows.size() == 200);
  CHECK(first.rows.front().business_no == business_no(0));
  CHECK(first.rows.front().subject == "CN=Company 0, O=Acme");
  CHECK(first.rows.front().operator_name == "Operator 0");
  CHECK(first.rows.front().total_fen == 20000);
  CHECK(first.rows.front().created_at == kFirstCreated);
  REQUIRE(first.next);

  const auto oldest_first = all_pages(*store, q);
  REQUIRE(oldest_first.size() == kApplications);
  CHECK(oldest_first.back() == business_no(kApplications - 1));
  CHECK(std::set<std::string>(oldest_first.begin(), oldest_first.end()).size() == kApplications);

  q.newest_first = true;
  const ApplicationPage newest = page_of(*store, q);
  REQUIRE_FALSE(newest.rows.empty());
  CHECK(newest.rows.front().business_no == business_no(kApplications - 1));  // past the old cap
  auto newest_first = all_pages(*store, q);
  std::reverse(newest_first.begin(), newest_first.end());
  CHECK(newest_first == oldest_first);

  // Filters count every match, on every page.
  ApplicationQuery review;
  review.state = "under_review";
  review.limit = 10;
  const ApplicationPage under_review = page_of(*store, review);
  CHECK(under_review.matched == (kApplications + 2) / 3);
  CHECK(under_review.rows.size() == 10);
  for (const auto& row : under_review.rows) CHECK(row.state == "under_review");
}

TEST_CASE_TEMPLATE("the application list is searched by the database", Db, BACKENDS) {
  OPEN_STORE_OR_SKIP(Db, db, store);
  store->transact([&](StoreTx& tx) {
    for (int i = 0; i < kApplications; ++i) tx.insert_application(numbered(i));
  });
  const auto matches = [&](std::string search, std::string state = "") {
    ApplicationQuery q;
    q.search = std::move(search);
    q.state = std::move(state);
    q.limit = 5;
    return page_of(*store, q);
  };
  // Any case; past the old cap; the wildcards of LIKE are plain characters.
  CHECK(matches("zeta 100%_works").matched == 1);
  CHECK(matches("ZETA").rows.at(0).business_no == business_no(1234));
  CHECK(matches("100%").matched == 1);
  CHECK(matches("%").matched == 1);
  CHECK(matches("_").matched == 1);
  CHECK(matches("\\").matched == 0);
  CHECK(matches("王五").rows.at(0).business_no == business_no(2299));
  CHECK(matches("operator 2298").matched == 1);
  CHECK(matches(business_no(2250).substr(10)).matched == 1);  // by business number
  const ApplicationPage companies = matches("company 12");    // 12, 120–129, 1200–1299 but 1234
  CHECK(companies.matched == 1 + 10 + 99);
  CHECK(companies.rows.size() == 5);
  CHECK(companies.next);
  CHECK(matches("company 12", "under_review").matched == 1 + 4 + 34);  // i % 3 == 0
  CHECK(matches("nobody").matched == 0);
  CHECK_FALSE(matches("nobody").next);
}

TEST_CASE_TEMPLATE("applications stored before migration 10 get their list columns", Db, BACKENDS) {
  OPEN_STORE_OR_SKIP(Db, db, store);
  using namespace certrenew::testing;
  const auto now = std::chrono::system_clock::now();
  auto key = make_key(KeyKind::ec_p256);
  CertSpec spec;
  spec.subject = {{"CN", "胡某"}, {"O", "某公司"}};
  spec.not_before = now;
  spec.not_after = now + std::chrono::hours(24);
  const auto cert = issue_cert(spec, key.get(), nullptr, key.get());
  store->transact([&](StoreTx& tx) {
    ApplicationRecord good = numbered(1);
    good.old_cert_der = cert_der(cert.get());
    tx.insert_application(good);
    ApplicationRecord broken = numbered(2);  // neither certificate nor form decodes
    broken.form_json = "not json";
    tx.insert_application(broken);
  });
  db.exec("UPDATE applications SET subject = NULL, operator_name = NULL");

  CHECK(fill_listing_columns(*store) == 2);
  CHECK(fill_listing_columns(*store) == 0);  // filled once; an empty subject is not retried
  store->transact([&](StoreTx& tx) {
    const auto good = tx.application_by_business_no(business_no(1));
    REQUIRE(good);
    CHECK(good->subject.find("胡某") != std::string::npos);
    CHECK(good->operator_name == "胡");  // sample_application's form
    const auto broken = tx.application_by_business_no(business_no(2));
    REQUIRE(broken);
    CHECK(broken->subject.empty());
    CHECK(broken->operator_name.empty());
  });
}

TEST_CASE_TEMPLATE("the refunds page's candidates are the applications that may owe money", Db,
                   BACKENDS) {
  OPEN_STORE_OR_SKIP(Db, db, store);
  std::map<std::string, std::int64_t> id;
  store->transact([&](StoreTx& tx) {
    const auto add = [&](const char* name, int i, const char* state) {
      ApplicationRecord r = numbered(i);
      r.state = state;
      id[name] = tx.insert_application(r);
    };
    add("cancelled, nothing paid", 1, "cancelled");
    add("cancelled, transfer", 2, "cancelled");
    add("rejected, note", 3, "rejected");
    add("going on, paid twice", 4, "under_review");
    add("completed, paid", 5, "completed");
    add("rejected, paid online", 6, "rejected");
    tx.replace_bank_transfers(id["cancelled, transfer"],
                              {{0, "6222", "Payer", 20000, "2026-09-21", ""}});
    tx.console().insert_refund({business_no(3), "fin", "refunded by hand", kFirstCreated});
    const auto pay = [&](const char* name, const char* payment, const char* state) {
      tx.put_online_payment(
          {payment, id[name], 20000, state, "ref-" + std::string(payment), kFirstCreated, 0});
    };
    pay("going on, paid twice", "p1", "paid");
    pay("going on, paid twice", "p2", "refund_due");
    pay("completed, paid", "p3", "paid");
    pay("rejected, paid online", "p4", "paid");
  });
  std::vector<std::int64_t> candidates;
  store->transact([&](StoreTx& tx) { candidates = tx.console().refund_candidates(); });
  CHECK(candidates == std::vector<std::int64_t>{id["cancelled, transfer"], id["rejected, note"],
                                                id["going on, paid twice"],
                                                id["rejected, paid online"]});
}

TEST_CASE_TEMPLATE("reconciliation reads every waiting application's transfers in one query", Db,
                   BACKENDS) {
  OPEN_STORE_OR_SKIP(Db, db, store);
  store->transact([&](StoreTx& tx) {
    for (int i = 0; i < 2'100; ++i) {  // more than the 2,000 it used to read
      ApplicationRecord r = numbered(i);
      r.payment_state = i % 2 == 0 ? "confirming" : "paid";
      const std::int64_t id = tx.insert_application(r);
      tx.replace_bank_transfers(id,
                                {{0, "6222" + std::to_string(i), "Payer", 20000, "2026-09-21", ""},
                                 {0, "6333", "Payer", 100, "2026-09-22", "second"}});
    }
  });
  std::vector<AwaitedTransfer> waiting;
  store->transact([&](StoreTx& tx) { waiting = tx.console().transfers_awaiting_confirmation(); });
  REQUIRE(waiting.size() == 2 * 1'050);
  CHECK(waiting.front().business_no == business_no(0));
  CHECK(waiting.front().transfer.payer_account == "62220");
  CHECK(waiting.front().transfer.amount_fen == 20000);
  CHECK(waiting[1].business_no == business_no(0));  // an application's transfers together
  CHECK(waiting[1].transfer.remarks == "second");
  CHECK(waiting.back().business_no == business_no(2'098));
  for (const auto& w : waiting) CHECK(std::stoi(w.business_no.substr(10)) % 2 == 0);
}

// Migration 11: on PostgreSQL a search is answered from pg_trgm's indexes. With sequential scans
// priced out, the plan of the search's count shows them: the query's expressions (business_no,
// lower(subject), lower(operator_name)) are the indexes' expressions, so a change to either side
// that parts them shows here rather than as a slow console at a CA.
TEST_CASE("on PostgreSQL the search reads the trigram indexes") {
  OPEN_STORE_OR_SKIP(PostgresDb, db, store);
  store->transact([&](StoreTx& tx) {
    for (int i = 0; i < 50; ++i) tx.insert_application(numbered(i));
  });
  pg::Connection c(db.url);
  const pg::Result indexes = c.query(
      "SELECT indexname FROM pg_indexes WHERE tablename = 'applications' AND indexname LIKE "
      "'applications_search_%' ORDER BY indexname");
  REQUIRE(indexes.rows() == 3);
  CHECK(indexes.text(0, 0) == "applications_search_business_no");
  CHECK(indexes.text(1, 0) == "applications_search_operator");
  CHECK(indexes.text(2, 0) == "applications_search_subject");

  ApplicationQuery q;
  q.search = "Company 12";
  SqlStatement count = listing_count_sql(q, SqlDialect::postgres);
  count.sql = "EXPLAIN " + count.sql;
  c.script("SET enable_seqscan = off");
  const pg::Result plan = query(c, count);
  std::string text;
  for (int i = 0; i < plan.rows(); ++i) text += plan.text(i, 0) + "\n";
  CAPTURE(text);
  for (const char* index : {"applications_search_business_no", "applications_search_subject",
                            "applications_search_operator"})
    CHECK(text.find(index) != std::string::npos);
  // And the answer is the one a scan gives.
  CHECK(page_of(*store, q).matched == 1);
}

// Migration 11 where the service's role may not create pg_trgm: a CA whose DBA made the tables'
// role neither the database's owner nor allowed to create in it. The step warns, records itself
// without the indexes, and the later steps run; the search is then a scan that finds the same.
TEST_CASE("on PostgreSQL without the right to create pg_trgm the search still works") {
  PostgresDb db;
  SKIP_IF_UNAVAILABLE(db);
  const std::string role = "clerk_without_extensions";
  db.exec("CREATE ROLE " + role + " LOGIN; GRANT CREATE ON SCHEMA public TO " + role);
  const std::string owner = "postgresql://certrenew@";
  REQUIRE(db.url.rfind(owner, 0) == 0);
  const std::string url = "postgresql://" + role + "@" + db.url.substr(owner.size());

  // Migrates as the role; PostgreSQL's warning reaches the service's log.
  std::ostringstream log;
  std::unique_ptr<Store> store;
  {
    const LogCapture capture(log);
    store = open_postgres_store(url);
  }
  CHECK(log.str().find("PostgreSQL: pg_trgm cannot be created") != std::string::npos);
  pg::Connection c(db.url);
  CHECK(c.query("SELECT max(version) FROM schema_migrations").text(0, 0) ==
        std::to_string(kMigrationDescriptions.size()));
  CHECK(c.query("SELECT 1 FROM schema_migrations WHERE version = 11").rows() == 1);
  CHECK(c.query("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'").rows() == 0);
  CHECK(c.query("SELECT 1 FROM pg_indexes WHERE indexname LIKE 'applications_search_%'").rows() ==
        0);

  store->transact([&](StoreTx& tx) {
    for (int i = 0; i < 50; ++i) tx.insert_application(numbered(i));
  });
  ApplicationQuery q;
  q.search = "company 12";
  const ApplicationPage page = page_of(*store, q);
  CHECK(page.matched == 1);
  REQUIRE(page.rows.size() == 1);
  CHECK(page.rows.front().business_no == business_no(12));
}
