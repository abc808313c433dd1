#include "console/router_mount.hpp"

#include "http/beast_exchange.hpp"

namespace certrenew::server::console {

namespace {

WebRequest to_web(const HttpRequest& req) {
  WebRequest w;
  w.method = req.method;
  w.path = percent_decode(req.path, false);  // the console expects a decoded path
  w.query = req.query;
  w.headers = req.headers;  // names already in lower case
  w.body = req.body;
  w.remote_addr = req.remote_address;
  return w;
}

HttpAnswer to_answer(WebResponse w) {
  HttpAnswer a;
  a.status = w.status;
  // An answer without a body of its own (the 308 to /console/) keeps HttpAnswer's default
  // rather than sending an empty Content-Type header.
  if (!w.content_type.empty()) a.content_type = std::move(w.content_type);
  a.body = std::move(w.body);
  a.headers = std::move(w.headers);
  return a;
}

}  // namespace

void mount_console(Router& router, ConsoleSite& site) {
  const std::string pattern = R"(/console(/.*)?)";
  for (const char* method : {"GET", "POST", "PUT", "DELETE"})
    router.add(method, pattern,
               [&site](const HttpRequest& req) { return to_answer(site.handle(to_web(req))); });
}

}  // namespace certrenew::server::console
