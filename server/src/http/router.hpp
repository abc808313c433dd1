#pragma once
// The route table: which handler answers which method and path. Handlers are plain functions
// from an HttpRequest to an HttpAnswer (http/http_message.hpp); the serving layer (HttpServer)
// runs them on its worker pool, never on an I/O thread, so a handler may block on the database
// or on crypto. A handler that throws gets a 500 that says nothing inside (the exception is
// logged); ApiError and protocol decoding are mapped by the API's own wrapper (http_api.cpp).
//
// Mounting a feature (e.g. the operators' console) takes a few lines in instance/serve.cpp:
//
//   void mount_console(Router& router, Console& console) {             //
//   console/console_routes.cpp
//     router.get("/console/login", [&](const HttpRequest& req) {
//       HttpAnswer a;
//       a.content_type = "text/html; charset=utf-8";
//       a.body = console.login_page(req.param("lang"));
//       return a;
//     });
//     router.post(R"(/console/applications/(\d{17})/approve)", [&](const HttpRequest& req) {
//       return console.approve(req.matches[1], req.header("cookie"), req.body);
//     });
//   }
//   ...
//   mount_console(api_router, console);                                 // in serve()
//
// Patterns are ECMAScript regular expressions matched against the WHOLE path (not the query);
// capture groups land in req.matches[1...]. Routes are tried in the order they were added.
// Header names in req.headers are lower case. Limits (body size, deadlines) are the server's:
// a handler sees only complete requests that passed them.

#include <functional>
#include <regex>
#include <string>
#include <vector>

#include "http/http_message.hpp"

namespace certrenew::server {

using HttpHandler = std::function<HttpAnswer(const HttpRequest&)>;

class Router {
 public:
  void add(std::string method, const std::string& pattern, HttpHandler handler);
  void get(const std::string& pattern, HttpHandler h) { add("GET", pattern, std::move(h)); }
  void post(const std::string& pattern, HttpHandler h) { add("POST", pattern, std::move(h)); }
  void put(const std::string& pattern, HttpHandler h) { add("PUT", pattern, std::move(h)); }

  struct Route {
    std::string method;
    std::string pattern;  // also the route's label in metrics and logs (bounded, no user data)
    std::regex regex;
    HttpHandler handler;
  };
  // The route for `request` (filling request.matches), or nullptr.
  const Route* find(HttpRequest& request) const;

  // Answers `request`: its route's handler, or 404 no_such_endpoint. Exceptions that escape the
  // handler become a 500 that names nothing inside.
  HttpAnswer answer(HttpRequest& request, std::string* route_label = nullptr) const;

 private:
  std::vector<Route> routes_;
};

}  // namespace certrenew::server
