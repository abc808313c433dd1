// Operator accounts in the console, for admins (issue 18): list, add, disable/enable, reset the
// password or the TOTP secret, issue and revoke API tokens. The rules (who may, the last admin,
// what ends with a change, the audit entry) are console::OperatorAccounts', shared with the
// command line; secrets it generates are in the answer once and stored only as hashes.
#include "certrenew/core/protocol/json_members.hpp"
#include "console/console_api.hpp"
#include "console/totp.hpp"
#include "service/catalogue_errors.hpp"
#include "service/service_support.hpp"

namespace certrenew::server::console {

using nlohmann::json;

namespace {

CERTRENEW_JSON_MEMBERS(OperatorSummary, name, role, disabled, locked, totp, api_tokens)

json credentials_json(const std::string& name, const NewCredentials& c) {
  json out = {{"name", name}};
  if (!c.password.empty()) out["generated_password"] = c.password;
  if (!c.totp_secret.empty()) {
    out["totp_secret"] = c.totp_secret;
    out["totp_uri"] = totp_uri("CertRenew", name, c.totp_secret);
  }
  return out;
}

bool body_flag(const json& body, const char* field) {
  auto it = body.find(field);
  if (it == body.end()) return false;
  if (!it->is_boolean())
    throw back_office_error(400, "bad_body", "request.bad_body", {{"field", field}});
  return it->get<bool>();
}

// An optional password: absent or empty means "generate one".
std::string body_password(const json& body) {
  return body.contains("password") ? body_string(body, "password", 1024, true) : std::string();
}

}  // namespace

void ConsoleApi::add_operator_routes() {
  add("GET", "operators", [this](ConsoleCall& call, const auto&) {
    require(call.actor, Permission::manage);
    json out = json::array();
    for (const auto& o : accounts_.list()) {
      json item = json_members(o);
      item["created_at"] = iso_utc(o.created_at);
      item["updated_at"] = iso_utc(o.updated_at);
      item["self"] = o.name == call.actor.name;
      out.push_back(std::move(item));
    }
    return json_response(200, {{"operators", out}});
  });
  add("POST", "operators", [this](ConsoleCall& call, const auto&) {
    const std::string name = body_string(call.body, "name", 64);
    const std::string role = body_string(call.body, "role", 16);
    const NewCredentials c = accounts_.add(name, role, body_password(call.body),
                                           body_flag(call.body, "totp"), call.actor);
    json out = credentials_json(name, c);
    out["role"] = role;
    return json_response(201, out);
  });
  add("POST", "operators/*/disable", [this](ConsoleCall& call, const auto& args) {
    accounts_.set_disabled(args[0], true, call.actor);
    return json_response(200, {{"name", args[0]}, {"disabled", true}});
  });
  add("POST", "operators/*/enable", [this](ConsoleCall& call, const auto& args) {
    accounts_.set_disabled(args[0], false, call.actor);
    return json_response(200, {{"name", args[0]}, {"disabled", false}});
  });
  add("POST", "operators/*/reset-password", [this](ConsoleCall& call, const auto& args) {
    return json_response(200, credentials_json(args[0], accounts_.reset_password(
                                                            args[0], body_password(call.body),
                                                            TotpChange::keep, false, call.actor)));
  });
  add("POST", "operators/*/reset-totp", [this](ConsoleCall& call, const auto& args) {
    const bool with_totp = body_flag(call.body, "totp");
    json out = credentials_json(args[0], accounts_.reset_totp(args[0], with_totp, call.actor));
    out["totp"] = with_totp;
    return json_response(200, out);
  });
  add("POST", "operators/*/token", [this](ConsoleCall& call, const auto& args) {
    return json_response(
        200, {{"name", args[0]}, {"api_token", accounts_.issue_token(args[0], call.actor)}});
  });
  add("POST", "operators/*/revoke-tokens", [this](ConsoleCall& call, const auto& args) {
    return json_response(
        200, {{"name", args[0]}, {"revoked", accounts_.revoke_tokens(args[0], call.actor)}});
  });
}

}  // namespace certrenew::server::console
