// Issue 19 on PostgreSQL: two instances of one service share the outbox; their workers claim
// with FOR UPDATE SKIP LOCKED, so each event is mailed once, whichever instance sends it.
#include <doctest/doctest.h>

#include <set>

#include "applicant.hpp"
#include "postgres_cluster.hpp"
#include "skip_without_postgres.hpp"
#include "smtp_sink.hpp"

using namespace certrenew;
using namespace certrenew::testing;
using nlohmann::json;

TEST_CASE("two instances on one PostgreSQL deliver each notification once") {
  if (skip_without_postgres()) return;
  PostgresCluster cluster;
  SmtpSink sink;
  ServerProcess::Options options;
  options.database = cluster.create_database("notify_two_instances");
  ServerProcess a(options);
  a.reconfigure([&](json& c) {
    c["notify"] = {{"email",
                    {{"url", "smtp://127.0.0.1:" + std::to_string(sink.port())},
                     {"starttls", "off"},
                     {"from", "notify@ca.example.cn"}}},
                   {"poll_milliseconds", 20},
                   {"retry_base_seconds", 1},
                   {"lease_seconds", 30}};
  });
  auto b = a.another_instance();

  constexpr int kApplications = 8;
  std::vector<std::string> numbers;
  for (int i = 0; i < kApplications; ++i) {
    const ServerProcess& s = i % 2 ? *b : a;
    Applicant x = Applicant::of(s);
    auto r = s.post("/api/v1/applications", x.body(x.content(s)));
    REQUIRE_MESSAGE(r.status == 201, r.body.dump());
    numbers.push_back(r.body["application"]["business_no"]);
  }
  REQUIRE(eventually([&] { return sink.messages().size() >= kApplications; }));
  // One more event, sent after all the others were claimed: once it is in, any second copy of an
  // earlier one would have been too.
  Applicant last = Applicant::of(a);
  REQUIRE(b->post("/api/v1/applications", last.body(last.content(*b))).status == 201);
  REQUIRE(eventually([&] { return sink.messages().size() >= kApplications + 1; }));

  std::set<std::string> ids;
  std::multiset<std::string> subjects_with_number;
  for (const auto& m : sink.messages()) {
    ids.insert(m["message_id"].get<std::string>());
    for (const auto& n : numbers)
      if (m["subject"].get<std::string>().find(n) != std::string::npos)
        subjects_with_number.insert(n);
  }
  CHECK(sink.messages().size() == kApplications + 1);
  CHECK(ids.size() == kApplications + 1);
  for (const auto& n : numbers) CHECK(subjects_with_number.count(n) == 1);
}
