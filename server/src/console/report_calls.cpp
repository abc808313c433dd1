// The daily report (issue 18): applications submitted, approvals and rejections, money received
// and refunded by method, for one of the CA's days (config reports.time_zone, default
// Asia/Shanghai): a payment at 23:30 UTC belongs to the next day in China. JSON for the page,
// CSV to download; both name the zone and its UTC offset.
#include "certrenew/core/forms/money.hpp"
#include "console/console_api.hpp"
#include "console/csv.hpp"
#include "service/catalogue_errors.hpp"
#include "service/service_support.hpp"
#include "storage/console_store.hpp"

namespace certrenew::server::console {

using forms::Money;
using nlohmann::json;

namespace {

struct Tally {
  std::int64_t count = 0;
  std::int64_t fen = 0;
  void add(std::int64_t amount_fen) {
    ++count;
    auto sum = Money::from_fen(fen).plus(Money::from_fen(amount_fen));
    if (!sum) throw back_office_error(500, "internal", "server.internal");  // never wraps
    fen = sum->fen();
  }
  json to_json() const { return {{"count", count}, {"fen", fen}}; }
};

struct DailyReport {
  std::string day;
  std::string zone;
  std::string offset;  // "UTC+08:00"
  std::int64_t from = 0, to = 0;
  Tally created, bank, online, refund_bank, refund_online;
  std::int64_t approved = 0, rejected = 0;
};

std::int64_t transfers_fen(StoreTx& tx, std::int64_t application_id) {
  Tally t;
  for (const auto& x : tx.bank_transfers(application_id)) t.add(x.amount_fen);
  return t.fen;
}

DailyReport daily_report(StoreTx& tx, DailyReport d) {
  // Every application of the day, however many, a page of the list's columns at a time.
  ApplicationQuery q;
  q.created_from = d.from;
  q.created_to = d.to;
  q.limit = 1000;
  for (bool more = true; more;) {
    const ApplicationPage page = tx.console().list_applications(q);
    for (const auto& a : page.rows) d.created.add(a.total_fen);
    q.after = page.next;
    more = page.next.has_value();
  }
  for (const auto& [app_id, e] : tx.console().events_between(d.from, d.to)) {
    if (e.kind == "approved") ++d.approved;
    if (e.kind == "rejected") ++d.rejected;
    if (e.kind == "payment_confirmed") d.bank.add(transfers_fen(tx, app_id));
    if (e.kind == "paid_online") {
      auto r = tx.application_by_id(app_id);
      d.online.add(r ? r->total_fen : 0);
    }
  }
  for (const auto& p : tx.console().refund_payouts_between(d.from, d.to)) {
    if (p.state != "done") continue;
    (p.method == "online" ? d.refund_online : d.refund_bank).add(p.amount_fen);
  }
  return d;
}

}  // namespace

void ConsoleApi::add_report_routes() {
  auto report = [this](const WebRequest& q) {
    const std::string day =
        q.param("date").empty() ? zone_.day_of(service_.now_seconds()) : q.param("date");
    auto bounds = zone_.bounds_of(day);
    if (!bounds) throw back_office_error(400, "bad_date", "report.bad_date");
    DailyReport d;
    d.day = day;
    d.zone = zone_.name();
    d.offset = zone_.offset_text(bounds->first);
    d.from = bounds->first;
    d.to = bounds->second;
    service_.store().transact([&](StoreTx& tx) { d = daily_report(tx, d); });
    return d;
  };
  add("GET", "reports/daily", [report](ConsoleCall& call, const auto&) {
    const DailyReport d = report(call.request);
    return json_response(
        200,
        {{"date", d.day},
         {"time_zone", d.zone},
         {"utc_offset", d.offset},
         {"from", iso_utc(d.from)},
         {"to", iso_utc(d.to)},
         {"applications_created", d.created.count},
         {"applications_created_fen", d.created.fen},
         {"approved", d.approved},
         {"rejected", d.rejected},
         {"bank_transfer", d.bank.to_json()},
         {"online", d.online.to_json()},
         {"refunds",
          {{"bank_transfer", d.refund_bank.to_json()}, {"online", d.refund_online.to_json()}}}});
  });
  add("GET", "reports/daily.csv", [report](ConsoleCall& call, const auto&) {
    const DailyReport d = report(call.request);
    auto yuan = [](std::int64_t fen) { return Money::from_fen(fen).to_string(); };
    auto n = [](std::int64_t v) { return std::to_string(v); };
    // The date column's header says whose day it is.
    std::string body =
        csv_row({"date (" + d.zone + ", " + d.offset + ")", "metric", "count", "amount_yuan"});
    body += csv_row({d.day, "applications_created", n(d.created.count), yuan(d.created.fen)});
    body += csv_row({d.day, "approved", n(d.approved), ""});
    body += csv_row({d.day, "rejected", n(d.rejected), ""});
    body += csv_row({d.day, "paid_bank_transfer", n(d.bank.count), yuan(d.bank.fen)});
    body += csv_row({d.day, "paid_online", n(d.online.count), yuan(d.online.fen)});
    body +=
        csv_row({d.day, "refunded_bank_transfer", n(d.refund_bank.count), yuan(d.refund_bank.fen)});
    body +=
        csv_row({d.day, "refunded_online", n(d.refund_online.count), yuan(d.refund_online.fen)});
    return csv_response("certrenew-daily-" + d.day + ".csv", body);
  });
}

}  // namespace certrenew::server::console
