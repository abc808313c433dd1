// The operators' console in a real browser (issue 18): a real certrenew-server with named
// operators (made with `certrenew-server operator add`), real signed applications, and headless
// Chromium driven through WebDriver by console_walk.py. The walk's assertions are in the script;
// this test prepares the world, runs it and fails with its output.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "applicant.hpp"
#include "console_walk_runner.hpp"
#include "gbk_text.hpp"
#include "server_process.hpp"

using namespace certrenew::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

struct Made {
  std::string business_no;
  std::string token;
};

Made submit(const ServerProcess& s, json content) {
  Applicant a = Applicant::of(s);
  auto r = s.post(kApps, a.body(content.is_null() ? a.content(s) : content));
  REQUIRE_MESSAGE(r.status == 201, r.body.dump());
  return {r.body["application"]["business_no"], r.body["capability_token"]};
}

void record_transfer(const ServerProcess& s, const Made& m, const std::string& payer,
                     const std::string& account) {
  json body = {{"records",
                {{{"payer_account", account},
                  {"payer_name", payer},
                  {"amount", "200.00"},
                  {"paid_on", iso_now().substr(0, 10)},
                  {"remarks", "<b>renewal</b>"}}}}};
  auto r = s.put(kApps + "/" + m.business_no + "/bank-transfers", body, m.token);
  REQUIRE_MESSAGE(r.status == 200, r.body.dump());
}

void add_operator(const ServerProcess& s, const std::string& name, const std::string& role,
                  const std::string& password) {
  // The password goes in on standard input, as an operator would type it.
  std::string out;
  const std::string command = "printf '%s\\n' '" + password + "' | " +
                              std::string(CERTRENEW_SERVER_BINARY) + " operator --config '" +
                              s.config_file().string() + "' add " + name + " --role " + role;
  REQUIRE_MESSAGE(run_program({"/bin/sh", "-c", command}, &out) == 0, out);
}

}  // namespace

TEST_CASE(
    "the console in headless Chromium: roles, CSRF, escaping, confirm, approve, reject, "
    "reconcile, audit") {
  ServerProcess s;
  add_operator(s, "fay", "finance", "finance pass 123");
  add_operator(s, "rita", "reviewer", "reviewer pass 123");
  add_operator(s, "adam", "admin", "admin pass 12345");

  // A: paid by transfer, confirmed in the console. B: matched by the bank statement.
  // C: an address that tries to run script, rejected. D: cancelled after paying: a refund.
  Made a = submit(s, nullptr);
  record_transfer(s, a, "胡某", "6222020200000001");
  Made b = submit(s, nullptr);
  record_transfer(s, b, "北京某某科技有限公司", "6222020200000002");
  Applicant evil = Applicant::of(s);
  json content = evil.content(s);
  content["recipient"]["address"] =
      "广东省<script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\">1号";
  auto posted = s.post(kApps, evil.body(content));
  REQUIRE_MESSAGE(posted.status == 201, posted.body.dump());
  Made c{posted.body["application"]["business_no"], posted.body["capability_token"]};
  record_transfer(s, c, "李某", "6222020200000003");
  Made d = submit(s, nullptr);
  record_transfer(s, d, "王某", "6222020200000004");
  REQUIRE(s.post(kApps + "/" + d.business_no + "/cancel", nullptr, d.token).status == 200);

  // The bank's export: GBK, a preamble line, a debit, B's credit and one nobody recorded.
  const fs::path statement = s.dir() / "statement.csv";
  std::ofstream(statement, std::ios::binary) << to_gbk(
      "账号:1234567890,户名:某某CA有限公司\r\n"
      "交易日期,摘要,借方金额,贷方金额,对方户名,对方账号\r\n"
      "" +
      iso_now().substr(0, 10) + ",转账,,200.00,北京某某科技有限公司,6222020200000002\r\n" +
      iso_now().substr(0, 10) + ",手续费,2.00,,,\r\n" + iso_now().substr(0, 10) +
      ",转账,,999.00,不认识的公司,6222999999999999\r\n");

  run_console_walk(s,
                   {{"finance", {{"name", "fay"}, {"password", "finance pass 123"}}},
                    {"reviewer", {{"name", "rita"}, {"password", "reviewer pass 123"}}},
                    {"admin", {{"name", "adam"}, {"password", "admin pass 12345"}}},
                    {"a", a.business_no},
                    {"b", b.business_no},
                    {"c", c.business_no},
                    {"d", d.business_no},
                    {"statement", statement.string()}},
                   CERTRENEW_CONSOLE_WALK);

  // What the browser did is in the audit log, chained intact.
  std::string verify;
  CHECK(run_program({CERTRENEW_SERVER_BINARY, "operator", "--config", s.config_file().string(),
                     "verify-audit"},
                    &verify) == 0);
  CHECK(verify.find("intact") != std::string::npos);
}
