#pragma once
// The CA's own days for reports and day filters (issue 18): a "day" in the back office is a
// calendar day where the CA works, not a UTC day. Config `reports.time_zone` names an IANA zone
// of the system's time zone database (Debian's tzdata); the default is Asia/Shanghai (UTC+8).
//
// The zone rules are read by Howard Hinnant's date/tz library (Debian's libhowardhinnant-date,
// built on the system tzdb), the same rules C++20's std::chrono::zoned_time will use once the
// toolchain ships them; daylight saving time zones work too.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace date {
class time_zone;
}

namespace certrenew::server {

class ReportZone {
 public:
  static constexpr const char* kDefault = "Asia/Shanghai";

  // Throws std::runtime_error naming the config key and the zone when the name is not a zone
  // name or the system's time zone database has no such zone.
  static ReportZone load(const std::string& name);
  static ReportZone utc();

  const std::string& name() const { return name_; }
  // Seconds east of UTC in force at `utc_seconds`.
  std::int32_t offset_at(std::int64_t utc_seconds) const;
  // "UTC+08:00" at `utc_seconds`.
  std::string offset_text(std::int64_t utc_seconds) const;
  // The local calendar day (YYYY-MM-DD) of an instant.
  std::string day_of(std::int64_t utc_seconds) const;
  // The instant local midnight begins on `day` ("YYYY-MM-DD"); nullopt when `day` is not a
  // valid date. Where midnight does not exist (a DST gap), the first local instant of the day.
  std::optional<std::int64_t> start_of(std::string_view day) const;
  // [start of `day`, start of the next day) in UTC seconds; nullopt for a bad date.
  std::optional<std::pair<std::int64_t, std::int64_t>> bounds_of(std::string_view day) const;

 private:
  std::string name_;
  const date::time_zone* zone_ = nullptr;  // owned by the library's tzdb; nullptr means UTC
};

}  // namespace certrenew::server
