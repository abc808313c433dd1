#include "console/httplib_mount.hpp"

#include <cctype>

namespace certrenew::server::console {

namespace {

WebRequest from_httplib(const httplib::Request& req) {
  WebRequest w;
  w.method = req.method;
  w.path = req.path;
  for (const auto& [k, v] : req.params) w.query.emplace(k, v);  // first value of a repeated key
  for (const auto& [k, v] : req.headers) {
    std::string name = k;
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    w.headers.emplace(name, v);
  }
  w.body = req.body;
  w.remote_addr = req.remote_addr;
  return w;
}

void to_httplib(const WebResponse& w, httplib::Response& res) {
  res.status = w.status;
  for (const auto& [k, v] : w.headers) res.set_header(k.c_str(), v);
  if (!w.content_type.empty()) res.set_content(w.body, w.content_type.c_str());
}

}  // namespace

void mount_console(httplib::Server& server, ConsoleSite& site) {
  auto handler = [&site](const httplib::Request& req, httplib::Response& res) {
    to_httplib(site.handle(from_httplib(req)), res);
  };
  const char* pattern = R"(/console(/.*)?)";
  server.Get(pattern, handler);
  server.Post(pattern, handler);
  server.Put(pattern, handler);
  server.Delete(pattern, handler);
}

}  // namespace certrenew::server::console
