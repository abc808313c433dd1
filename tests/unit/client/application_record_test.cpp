#include <doctest/doctest.h>

#include "certrenew/client/store/application_record.hpp"

using namespace certrenew::client;
using namespace std::chrono;

TEST_CASE("local phase codes round trip and unknown codes are refused") {
  for (const auto phase :
       {LocalPhase::applied, LocalPhase::paying, LocalPhase::waiting_review,
        LocalPhase::installing_written, LocalPhase::completed, LocalPhase::cancelled}) {
    CHECK(parse_local_phase(code(phase)) == phase);
  }
  CHECK(code(LocalPhase::installing_written) == "installing_written");
  CHECK_FALSE(parse_local_phase("installed").has_value());
  CHECK_FALSE(parse_local_phase("").has_value());
}

TEST_CASE("UTC ISO times") {
  const sys_seconds t = sys_days(year(2017) / 9 / 21) + hours(8) + minutes(5) + seconds(9);
  CHECK(format_utc_iso(t) == "2017-09-21T08:05:09Z");
  CHECK(parse_utc_iso("2017-09-21T08:05:09Z") == t);
  CHECK_FALSE(parse_utc_iso("2017-02-30T08:05:09Z").has_value());
  CHECK_FALSE(parse_utc_iso("2017-09-21T24:00:00Z").has_value());
  CHECK_FALSE(parse_utc_iso("2017-09-21 08:05:09Z").has_value());
  CHECK_FALSE(parse_utc_iso("2017-09-21T08:05:09+08:00").has_value());
  CHECK_FALSE(parse_utc_iso("2017-09-21T08:05:+9Z").has_value());
}

TEST_CASE("canonical business numbers only") {
  CHECK(is_valid_business_number("01201709210000846"));
  CHECK_FALSE(is_valid_business_number(" 01201709210000846"));
  CHECK_FALSE(is_valid_business_number("01201709210000846\n"));
  CHECK_FALSE(is_valid_business_number("../x"));
  CHECK_FALSE(is_valid_business_number("123"));
  CHECK_FALSE(is_valid_business_number("01201702300000846"));  // 30 February
}
