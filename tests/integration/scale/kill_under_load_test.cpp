// Issue 17's load and fault test: two certrenew-server processes on one PostgreSQL take
// concurrent submissions from distinct customers, spread over both, and one is SIGKILLed half-way.
// What a client was told (201, or 200 for a request already stored) must hold afterwards: every
// acknowledged application is there, no business number twice, a certificate never has two open
// applications, and the survivor keeps answering. A request that failed with the connection is
// sent to the survivor, as a load balancer retries, and must then be acknowledged there.
//
// CI size: 80 customers; CERTRENEW_SCALE_SUBMISSIONS=500 for the long run the issue describes.
#include <doctest/doctest.h>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <map>
#include <set>
#include <thread>

#include "applicant.hpp"
#include "postgres_cluster.hpp"
#include "skip_without_postgres.hpp"
#include "storage/postgres/pg_connection.hpp"

using namespace certrenew;
using namespace certrenew::testing;
using nlohmann::json;

namespace {

int submissions() {
  const char* v = std::getenv("CERTRENEW_SCALE_SUBMISSIONS");
  const int n = v ? std::atoi(v) : 80;
  return n >= 10 ? n : 10;
}

struct Job {
  std::size_t customer;  // index into the applicants
  json body;
  bool to_first;  // the load balancer's pick: A or B
};

struct Outcome {
  int status = 0;
  std::string code;  // error code, if any
  std::string business_no;
  std::string token;
  bool answered_by_first = false;
  bool retried = false;  // sent to A, failed with the connection, sent again to B
};

}  // namespace

TEST_CASE("two instances under concurrent submissions, one SIGKILLed mid-way, lose nothing") {
  if (skip_without_postgres()) return;
  // A client thread writing to the instance just killed must see a failed call (and retry on
  // the survivor), not end the test process: OpenSSL writes with write(2), which raises SIGPIPE.
  std::signal(SIGPIPE, SIG_IGN);
  const int n = submissions();
  PostgresCluster cluster;
  const std::string url = cluster.create_database("kill_under_load");
  ServerProcess a({.database = url});
  auto b = a.another_instance();

  // Customers and their signed applications are made before the load starts. A tenth of them
  // also send a rival application (another nonce) for the same certificate to the other instance.
  const json agreement = a.get("/api/v1/agreement?lang=zh-CN").body;
  std::vector<Applicant> customers;
  std::vector<Job> jobs;
  for (int i = 0; i < n; ++i) {
    customers.push_back(Applicant::of(a));
    const Applicant& c = customers.back();
    jobs.push_back({customers.size() - 1, c.body(c.content(agreement)), i % 2 == 0});
    if (i % 10 == 0)
      jobs.push_back({customers.size() - 1, c.body(c.content(agreement)), i % 2 != 0});
  }

  std::vector<Outcome> outcomes(jobs.size());
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> finished{0};
  std::atomic<bool> first_killed{false};
  auto worker = [&] {
    for (std::size_t i = next++; i < jobs.size(); i = next++) {
      Outcome& out = outcomes[i];
      ServerProcess::Reply r;
      bool on_first = jobs[i].to_first && !first_killed;
      try {
        r = (on_first ? a : *b).post(kApps, jobs[i].body);
      } catch (const std::runtime_error&) {  // the connection failed: A is gone; retry on B
        on_first = false;
        out.retried = true;
        r = b->post(kApps, jobs[i].body);
      }
      out.status = r.status;
      out.answered_by_first = on_first;
      if (r.body.contains("error")) out.code = r.body["error"]["code"];
      if (r.status == 201 || r.status == 200) {
        out.business_no = r.body["application"]["business_no"];
        out.token = r.body["capability_token"];
      }
      if (++finished == jobs.size() / 2) {  // half-way, with other requests in flight to A
        first_killed = true;
        a.kill_now();
      }
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) threads.emplace_back(worker);
  for (auto& t : threads) t.join();
  REQUIRE(first_killed);

  std::map<int, int> statuses;
  int retried = 0;
  for (const auto& o : outcomes) {
    ++statuses[o.status];
    retried += o.retried;
  }
  MESSAGE(jobs.size() << " submissions of " << n << " customers: " << statuses[201] << " × 201, "
                      << statuses[200] << " × 200 (already stored), " << statuses[409]
                      << " × 409; instance A killed after " << jobs.size() / 2 << ", " << retried
                      << " sent again to B after their connection to A failed");

  // Per certificate: exactly one acknowledged application; its rival (if any) got 409 naming it.
  std::map<std::size_t, std::vector<const Outcome*>> by_customer;
  for (std::size_t i = 0; i < jobs.size(); ++i)
    by_customer[jobs[i].customer].push_back(&outcomes[i]);
  std::set<std::string> numbers;
  int answered_by_first = 0;
  for (const auto& [customer, tries] : by_customer) {
    int acknowledged = 0;
    for (const Outcome* o : tries) {
      CHECK_MESSAGE(o->status < 500,
                    "customer " << customer << ": " << o->status << " " << o->code);
      if (o->status == 201 || o->status == 200) {
        ++acknowledged;
        numbers.insert(o->business_no);
        answered_by_first += o->answered_by_first;
      } else {
        CHECK(o->status == 409);
        CHECK(o->code == "application_open");
      }
    }
    CHECK_MESSAGE(acknowledged == 1, "customer " << customer);
  }
  CHECK(numbers.size() == static_cast<std::size_t>(n));  // no business number twice
  CHECK(answered_by_first > 0);                          // A did take part before it died

  // The survivor answers, for every acknowledged application, with what was acknowledged.
  CHECK(b->get("/api/v1/info").status == 200);
  for (const auto& o : outcomes) {
    if (o.status != 201 && o.status != 200) continue;
    auto status = b->get(kApps + "/" + o.business_no, o.token);
    CHECK_MESSAGE(status.status == 200, o.business_no << ": " << status.body.dump());
    CHECK(status.body["business_no"] == o.business_no);
  }
  // And takes new work.
  Applicant late = Applicant::of(a);
  CHECK(b->post(kApps, late.body(late.content(agreement))).status == 201);

  // The database agrees: one row per certificate (none half-written by the killed instance), no
  // certificate with two open applications.
  server::pg::Connection db(url);
  CHECK(db.query("SELECT COUNT(*) FROM applications").integer(0, 0) == n + 1);
  CHECK(db.query("SELECT COUNT(DISTINCT business_no) FROM applications").integer(0, 0) == n + 1);
  CHECK(db.query("SELECT old_cert_serial FROM applications WHERE state NOT IN ('completed', "
                 "'rejected', 'cancelled') GROUP BY old_cert_serial HAVING COUNT(*) > 1")
            .empty());
}
