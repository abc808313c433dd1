#include "http/crl_route.hpp"

#include <spdlog/spdlog.h>

#include <string_view>

namespace certrenew::server {

namespace {

std::string regex_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (std::string_view(R"(\^$.|?*+()[]{}-)").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

void mount_crl(Router& router, CrlPublisher& publisher, const std::string& path) {
  router.get(regex_escape(path), [&publisher](const HttpRequest&) {
    HttpAnswer a;
    try {
      auto der = publisher.current();
      a.content_type = "application/pkix-crl";
      a.body.assign(der.begin(), der.end());
    } catch (const std::exception& e) {
      spdlog::error("CRL: {}", e.what());
      a.status = 503;
      a.body = "the CRL is not available; try again later";
    }
    return a;
  });
}

}  // namespace certrenew::server
