#include "security_support.hpp"

#include <doctest/doctest.h>

#include <fstream>

namespace certrenew::testing::security {

using nlohmann::json;

Submitted submit(const ServerProcess& s, const Applicant& a, int period) {
  auto r = s.post(kApps, a.body(a.content(s, period)));
  REQUIRE_MESSAGE(r.status == 201, r.body.dump());
  return {r.body["application"]["business_no"], r.body["capability_token"], r.body["application"]};
}

void pay_and_approve(const ServerProcess& s, const Submitted& app) {
  const json transfer = {{"records",
                          {{{"payer_account", "6222 0202 0000 1234 567"},
                            {"payer_name", "广州某某贸易有限公司"},
                            {"amount", "200.00"},
                            {"paid_on", iso_now().substr(0, 10)},
                            {"remarks", ""}}}}};
  auto saved = s.put(kApps + "/" + app.business_no + "/bank-transfers", transfer, app.token);
  REQUIRE_MESSAGE(saved.status == 200, saved.body.dump());
  auto confirmed = s.admin_action(app.business_no, "confirm-payment");
  REQUIRE_MESSAGE(confirmed.status == 200, confirmed.body.dump());
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

int shell(const std::string& command, std::string* output) {
  return run_program({"/bin/sh", "-c", command + " </dev/null"}, output);
}

void write_pem_certificate(const std::filesystem::path& file, const Bytes& der) {
  std::ofstream out(file, std::ios::trunc);
  out << "-----BEGIN CERTIFICATE-----\n";
  const std::string b64 = to_base64(der);
  for (std::size_t i = 0; i < b64.size(); i += 64) out << b64.substr(i, 64) << "\n";
  out << "-----END CERTIFICATE-----\n";
}

}  // namespace certrenew::testing::security
