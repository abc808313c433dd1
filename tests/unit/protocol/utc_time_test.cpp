#include <doctest/doctest.h>

#include "certrenew/core/time/utc_time.hpp"

using namespace certrenew;
using namespace std::chrono;

TEST_CASE("UtcTime holds the whole X.509 range, 0000 to 9999") {
  const auto end = UtcTime::parse("9999-12-31T23:59:59Z");
  REQUIRE(end);
  CHECK(end->unix_seconds() == UtcTime::kMaxUnix);
  CHECK(end->iso() == "9999-12-31T23:59:59Z");
  const auto start = UtcTime::parse("0000-01-01T00:00:00Z");
  REQUIRE(start);
  CHECK(start->unix_seconds() == UtcTime::kMinUnix);
  CHECK(start->iso() == "0000-01-01T00:00:00Z");
  CHECK(UtcTime::parse("1600-02-29T12:00:00Z")->iso() == "1600-02-29T12:00:00Z");
  CHECK_FALSE(end->plus(seconds(1)));
  CHECK_FALSE(start->plus(seconds(-1)));
  CHECK_FALSE(end->plus(seconds(std::numeric_limits<std::int64_t>::max())));
  CHECK_FALSE(UtcTime::from_unix(UtcTime::kMaxUnix + 1));
  CHECK(seconds_between(*start, *end) == UtcTime::kMaxUnix - UtcTime::kMinUnix);
}

TEST_CASE("UtcTime parses exactly yyyy-mm-ddThh:mm:ssZ with a real date") {
  CHECK(UtcTime::parse("2017-09-21T08:05:09Z")->unix_seconds() == 1505981109);
  for (const char* bad :
       {"2017-02-30T08:05:09Z", "2017-09-21T24:00:00Z", "2017-09-21 08:05:09Z",
        "2017-09-21T08:05:09", "2017-09-21T08:05:09+08:00", "+017-09-21T08:05:09Z", "",
        "2017-9-21T08:05:09Z", "2017-09-21T08:05:60Z"})
    CHECK_FALSE(UtcTime::parse(bad));
  CHECK(UtcTime::parse_date("2026-11-24")->iso() == "2026-11-24T00:00:00Z");
  CHECK_FALSE(UtcTime::parse_date("2026-11-31"));
}

TEST_CASE("days left and passed are safe for certificates valid until 9999") {
  const auto now = system_clock::now();
  const sys_seconds until_9999 = UtcTime::parse("9999-12-31T23:59:59Z")->sys_seconds();
  CHECK(days_left(until_9999, now) > 2'900'000);
  CHECK_FALSE(has_passed(until_9999, now));
  const sys_seconds year_1600 = UtcTime::parse("1600-01-01T00:00:00Z")->sys_seconds();
  CHECK(days_left(year_1600, now) < -130'000);
  CHECK(has_passed(year_1600, now));
  const sys_seconds t = floor<seconds>(now);
  CHECK_FALSE(has_passed(t, system_clock::time_point(t)));
  CHECK(has_passed(t, system_clock::time_point(t) + milliseconds(1)));
  CHECK(days_left(t + days(1), system_clock::time_point(t) + milliseconds(500)) == 1);
  CHECK(days_left(t + days(1), system_clock::time_point(t) + seconds(1)) == 0);
  CHECK(days_left(t + days(1), system_clock::time_point(t)) == 1);
}
