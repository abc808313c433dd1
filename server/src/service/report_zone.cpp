#include "service/report_zone.hpp"

#include <date/tz.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <stdexcept>

namespace certrenew::server {

namespace {

std::runtime_error bad_zone(const std::string& name, const std::string& why) {
  return std::runtime_error("reports.time_zone \"" + name + "\": " + why);
}

// "Area/City", "UTC", "Etc/GMT-8": letters, digits and _+-/ only, no "..", no leading "/".
bool valid_zone_name(const std::string& name) {
  if (name.empty() || name.size() > 64 || name.front() == '/' ||
      name.find("..") != std::string::npos)
    return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '+' || c == '-' || c == '/';
  });
}

date::sys_seconds instant(std::int64_t utc_seconds) {
  return date::sys_seconds{std::chrono::seconds{utc_seconds}};
}

}  // namespace

ReportZone ReportZone::utc() {
  ReportZone z;
  z.name_ = "UTC";
  return z;
}

ReportZone ReportZone::load(const std::string& name) {
  if (!valid_zone_name(name)) throw bad_zone(name, "not a time zone name (e.g. Asia/Shanghai)");
  ReportZone z;
  z.name_ = name;
  try {
    z.zone_ = date::locate_zone(name);
  } catch (const std::exception&) {
    throw bad_zone(name, "no such zone in the system's time zone database (is tzdata installed?)");
  }
  return z;
}

std::int32_t ReportZone::offset_at(std::int64_t utc_seconds) const {
  if (zone_ == nullptr) return 0;
  return static_cast<std::int32_t>(zone_->get_info(instant(utc_seconds)).offset.count());
}

std::string ReportZone::offset_text(std::int64_t utc_seconds) const {
  const std::int32_t off = offset_at(utc_seconds);
  const std::int32_t a = off < 0 ? -off : off;
  char buf[16];
  std::snprintf(buf, sizeof buf, "UTC%c%02d:%02d", off < 0 ? '-' : '+', a / 3600, a % 3600 / 60);
  return buf;
}

std::string ReportZone::day_of(std::int64_t utc_seconds) const {
  const auto local =
      date::local_seconds{std::chrono::seconds{utc_seconds + offset_at(utc_seconds)}};
  return date::format("%F", date::floor<date::days>(local));
}

std::optional<std::int64_t> ReportZone::start_of(std::string_view day) const {
  if (day.size() != 10 || day[4] != '-' || day[7] != '-') return std::nullopt;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (day[i] < '0' || day[i] > '9') return std::nullopt;
  const int y = (day[0] - '0') * 1000 + (day[1] - '0') * 100 + (day[2] - '0') * 10 + (day[3] - '0');
  const unsigned m = static_cast<unsigned>((day[5] - '0') * 10 + (day[6] - '0'));
  const unsigned d = static_cast<unsigned>((day[8] - '0') * 10 + (day[9] - '0'));
  const date::year_month_day ymd{date::year{y} / date::month{m} / date::day{d}};
  if (y < 1970 || !ymd.ok()) return std::nullopt;
  const date::local_seconds midnight{date::local_days{ymd}};
  if (zone_ == nullptr) return midnight.time_since_epoch().count();
  const date::local_info info = zone_->get_info(midnight);
  date::sys_seconds start;
  switch (info.result) {
    case date::local_info::unique:
    case date::local_info::ambiguous:  // midnight twice: the day starts at the first one
      start = date::sys_seconds{midnight.time_since_epoch() - info.first.offset};
      break;
    case date::local_info::nonexistent:  // midnight skipped: the day starts when the gap ends
      start = info.first.end;
      break;
  }
  return start.time_since_epoch().count();
}

std::optional<std::pair<std::int64_t, std::int64_t>> ReportZone::bounds_of(
    std::string_view day) const {
  auto from = start_of(day);
  if (!from) return std::nullopt;
  // The next day's midnight, whatever length this day has.
  const std::string next = day_of(*from + 36 * 3600);
  auto to = start_of(next);
  if (!to) return std::nullopt;
  return std::make_pair(*from, *to);
}

}  // namespace certrenew::server
