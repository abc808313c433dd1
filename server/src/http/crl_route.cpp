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

void mount_crl(httplib::Server& server, CrlPublisher& publisher, const std::string& path) {
  server.Get(regex_escape(path), [&publisher](const httplib::Request&, httplib::Response& res) {
    try {
      auto der = publisher.current();
      res.set_content(std::string(der.begin(), der.end()), "application/pkix-crl");
    } catch (const std::exception& e) {
      spdlog::error("CRL: {}", e.what());
      res.status = 503;
      res.set_content("the CRL is not available; try again later", "text/plain; charset=utf-8");
    }
  });
}

}  // namespace certrenew::server
