#include "console_client.hpp"

#include <doctest/doctest.h>

namespace certrenew::testing {

using nlohmann::json;

std::string paid_by_transfer(const ServerProcess& s) {
  return submitted_with_transfer(s).business_no;
}

Submitted submitted_with_transfer(const ServerProcess& s) {
  const Submitted made = submit(s, Applicant::of(s));
  auto saved = s.put(kApps + "/" + made.business_no + "/bank-transfers",
                     bank_transfer("200.00", "胡某", "6222020200000001"), made.token);
  REQUIRE_MESSAGE(saved.status == 200, saved.body.dump());
  return made;
}

void add_operator(const ServerProcess& s, const std::string& name, const std::string& role) {
  std::string out;
  REQUIRE_MESSAGE(run_server_command("operator --config '" + s.config_file().string() + "' add " +
                                         name + " --role " + role + " <<'EOF'\nlong enough pw\nEOF",
                                     &out) == 0,
                  out);
}

std::string token_file(const ServerProcess& s, const std::string& name) {
  const std::string file = (s.dir() / (name + ".token")).string();
  std::string out;
  REQUIRE_MESSAGE(run_server_command("operator --config '" + s.config_file().string() + "' token " +
                                         name + " --out '" + file + "'",
                                     &out) == 0,
                  out);
  return file;
}

int admin(const ServerProcess& s, const std::string& token, const std::string& action,
          std::string* out) {
  return run_server_command("admin --config '" + s.config_file().string() +
                                "' --listen 127.0.0.1:" + std::to_string(s.port()) +
                                " --token-file '" + token + "' " + action,
                            out);
}

Session console_login(const ServerProcess& s, const std::string& name,
                      const std::string& password) {
  auto c = s.client();
  auto res = c->Post("/console/api/login", json{{"name", name}, {"password", password}}.dump(),
                     "application/json");
  REQUIRE(res);
  REQUIRE_MESSAGE(res->status == 200, res->body);
  const std::string set_cookie = res->get_header_value("Set-Cookie");
  CHECK(set_cookie.find("HttpOnly") != std::string::npos);
  CHECK(set_cookie.find("Secure") != std::string::npos);
  CHECK(set_cookie.find("SameSite=Strict") != std::string::npos);
  return {set_cookie.substr(0, set_cookie.find(';')), json::parse(res->body)["csrf_token"]};
}

ServerProcess::Reply console(const ServerProcess& s, const Session& session,
                             const std::string& method, const std::string& path,
                             const std::string& body, bool with_csrf, const std::string& type) {
  httplib::Headers headers{{"Cookie", session.cookie}};
  if (with_csrf) headers.emplace("X-CSRF-Token", session.csrf);
  return s.send_raw(method, "/console/api/" + path, body, type, headers);
}

}  // namespace certrenew::testing
