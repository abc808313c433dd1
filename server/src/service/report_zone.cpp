#include "service/report_zone.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace certrenew::server {

namespace {

constexpr std::size_t kMaxZoneFile = 1 << 20;

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

// Big-endian reads over the file's bytes; every read is bounds-checked.
class Reader {
 public:
  Reader(const std::string& bytes, const std::string& zone) : b_(bytes), zone_(zone) {}
  std::uint64_t big_endian(std::size_t width) {
    need(width);
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < width; ++i) v = (v << 8) | static_cast<unsigned char>(b_[pos_++]);
    return v;
  }
  std::int64_t signed_of(std::size_t width) {
    const std::uint64_t v = big_endian(width);
    if (width == 4) return static_cast<std::int32_t>(static_cast<std::uint32_t>(v));
    return static_cast<std::int64_t>(v);
  }
  void skip(std::size_t n) {
    need(n);
    pos_ += n;
  }
  std::string_view rest() const { return std::string_view(b_).substr(pos_); }

 private:
  void need(std::size_t n) const {
    if (b_.size() - pos_ < n) throw bad_zone(zone_, "the zone file is truncated");
  }
  const std::string& b_;
  const std::string& zone_;
  std::size_t pos_ = 0;
};

struct Counts {
  std::uint64_t isut, isstd, leap, time, type, chars;
};

Counts header(Reader& r, const std::string& zone, char* version) {
  const std::uint64_t magic = r.big_endian(4);
  if (magic != 0x545A6966) throw bad_zone(zone, "not a TZif zone file");  // "TZif"
  *version = static_cast<char>(r.big_endian(1));
  r.skip(15);
  Counts c{r.big_endian(4), r.big_endian(4), r.big_endian(4),
           r.big_endian(4), r.big_endian(4), r.big_endian(4)};
  if (c.type == 0 || c.type > 256 || c.time > 100000 || c.chars > 10000 || c.leap > 10000)
    throw bad_zone(zone, "the zone file's counts are implausible");
  return c;
}

std::int64_t days_from_civil(int y, unsigned m, unsigned d) {
  using namespace std::chrono;
  return sys_days(year{y} / month{m} / day{d}).time_since_epoch().count();
}

}  // namespace

ReportZone ReportZone::utc() {
  ReportZone z;
  z.name_ = "UTC";
  return z;
}

ReportZone ReportZone::load(const std::string& name, const std::filesystem::path& zoneinfo) {
  if (!valid_zone_name(name)) throw bad_zone(name, "not a time zone name (e.g. Asia/Shanghai)");
  std::ifstream in(zoneinfo / name, std::ios::binary);
  if (!in) throw bad_zone(name, "no such zone in " + zoneinfo.string() + " (is tzdata installed?)");
  std::string bytes;
  bytes.resize(kMaxZoneFile + 1);
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  if (bytes.size() > kMaxZoneFile) throw bad_zone(name, "the zone file is too large");

  Reader r(bytes, name);
  char version = 0;
  Counts c = header(r, name, &version);
  std::size_t time_width = 4;
  if (version >= '2') {  // skip the 32-bit block; the 64-bit one follows with its own header
    r.skip(c.time * 5 + c.type * 6 + c.chars + c.leap * 8 + c.isstd + c.isut);
    c = header(r, name, &version);
    time_width = 8;
  }
  ReportZone z;
  z.name_ = name;
  std::vector<std::int64_t> times(c.time);
  for (auto& t : times) t = r.signed_of(time_width);
  std::vector<std::uint8_t> index(c.time);
  for (auto& i : index) i = static_cast<std::uint8_t>(r.big_endian(1));
  std::vector<std::int32_t> type_offsets(c.type);
  for (auto& o : type_offsets) {
    const std::int64_t utoff = r.signed_of(4);
    if (utoff < -26 * 3600 || utoff > 26 * 3600)
      throw bad_zone(name, "an offset in the zone file is out of range");
    o = static_cast<std::int32_t>(utoff);
    r.skip(2);  // isdst, abbreviation index
  }
  r.skip(c.chars + c.leap * (time_width + 4) + c.isstd + c.isut);
  for (std::size_t i = 0; i < times.size(); ++i) {
    if (index[i] >= c.type) throw bad_zone(name, "a transition names no local time type");
    if (i > 0 && times[i] <= times[i - 1]) throw bad_zone(name, "transitions are not ascending");
  }
  z.transitions_ = times;
  for (auto i : index) z.offsets_.push_back(type_offsets[i]);
  z.initial_offset_ = type_offsets[0];
  // The footer (version 2+): the rule after the last transition, e.g. "CST-8" (none) or
  // "CET-1CEST,M3.5.0,M10.5.0/3" (daylight saving time: refused, see the header).
  if (version >= '2') {
    const std::string_view footer = r.rest();
    if (footer.find(',') != std::string_view::npos)
      throw bad_zone(name,
                     "zones that still switch to daylight saving time are not supported for "
                     "reports; choose the CA's zone without DST (e.g. Asia/Shanghai)");
  }
  return z;
}

std::int32_t ReportZone::offset_at(std::int64_t utc_seconds) const {
  auto it = std::upper_bound(transitions_.begin(), transitions_.end(), utc_seconds);
  if (it == transitions_.begin()) return initial_offset_;
  return offsets_[static_cast<std::size_t>(std::distance(transitions_.begin(), it)) - 1];
}

std::string ReportZone::offset_text(std::int64_t utc_seconds) const {
  const std::int32_t off = offset_at(utc_seconds);
  const std::int32_t a = off < 0 ? -off : off;
  char buf[16];
  std::snprintf(buf, sizeof buf, "UTC%c%02d:%02d", off < 0 ? '-' : '+', a / 3600, a % 3600 / 60);
  return buf;
}

std::string ReportZone::day_of(std::int64_t utc_seconds) const {
  using namespace std::chrono;
  const std::int64_t local = utc_seconds + offset_at(utc_seconds);
  const std::int64_t days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
  const year_month_day ymd{sys_days{std::chrono::days{days}}};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

std::optional<std::int64_t> ReportZone::start_of(std::string_view day) const {
  if (day.size() != 10 || day[4] != '-' || day[7] != '-') return std::nullopt;
  int y = 0;
  unsigned m = 0, d = 0;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (day[i] < '0' || day[i] > '9') return std::nullopt;
  y = (day[0] - '0') * 1000 + (day[1] - '0') * 100 + (day[2] - '0') * 10 + (day[3] - '0');
  m = static_cast<unsigned>((day[5] - '0') * 10 + (day[6] - '0'));
  d = static_cast<unsigned>((day[8] - '0') * 10 + (day[9] - '0'));
  using namespace std::chrono;
  if (y < 1970 || !year_month_day{year{y} / month{m} / std::chrono::day{d}}.ok())
    return std::nullopt;
  const std::int64_t local_midnight = days_from_civil(y, m, d) * 86400;
  // The instant whose local time is midnight: the offset in force then, found in two steps.
  const std::int64_t guess = local_midnight - offset_at(local_midnight);
  return local_midnight - offset_at(guess);
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
