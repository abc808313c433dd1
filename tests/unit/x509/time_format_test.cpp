// Certificate times shown in UTC and in the local zone, for China and for a zone with DST.
#include "certrenew/core/x509/time_format.hpp"

#include <doctest/doctest.h>

#include "tz_guard.hpp"

using namespace certrenew::x509;
using namespace std::chrono;

TEST_CASE("UTC formatting does not depend on the time zone") {
  const sys_seconds t = sys_days{2017y / September / 21} + 16h + 5min + 9s;
  for (const char* zone : {"UTC", "Asia/Shanghai", "America/New_York"}) {
    TzGuard tz(zone);
    CHECK(format_utc(t) == "2017-09-21 16:05:09 UTC");
    CHECK(format_utc_date(t) == "2017-09-21");
  }
  CHECK(format_utc(sys_days{1950y / January / 1}) == "1950-01-01 00:00:00 UTC");
  CHECK(format_utc(sys_days{9999y / December / 31} + 23h + 59min + 59s) ==
        "9999-12-31 23:59:59 UTC");
}

TEST_CASE("local time in Asia/Shanghai (UTC+8, no DST)") {
  TzGuard tz("Asia/Shanghai");
  const sys_seconds evening = sys_days{2017y / September / 21} + 16h + 30min;
  CHECK(format_local(evening) == "2017-09-22 00:30:00 +0800");
  CHECK(format_local_date(evening) == "2017-09-22");  // already the next day in China
  CHECK(format_local(sys_days{2018y / January / 1}) == "2018-01-01 08:00:00 +0800");
}

TEST_CASE("local time in America/New_York follows daylight saving time") {
  TzGuard tz("America/New_York");
  const sys_seconds summer = sys_days{2017y / September / 21} + 2h;
  CHECK(format_local(summer) == "2017-09-20 22:00:00 -0400");
  CHECK(format_local_date(summer) == "2017-09-20");
  CHECK(format_local(sys_days{2018y / January / 1}) == "2017-12-31 19:00:00 -0500");
}
