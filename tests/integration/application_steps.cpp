#include "application_steps.hpp"

#include <doctest/doctest.h>

namespace certrenew::testing {

using nlohmann::json;

Submitted submit(const ServerProcess& s, const Applicant& a, const json& content) {
  auto r = s.post(kApps, a.body(content));
  REQUIRE_MESSAGE(r.status == 201, r.body.dump());
  return {r.body["application"]["business_no"], r.body["capability_token"], r.body["application"]};
}

Submitted submit(const ServerProcess& s, const Applicant& a, int period) {
  return submit(s, a, a.content(s, period));
}

json bank_transfer(const std::string& amount, const std::string& payer_name,
                   const std::string& payer_account) {
  return {{"records",
           {{{"payer_account", payer_account},
             {"payer_name", payer_name},
             {"amount", amount},
             {"paid_on", iso_now().substr(0, 10)},
             {"remarks", ""}}}}};
}

void pay_by_transfer(const ServerProcess& s, const Submitted& app, const std::string& amount) {
  auto saved =
      s.put(kApps + "/" + app.business_no + "/bank-transfers", bank_transfer(amount), app.token);
  REQUIRE_MESSAGE(saved.status == 200, saved.body.dump());
  auto confirmed = s.admin_action(app.business_no, "confirm-payment");
  REQUIRE_MESSAGE(confirmed.status == 200, confirmed.body.dump());
}

void pay_and_approve(const ServerProcess& s, const Submitted& app, const std::string& amount) {
  pay_by_transfer(s, app, amount);
  auto approved = s.admin_action(app.business_no, "approve");
  REQUIRE_MESSAGE(approved.status == 200, approved.body.dump());
}

Bytes download(const ServerProcess& s, const Submitted& app) {
  auto cert = s.get(kApps + "/" + app.business_no + "/certificate", app.token);
  REQUIRE_MESSAGE(cert.status == 200, cert.body.dump());
  return from_base64(cert.body["certificate"].get<std::string>());
}

std::string code_of(const ServerProcess::Reply& r) {
  if (!r.body.is_object() || !r.body.contains("error")) return "(no error: " + r.body.dump() + ")";
  return r.body["error"]["code"].get<std::string>();
}

}  // namespace certrenew::testing
