#pragma once
// The CA's own days for reports and day filters (issue 18): a "day" in the back office is a
// calendar day where the CA works, not a UTC day. Config `reports.time_zone` names an IANA zone
// from the system's time zone database (tzdata); the default is Asia/Shanghai (UTC+8).
//
// The zone file (TZif, RFC 8536) is read once by one strict decoder. Zones whose current rules
// still switch to daylight saving time are refused at load, with a clear error: a report day
// there would need the POSIX rule string evaluated, which no CA this product serves needs yet.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace certrenew::server {

class ReportZone {
 public:
  static constexpr const char* kDefault = "Asia/Shanghai";

  // Throws std::runtime_error naming the zone when the name is not a zone name, the file is
  // missing or malformed, or the zone still observes daylight saving time.
  static ReportZone load(const std::string& name,
                         const std::filesystem::path& zoneinfo = "/usr/share/zoneinfo");
  static ReportZone utc();

  const std::string& name() const { return name_; }
  // Seconds east of UTC in force at `utc_seconds`.
  std::int32_t offset_at(std::int64_t utc_seconds) const;
  // "UTC+08:00" at `utc_seconds`.
  std::string offset_text(std::int64_t utc_seconds) const;
  // The local calendar day (YYYY-MM-DD) of an instant.
  std::string day_of(std::int64_t utc_seconds) const;
  // The instant local midnight begins on `day` ("YYYY-MM-DD"); nullopt when `day` is not a
  // valid date.
  std::optional<std::int64_t> start_of(std::string_view day) const;
  // [start of `day`, start of the next day) in UTC seconds; nullopt for a bad date.
  std::optional<std::pair<std::int64_t, std::int64_t>> bounds_of(std::string_view day) const;

 private:
  std::string name_;
  std::vector<std::int64_t> transitions_;  // UTC seconds, ascending
  std::vector<std::int32_t> offsets_;      // in force from each transition on
  std::int32_t initial_offset_ = 0;        // before the first transition
};

}  // namespace certrenew::server
