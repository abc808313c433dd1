#include "http/metrics.hpp"

#include <fmt/format.h>

namespace certrenew::server {

namespace {

std::string bounded_method(const std::string& method) {
  for (const char* known : {"GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH"})
    if (method == known) return method;
  return "other";
}

}  // namespace

std::string prometheus_quoted(const std::string& value) {
  std::string out = "\"";
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

void Metrics::record(const RequestRecord& r) {
  const double seconds = static_cast<double>(r.duration.count()) / 1e6;
  std::lock_guard lock(mutex_);
  ++requests_[{r.listener, r.route, bounded_method(r.method), r.status}];
  if (r.status == 500) ++internal_errors_;
  if (r.route == "refused") return;  // refused before any handler ran: no latency to speak of
  Histogram& h = latency_[{r.listener, r.route}];
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  ++h.count;
  h.sum += seconds;
}

std::string Metrics::prometheus_text(std::size_t open_connections) const {
  std::lock_guard lock(mutex_);
  std::string out;
  out +=
      "# HELP certrenew_http_requests_total Answered HTTP requests.\n"
      "# TYPE certrenew_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    const auto& [listener, route, method, status] = key;
    out += fmt::format(
        "certrenew_http_requests_total{{listener={},route={},method={},status=\"{}\"}} {}\n",
        prometheus_quoted(listener), prometheus_quoted(route), prometheus_quoted(method), status,
        n);
  }
  out +=
      "# HELP certrenew_http_request_duration_seconds Time from a request's complete headers "
      "to its answer.\n"
      "# TYPE certrenew_http_request_duration_seconds histogram\n";
  for (const auto& [key, h] : latency_) {
    const std::string labels =
        "listener=" + prometheus_quoted(key.first) + ",route=" + prometheus_quoted(key.second);
    for (std::size_t i = 0; i < kBuckets.size(); ++i)
      out += fmt::format("certrenew_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n",
                         labels, kBuckets[i], h.buckets[i]);
    out += fmt::format("certrenew_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n",
                       labels, h.count);
    out += fmt::format("certrenew_http_request_duration_seconds_sum{{{}}} {}\n", labels, h.sum);
    out += fmt::format("certrenew_http_request_duration_seconds_count{{{}}} {}\n", labels, h.count);
  }
  out += fmt::format(
      "# HELP certrenew_http_internal_errors_total Answers 500 (a failed handler: database, "
      "crypto).\n# TYPE certrenew_http_internal_errors_total counter\n"
      "certrenew_http_internal_errors_total {}\n",
      internal_errors_);
  out += fmt::format(
      "# HELP certrenew_http_open_connections Client connections open now.\n"
      "# TYPE certrenew_http_open_connections gauge\ncertrenew_http_open_connections {}\n",
      open_connections);
  return out;
}

void mount_metrics(Router& router, const Metrics& metrics,
                   std::function<std::size_t()> open_connections,
                   std::function<std::string()> collected_at_scrape) {
  router.get("/metrics", [&metrics, open_connections, collected_at_scrape](const HttpRequest&) {
    HttpAnswer a;
    a.content_type = "text/plain; version=0.0.4; charset=utf-8";
    a.body = metrics.prometheus_text(open_connections());
    if (collected_at_scrape) a.body += collected_at_scrape();
    return a;
  });
}

}  // namespace certrenew::server
