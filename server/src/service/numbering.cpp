#include "service/numbering.hpp"

#include <ctime>
#include <iomanip>
#include <sstream>

#include "service/api_error.hpp"
#include "service/service_text.hpp"

namespace certrenew::server {

namespace {

constexpr std::int64_t kDailyCapacity = 9'999'999;  // 7 digits

std::string local_date(std::int64_t unix_seconds) {  // yyyymmdd in the server's time zone
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y%m%d", &tm);
  return buf;
}

}  // namespace

ApplicationNumbers allocate_application_numbers(StoreTx& tx, std::int64_t now) {
  const std::string day = local_date(now);
  const std::int64_t seq = tx.next_sequence("business:" + day);
  if (seq > kDailyCapacity) throw service_error(503, "capacity", "application.capacity");
  std::ostringstream digits;
  digits << day << std::setw(7) << std::setfill('0') << seq;
  return {"01" + digits.str(), digits.str()};
}

}  // namespace certrenew::server
