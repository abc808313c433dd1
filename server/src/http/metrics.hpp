#pragma once
// Prometheus metrics of the serving layer, in the text exposition format (version 0.0.4),
// served on the admin-only listener (config `metrics.listen`, plain HTTP: bind it to loopback or
// a management network, never the internet):
//   certrenew_http_requests_total{listener,route,method,status}     counter
//   certrenew_http_request_duration_seconds{listener,route}          histogram
//   certrenew_http_internal_errors_total                             counter (answers 500)
//   certrenew_http_open_connections                                  gauge
// (and, from the database, those in http/store_metrics.hpp)
// Labels are bounded: route is the route's pattern (or "unmatched"/"refused"), method one of the
// standard methods or "other", so no client can grow the series without limit.

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

#include "http/http_server.hpp"
#include "http/router.hpp"

namespace certrenew::server {

class Metrics {
 public:
  static constexpr std::array<double, 12> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,   0.25,   0.5,   1.0,  2.5,   10.0};

  void record(const RequestRecord& record);
  std::string prometheus_text(std::size_t open_connections) const;

 private:
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, std::string, int>, std::uint64_t> requests_;
  std::map<std::pair<std::string, std::string>, Histogram> latency_;
  std::uint64_t internal_errors_ = 0;
};

// GET /metrics on `router`; `open_connections` is read at each scrape, and
// `collected_at_scrape` (if set) adds more families read then (http/store_metrics.hpp).
void mount_metrics(Router& router, const Metrics& metrics,
                   std::function<std::size_t()> open_connections,
                   std::function<std::string()> collected_at_scrape = {});

// A label value as the exposition format quotes it ("..." with \, " and newline escaped).
std::string prometheus_quoted(const std::string& value);

}  // namespace certrenew::server
