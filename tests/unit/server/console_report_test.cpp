// Reports in the CA's days (issue 18): the time zone decoder (TZif from the system's tzdata), and
// the console's daily report and day filters in process over both storage backends — a payment
// confirmed at 23:30 UTC belongs to the next day in China (UTC+8).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "certrenew/core/time/utc_time.hpp"
#include "console/console_api.hpp"
#include "console/operator_accounts.hpp"
#include "instance/init.hpp"
#include "service/config.hpp"
#include "service/renewal_service.hpp"
#include "service/report_zone.hpp"
#include "storage/console_store.hpp"
#include "store_backends.hpp"
#include "test_pki.hpp"  // TempDir

using namespace certrenew;
using namespace certrenew::server;
using namespace certrenew::server::testing;
namespace fs = std::filesystem;

namespace {

std::int64_t at(const std::string& iso) {
  auto t = UtcTime::parse(iso);
  REQUIRE(t);
  return t->unix_seconds();
}

// The console's API in this process, signed in as a finance operator.
struct Console {
  std::unique_ptr<RenewalService> service;
  std::unique_ptr<console::OperatorAccounts> accounts;
  std::unique_ptr<console::ConsoleApi> api;
  std::string cookie;

  Console(ServerConfig config, std::unique_ptr<Store> store, const std::int64_t& now) {
    service = std::make_unique<RenewalService>(std::move(config), std::move(store), [&now] {
      return Clock::time_point(std::chrono::seconds(now));
    });
    accounts = std::make_unique<console::OperatorAccounts>(service->store(), console::LoginPolicy{},
                                                           [&now] { return now; });
    if (!accounts->list().empty())
      accounts->reset("fin", "long enough pw", false, "test");
    else
      accounts->add("fin", "finance", "long enough pw", false, "test");
    api = std::make_unique<console::ConsoleApi>(*service, *accounts);
    cookie = std::string(console::kSessionCookie) + "=" +
             accounts->login("fin", "long enough pw", "", "127.0.0.1").session_id;
  }
  console::WebResponse get(const std::string& path,
                           std::map<std::string, std::string> query = {}) const {
    console::WebRequest r;
    r.method = "GET";
    r.path = "/console/api/" + path;
    r.query = std::move(query);
    r.headers["cookie"] = cookie;
    r.remote_addr = "127.0.0.1";
    return api->handle(r, path);
  }
  nlohmann::json get_json(const std::string& path,
                          std::map<std::string, std::string> query = {}) const {
    const auto r = get(path, std::move(query));
    REQUIRE_MESSAGE(r.status == 200, r.body);
    return nlohmann::json::parse(r.body);
  }
};

}  // namespace

TEST_CASE("report zones come from tzdata: Asia/Shanghai is UTC+8, bad zones are refused") {
  const ReportZone china = ReportZone::load("Asia/Shanghai");
  const std::int64_t late = at("2026-12-04T23:30:00Z");
  CHECK(china.offset_at(late) == 8 * 3600);
  CHECK(china.offset_text(late) == "UTC+08:00");
  CHECK(china.day_of(late) == "2026-12-05");
  CHECK(ReportZone::utc().day_of(late) == "2026-12-04");
  CHECK(ReportZone::load("UTC").day_of(late) == "2026-12-04");
  const auto day = china.bounds_of("2026-12-05");
  REQUIRE(day);
  CHECK(day->first == at("2026-12-04T16:00:00Z"));
  CHECK(day->second == at("2026-12-05T16:00:00Z"));
  // China kept summer time from 1986 to 1991: the transitions are read, not assumed.
  CHECK(china.offset_at(at("1988-07-01T00:00:00Z")) == 9 * 3600);
  CHECK(china.offset_at(at("1988-12-01T00:00:00Z")) == 8 * 3600);
  CHECK_FALSE(china.bounds_of("2026-02-30"));
  CHECK_FALSE(china.bounds_of("2026-1-01"));
  CHECK_FALSE(china.bounds_of("yesterday!"));

  CHECK_THROWS_WITH(ReportZone::load("../../etc/passwd"), doctest::Contains("not a time zone"));
  CHECK_THROWS_WITH(ReportZone::load("Asia/Nowhere"), doctest::Contains("no such zone"));
}

TEST_CASE("a report day in a zone with daylight saving time has the day's real length") {
  const ReportZone berlin = ReportZone::load("Europe/Berlin");
  // 2026-03-29: clocks go from 02:00 to 03:00 CET→CEST, a 23-hour day.
  const auto spring = berlin.bounds_of("2026-03-29");
  REQUIRE(spring);
  CHECK(spring->first == at("2026-03-28T23:00:00Z"));
  CHECK(spring->second - spring->first == 23 * 3600);
  // 2026-10-25: back from 03:00 to 02:00, a 25-hour day.
  const auto autumn = berlin.bounds_of("2026-10-25");
  REQUIRE(autumn);
  CHECK(autumn->second - autumn->first == 25 * 3600);
  CHECK(berlin.offset_text(at("2026-07-01T12:00:00Z")) == "UTC+02:00");
  CHECK(berlin.day_of(at("2026-07-01T22:30:00Z")) == "2026-07-02");
}

TEST_CASE_TEMPLATE("the daily report and day filters count the CA's days, not UTC days", Db,
                   BACKENDS) {
  Db db;
  SKIP_IF_UNAVAILABLE(db);
  certrenew::testing::TempDir folder;
  InitOptions init;
  init.dir = folder.path() / "instance";
  init.assets_dir = find_assets_dir();
  ServerConfig config = ServerConfig::load(init_instance(init).config);
  CHECK(config.report_time_zone == "Asia/Shanghai");  // the default

  // Submitted 22:30 UTC on 4 December (06:30 on the 5th in China); the transfer confirmed and
  // part of it refunded at 23:30 UTC.
  std::int64_t now = at("2026-12-04T23:30:00Z");
  Console china(config, db.open(), now);
  china.service->store().transact([&](StoreTx& tx) {
    ApplicationRecord r;
    r.business_no = "01202612050000001";
    r.order_no = "202612050001";
    r.request_sha256 = std::string(64, 'a');
    r.state = "under_review";
    r.payment_state = "paid";
    r.old_cert_serial = "0a";
    r.old_cert_der = {1, 2, 3};
    r.csr_der = {4, 5, 6};
    r.period_months = 24;
    r.total_fen = 20000;
    r.form_json = "{}";
    r.created_at = r.updated_at = at("2026-12-04T22:30:00Z");
    r.id = tx.insert_application(r);
    tx.replace_bank_transfers(r.id, {{0, "6222020200000001", "payer", 20000, "2026-12-04", ""}});
    tx.append_event(r.id, {now, "operator:fin", "payment_confirmed", ""});
    tx.console().insert_refund_payout(
        {0, r.business_no, "bank_transfer", 5000, "", "R-1", "done", "", "fin", now, now});
  });

  const auto fifth = china.get_json("reports/daily", {{"date", "2026-12-05"}});
  CHECK(fifth["time_zone"] == "Asia/Shanghai");
  CHECK(fifth["utc_offset"] == "UTC+08:00");
  CHECK(fifth["from"] == "2026-12-04T16:00:00Z");
  CHECK(fifth["applications_created"] == 1);
  CHECK(fifth["bank_transfer"]["count"] == 1);
  CHECK(fifth["bank_transfer"]["fen"] == 20000);
  CHECK(fifth["refunds"]["bank_transfer"]["fen"] == 5000);
  const auto fourth = china.get_json("reports/daily", {{"date", "2026-12-04"}});
  CHECK(fourth["bank_transfer"]["count"] == 0);
  CHECK(fourth["applications_created"] == 0);
  CHECK(china.get_json("reports/daily")["date"] == "2026-12-05");  // today, in China
  const auto csv = china.get("reports/daily.csv", {{"date", "2026-12-05"}});
  CHECK(csv.body.find("\"date (Asia/Shanghai, UTC+08:00)\",metric") != std::string::npos);
  CHECK(csv.body.find("2026-12-05,paid_bank_transfer,1,200.00") != std::string::npos);
  CHECK(csv.body.find("2026-12-05,refunded_bank_transfer,1,50.00") != std::string::npos);
  CHECK(
      china.get_json("applications", {{"from", "2026-12-05"}, {"to", "2026-12-05"}})["applications"]
          .size() == 1);
  CHECK(china.get_json("applications", {{"to", "2026-12-04"}})["applications"].empty());
  CHECK(china.get("reports/daily", {{"date", "2026-13-01"}}).status == 400);

  // The same data with the zone set to UTC: the payment is on the 4th.
  config.report_time_zone = "UTC";
  Console utc(config, db.open(), now);
  const auto utc_fourth = utc.get_json("reports/daily", {{"date", "2026-12-04"}});
  CHECK(utc_fourth["bank_transfer"]["count"] == 1);
  CHECK(utc_fourth["utc_offset"] == "UTC+00:00");
}
