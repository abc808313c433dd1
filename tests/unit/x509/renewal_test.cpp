// Online renewal eligibility at its exact boundaries, independent of the time zone.
#include "certrenew/core/x509/renewal.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <stdexcept>

#include "tz_guard.hpp"

using namespace certrenew::x509;
using namespace std::chrono;

namespace {

Certificate valid_for_two_years() {
  Certificate c;
  c.not_before = sys_days{2017y / September / 21} + 8h;
  c.not_after = sys_days{2019y / September / 21} + 7h + 59min + 59s;
  return c;
}

}  // namespace

TEST_CASE("without a window, renewal is open for the whole validity period, notAfter included") {
  const Certificate c = valid_for_two_years();
  CHECK(assess_renewal(c, c.not_after - 1s).status == RenewalStatus::eligible);
  CHECK(assess_renewal(c, c.not_after).status == RenewalStatus::eligible);
  CHECK(assess_renewal(c, c.not_after + 1s).status == RenewalStatus::expired);
  CHECK(assess_renewal(c, c.not_after + 24h * 400).status == RenewalStatus::expired);
  CHECK(assess_renewal(c, c.not_before).status == RenewalStatus::eligible);
  CHECK(assess_renewal(c, c.not_before - 1s).status == RenewalStatus::not_yet_valid);
  CHECK_FALSE(assess_renewal(c, c.not_before).window_opens.has_value());
}

TEST_CASE("sub-second parts of now do not move a boundary") {
  const Certificate c = valid_for_two_years();
  const system_clock::time_point just_after_end = system_clock::time_point(c.not_after) + 999ms;
  CHECK(assess_renewal(c, just_after_end).status == RenewalStatus::eligible);
  CHECK(assess_renewal(c, just_after_end + 1ms).status == RenewalStatus::expired);
}

TEST_CASE("days left are reported with every answer") {
  const Certificate c = valid_for_two_years();
  CHECK(assess_renewal(c, c.not_after - 24h * 30).days_left == 30);
  CHECK(assess_renewal(c, c.not_after - 1s).days_left == 0);
  CHECK(assess_renewal(c, c.not_after + 1s).days_left == -1);
}

TEST_CASE("a 90-day window opens exactly 90 × 24 h before notAfter") {
  const Certificate c = valid_for_two_years();
  const RenewalWindow window{days{90}};
  const sys_seconds opens = c.not_after - days{90};

  const auto early = assess_renewal(c, opens - 1s, window);
  CHECK(early.status == RenewalStatus::too_early);
  REQUIRE(early.window_opens.has_value());
  CHECK(*early.window_opens == opens);
  CHECK(*early.window_opens == sys_days{2019y / June / 23} + 7h + 59min + 59s);
  CHECK(early.days_left == 90);

  CHECK(assess_renewal(c, opens, window).status == RenewalStatus::eligible);
  CHECK(assess_renewal(c, c.not_after, window).status == RenewalStatus::eligible);
  CHECK(assess_renewal(c, c.not_after + 1s, window).status == RenewalStatus::expired);
  CHECK(assess_renewal(c, c.not_before - 1s, window).status == RenewalStatus::not_yet_valid);
  CHECK(assess_renewal(c, c.not_before, window).status == RenewalStatus::too_early);
}

TEST_CASE("a window of zero days opens at notAfter itself; a window longer than validity is open") {
  const Certificate c = valid_for_two_years();
  CHECK(assess_renewal(c, c.not_after - 1s, {days{0}}).status == RenewalStatus::too_early);
  CHECK(assess_renewal(c, c.not_after, {days{0}}).status == RenewalStatus::eligible);
  CHECK(assess_renewal(c, c.not_before, {days{3650}}).status == RenewalStatus::eligible);
}

TEST_CASE("a negative window is a programming error") {
  const Certificate c = valid_for_two_years();
  CHECK_THROWS_AS(assess_renewal(c, c.not_before, {days{-1}}), std::invalid_argument);
}

TEST_CASE("the answer does not depend on the time zone") {
  const Certificate c = valid_for_two_years();
  const RenewalWindow window{days{90}};
  for (const char* zone : {"UTC", "Asia/Shanghai", "America/New_York"}) {
    CAPTURE(zone);
    TzGuard tz(zone);
    CHECK(assess_renewal(c, c.not_after, window).status == RenewalStatus::eligible);
    CHECK(assess_renewal(c, c.not_after + 1s, window).status == RenewalStatus::expired);
    CHECK(assess_renewal(c, c.not_after - days{90} - 1s, window).status ==
          RenewalStatus::too_early);
    CHECK(assess_renewal(c, c.not_after - 24h * 10, window).days_left == 10);
  }
}
