#include "http/router.hpp"

#include <spdlog/spdlog.h>

#include "http/refusal.hpp"

namespace certrenew::server {

void Router::add(std::string method, const std::string& pattern, HttpHandler handler) {
  routes_.push_back(Route{std::move(method), pattern, std::regex(pattern), std::move(handler)});
}

const Router::Route* Router::find(HttpRequest& request) const {
  for (const Route& r : routes_) {
    if (r.method != request.method) continue;
    std::smatch m;
    if (!std::regex_match(request.path, m, r.regex)) continue;
    request.matches.assign(m.begin(), m.end());
    return &r;
  }
  return nullptr;
}

HttpAnswer Router::answer(HttpRequest& request, std::string* route_label) const {
  const Route* route = find(request);
  if (route_label) *route_label = route ? route->pattern : "unmatched";
  if (!route) return refusal(404, "no_such_endpoint");
  try {
    return route->handler(request);
  } catch (const std::exception& e) {
    spdlog::error("{} {}: {}", request.method, route->pattern, e.what());
  } catch (...) {
    spdlog::error("{} {}: unknown exception", request.method, route->pattern);
  }
  HttpAnswer failed = refusal(500, "internal");
  return failed;
}

}  // namespace certrenew::server
