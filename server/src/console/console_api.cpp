#include "console/console_api.hpp"

#include <spdlog/spdlog.h>

#include "certrenew/core/protocol/json_field.hpp"
#include "certrenew/core/time/utc_time.hpp"
#include "service/audit_trail.hpp"
#include "service/catalogue_errors.hpp"
#include "service/digest.hpp"

namespace certrenew::server::console {

using nlohmann::json;

WebResponse json_response(int status, const json& body) {
  WebResponse r;
  r.status = status;
  r.content_type = "application/json; charset=utf-8";
  r.body = protocol::encode_json(body);
  add_security_headers(r);
  return r;
}

WebResponse error_response(const ApiError& e) {
  return json_response(e.status(), e.to_json());
}

WebResponse csv_response(const std::string& filename, const std::string& body) {
  WebResponse r;
  r.content_type = "text/csv; charset=utf-8";
  r.body = "\xEF\xBB\xBF" + body;  // the BOM makes spreadsheet programs read UTF-8
  add_security_headers(r);
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  return r;
}

std::string body_string(const json& body, const char* field, std::size_t max_bytes,
                        bool allow_empty) {
  auto it = body.find(field);
  if (it == body.end() || !it->is_string() ||
      it->get_ref<const std::string&>().size() > max_bytes ||
      (!allow_empty && it->get_ref<const std::string&>().empty()))
    throw back_office_error(400, "bad_body", "request.bad_body", {{"field", field}});
  return it->get<std::string>();
}

void day_range(const WebRequest& request, const ReportZone& zone, std::int64_t& from,
               std::int64_t& to) {
  for (const char* key : {"from", "to"}) {
    const std::string v = request.param(key);
    if (v.empty()) continue;
    auto bounds = zone.bounds_of(v);
    if (!bounds) throw back_office_error(400, "bad_filter", "request.bad_filter", {{"field", key}});
    if (std::string(key) == "from")
      from = bounds->first;
    else
      to = bounds->second;  // the whole last day
  }
}

std::string session_cookie(const std::string& id, std::int64_t max_age_seconds) {
  // __Host-: only over HTTPS, only for this host, path /; never readable by scripts.
  return std::string(kSessionCookie) + "=" + id + "; Path=/; Secure; HttpOnly; SameSite=Strict" +
         "; Max-Age=" + std::to_string(max_age_seconds);
}

namespace {

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    if (slash > start) parts.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

std::string cookie_value(const std::string& header, const std::string& name) {
  std::size_t pos = 0;
  while (pos < header.size()) {
    while (pos < header.size() && (header[pos] == ' ' || header[pos] == ';')) ++pos;
    std::size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    const std::string part = header.substr(pos, end - pos);
    if (part.size() > name.size() && part.compare(0, name.size(), name) == 0 &&
        part[name.size()] == '=')
      return part.substr(name.size() + 1);
    pos = end + 1;
  }
  return {};
}

json parse_body(const WebRequest& req) {
  if (req.header("content-type").rfind("application/json", 0) != 0)
    throw ApiError(415, "unsupported_media_type", "the body must be application/json",
                   std::string(back_office_catalogue().at("request.bad_body").zh));
  try {
    json j = protocol::parse_json(req.body.empty() ? std::string("{}") : req.body);
    if (!j.is_object()) throw back_office_error(400, "bad_body", "request.bad_body");
    return j;
  } catch (const protocol::DecodeError&) {
    throw back_office_error(400, "bad_body", "request.bad_body");
  }
}

}  // namespace

ConsoleApi::ConsoleApi(RenewalService& service, OperatorAccounts& accounts)
    : service_(service),
      accounts_(accounts),
      zone_(ReportZone::load(service.config().report_time_zone)) {
  add_queue_routes();
  add_back_office_routes();
  add_reconciliation_routes();
  add_operator_routes();
  add_report_routes();
  add_refund_routes();
  add_issuer_routes();
}

void ConsoleApi::add(const std::string& method, const std::string& pattern, Handler handler) {
  routes_.push_back({method, split_path(pattern), std::move(handler)});
}

WebResponse ConsoleApi::handle(const WebRequest& request, const std::string& path) {
  try {
    return dispatch(request, path);
  } catch (const ApiError& e) {
    return error_response(e);
  } catch (const std::exception& e) {
    spdlog::error("console {} {}: {}", request.method, request.path, e.what());
    return error_response(back_office_error(500, "internal", "server.internal"));
  }
}

WebResponse ConsoleApi::dispatch(const WebRequest& req, const std::string& path) {
  if (path == "login") {
    if (req.method != "POST") throw back_office_error(405, "method_not_allowed", "request.method");
    return login(req);
  }
  const std::string sid = cookie_value(req.header("cookie"), kSessionCookie);
  auto session = sid.empty() ? std::nullopt : accounts_.session(sid);
  if (!session) throw back_office_error(401, "login_required", "login.required");
  const bool change = req.method != "GET" && req.method != "HEAD";
  // The synchroniser token: a cross-site page cannot read it, so cannot send it.
  if (change && !equal_secret(req.header("x-csrf-token"), session->csrf_token))
    throw back_office_error(403, "csrf_refused", "csrf.missing");
  if (path == "logout") {
    if (!change) throw back_office_error(405, "method_not_allowed", "request.method");
    return logout(req);
  }
  ConsoleCall call{req, session->actor, nullptr};
  call.actor.source = req.remote_addr;
  if (path == "session")
    return json_response(200, {{"operator", call.actor.name},
                               {"role", call.actor.role_text()},
                               {"csrf_token", session->csrf_token}});
  const auto parts = split_path(path);
  bool path_known = false;
  for (const Route& route : routes_) {
    if (route.pattern.size() != parts.size()) continue;
    std::vector<std::string> args;
    bool match = true;
    for (std::size_t i = 0; i < parts.size() && match; ++i) {
      if (route.pattern[i] == "*")
        args.push_back(parts[i]);
      else
        match = route.pattern[i] == parts[i];
    }
    if (!match) continue;
    path_known = true;
    if (route.method != req.method) continue;
    if (change) call.body = parse_body(req);
    return route.handler(call, args);
  }
  if (path_known) throw back_office_error(405, "method_not_allowed", "request.method");
  throw back_office_error(404, "no_such_endpoint", "request.no_endpoint");
}

WebResponse ConsoleApi::login(const WebRequest& req) {
  const json body = parse_body(req);
  const std::string name = body_string(body, "name", 64);
  const std::string password = body_string(body, "password", 1024);
  const std::string code =
      body.contains("totp") ? body_string(body, "totp", 16, true) : std::string();
  NewSession s = accounts_.login(name, password, code, req.remote_addr);
  WebResponse r = json_response(
      200,
      {{"operator", s.actor.name}, {"role", s.actor.role_text()}, {"csrf_token", s.csrf_token}});
  r.headers.emplace_back("Set-Cookie",
                         session_cookie(s.session_id, s.expires_at - service_.now_seconds()));
  return r;
}

WebResponse ConsoleApi::logout(const WebRequest& req) {
  const std::string sid = cookie_value(req.header("cookie"), kSessionCookie);
  auto session = accounts_.session(sid);
  accounts_.logout(sid);
  if (session) {
    service_.store().transact([&](StoreTx& tx) {
      append_audit(tx.console(),
                   {session->actor.name, session->actor.role_text(), req.remote_addr, "logout", "",
                    "", "", ""},
                   service_.now_seconds());
    });
  }
  WebResponse r = json_response(200, {{"logged_out", true}});
  r.headers.emplace_back("Set-Cookie", session_cookie("", 0));
  return r;
}

}  // namespace certrenew::server::console
