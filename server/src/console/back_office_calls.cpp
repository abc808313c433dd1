// The console's back-office pages besides the queue: reason templates, refunds, the daily
// report (CSV) and the audit log (view, CSV export, chain verification).
#include "certrenew/core/forms/money.hpp"
#include "console/console_api.hpp"
#include "console/csv.hpp"
#include "service/audit_trail.hpp"
#include "service/back_office_text.hpp"
#include "service/service_support.hpp"
#include "storage/console_store.hpp"

namespace certrenew::server::console {

using nlohmann::json;

json audit_entry_json(const AuditEntry& e);  // queue_calls.cpp

namespace {

WebResponse csv_response(const std::string& filename, const std::string& body) {
  WebResponse r;
  r.content_type = "text/csv; charset=utf-8";
  r.body = "\xEF\xBB\xBF" + body;  // the BOM makes spreadsheet programs read UTF-8
  add_security_headers(r);
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  return r;
}

AuditQuery audit_query(const WebRequest& q) {
  AuditQuery a;
  day_range(q, a.from, a.to);
  a.actor = q.param("actor");
  a.business_no = q.param("business_no");
  if (a.actor.size() > 64 || a.business_no.size() > 17)
    throw back_office_error(400, "bad_filter", "request.bad_filter");
  return a;
}

// Money received for an application that will not be renewed: a cancelled one with a transfer
// recorded or a payment taken, a rejected one that was paid.
bool refund_due(StoreTx& tx, const ApplicationRecord& r) {
  if (r.state == "rejected") return r.payment_state == "paid";
  if (r.state != "cancelled") return false;
  return r.payment_state != "unpaid" || !tx.bank_transfers(r.id).empty();
}

std::int64_t transfers_fen(StoreTx& tx, std::int64_t application_id) {
  std::optional<forms::Money> sum = forms::Money::from_fen(0);
  for (const auto& t : tx.bank_transfers(application_id))
    if (sum) sum = sum->plus(forms::Money::from_fen(t.amount_fen));
  return sum ? sum->fen() : 0;
}

struct DailyReport {
  std::string day;
  std::int64_t created = 0, created_fen = 0, approved = 0, rejected = 0;
  std::int64_t bank = 0, bank_fen = 0, online = 0, online_fen = 0;
};

DailyReport daily_report(StoreTx& tx, const std::string& day, std::int64_t from) {
  DailyReport d;
  d.day = day;
  ApplicationQuery q;
  q.created_from = from;
  q.created_to = from + 86400;
  q.limit = 100000;
  for (const auto& r : tx.console().find_applications(q)) {
    ++d.created;
    d.created_fen += r.total_fen;
  }
  for (const auto& [app_id, e] : tx.console().events_between(from, from + 86400)) {
    if (e.kind == "approved") ++d.approved;
    if (e.kind == "rejected") ++d.rejected;
    if (e.kind == "payment_confirmed") {
      ++d.bank;
      d.bank_fen += transfers_fen(tx, app_id);
    }
    if (e.kind == "paid_online") {
      auto r = tx.application_by_id(app_id);
      ++d.online;
      d.online_fen += r ? r->total_fen : 0;
    }
  }
  return d;
}

}  // namespace

void ConsoleApi::add_back_office_routes() {
  // Reason templates: everyone reads them, reviewers keep them.
  add("GET", "reason-templates", [this](ConsoleCall&, const auto&) {
    json out = json::array();
    service_.store().transact([&](StoreTx& tx) {
      for (const auto& t : tx.console().reason_templates())
        out.push_back({{"id", t.id}, {"title", t.title}, {"text", t.text}});
    });
    return json_response(200, {{"templates", out}});
  });
  add("POST", "reason-templates", [this](ConsoleCall& call, const auto&) {
    require(call.actor, Permission::review);
    ReasonTemplate t;
    try {
      t.title = body_string(call.body, "title", 100);
      t.text = body_string(call.body, "text", 1000);
    } catch (const ApiError&) {
      throw back_office_error(400, "bad_template", "template.bad");
    }
    t.created_by = call.actor.name;
    t.created_at = service_.now_seconds();
    service_.store().transact([&](StoreTx& tx) {
      t.id = tx.console().insert_reason_template(t);
      append_audit(tx.console(),
                   {call.actor.name, call.actor.role_text(), call.actor.source,
                    "reason_template_added", "", "", t.title, t.text},
                   t.created_at);
    });
    return json_response(201, {{"id", t.id}, {"title", t.title}, {"text", t.text}});
  });
  add("POST", "reason-templates/*/delete", [this](ConsoleCall& call, const auto& args) {
    require(call.actor, Permission::review);
    std::int64_t id = 0;
    try {
      std::size_t used = 0;
      id = std::stoll(args[0], &used);
      if (used != args[0].size()) throw std::invalid_argument("id");
    } catch (const std::exception&) {
      throw back_office_error(404, "unknown_template", "template.unknown");
    }
    service_.store().transact([&](StoreTx& tx) {
      if (!tx.console().delete_reason_template(id))
        throw back_office_error(404, "unknown_template", "template.unknown");
      append_audit(tx.console(),
                   {call.actor.name, call.actor.role_text(), call.actor.source,
                    "reason_template_deleted", "", std::to_string(id), "", ""},
                   service_.now_seconds());
    });
    return json_response(200, {{"deleted", id}});
  });

  // Refunds.
  add("GET", "refunds", [this](ConsoleCall&, const auto&) {
    json out = json::array();
    service_.store().transact([&](StoreTx& tx) {
      for (const char* state : {"cancelled", "rejected"}) {
        ApplicationQuery q;
        q.state = state;
        for (const auto& r : tx.console().find_applications(q)) {
          if (!refund_due(tx, r)) continue;
          json item = {{"business_no", r.business_no},
                       {"state", state_json(business(r))},
                       {"payment_state", state_json(payment(r))},
                       {"total_fen", r.total_fen},
                       {"transfers_fen", transfers_fen(tx, r.id)},
                       {"updated_at", iso_utc(r.updated_at)}};
          if (auto f = tx.console().refund(r.business_no))
            item["refund"] = {{"recorded_by", f->recorded_by},
                              {"note", f->note},
                              {"recorded_at", iso_utc(f->recorded_at)}};
          out.push_back(item);
        }
      }
    });
    return json_response(200, {{"refunds", out}});
  });
  add("POST", "refunds/*", [this](ConsoleCall& call, const auto& args) {
    require(call.actor, Permission::confirm_payment);
    const std::string note = body_string(call.body, "note", 500, true);
    service_.store().transact([&](StoreTx& tx) {
      auto r = args[0].size() == 17 ? tx.application_by_business_no(args[0]) : std::nullopt;
      if (!r) throw no_such_application();
      if (!refund_due(tx, *r)) throw back_office_error(409, "refund_not_due", "refund.not_due");
      if (tx.console().refund(r->business_no))
        throw back_office_error(409, "refund_exists", "refund.exists");
      const std::int64_t now = service_.now_seconds();
      tx.console().insert_refund({r->business_no, call.actor.name, note, now});
      append_audit(tx.console(),
                   {call.actor.name, call.actor.role_text(), call.actor.source, "refund_recorded",
                    r->business_no, r->state + "/" + r->payment_state, "refunded", note},
                   now);
    });
    return json_response(200, {{"refunded", args[0]}});
  });

  // The daily report: JSON for the page, CSV to download.
  auto report = [this](const WebRequest& q) {
    const std::string day =
        q.param("date").empty() ? day_of(service_.now_seconds()) : q.param("date");
    auto from = parse_day(day);
    if (!from) throw back_office_error(400, "bad_date", "report.bad_date");
    DailyReport d;
    service_.store().transact([&](StoreTx& tx) { d = daily_report(tx, day, *from); });
    return d;
  };
  add("GET", "reports/daily", [report](ConsoleCall& call, const auto&) {
    const DailyReport d = report(call.request);
    return json_response(200, {{"date", d.day},
                               {"applications_created", d.created},
                               {"applications_created_fen", d.created_fen},
                               {"approved", d.approved},
                               {"rejected", d.rejected},
                               {"bank_transfer", {{"count", d.bank}, {"fen", d.bank_fen}}},
                               {"online", {{"count", d.online}, {"fen", d.online_fen}}}});
  });
  add("GET", "reports/daily.csv", [report](ConsoleCall& call, const auto&) {
    const DailyReport d = report(call.request);
    auto yuan = [](std::int64_t fen) { return forms::Money::from_fen(fen).to_string(); };
    std::string body = csv_row({"date", "metric", "count", "amount_yuan"});
    body +=
        csv_row({d.day, "applications_created", std::to_string(d.created), yuan(d.created_fen)});
    body += csv_row({d.day, "approved", std::to_string(d.approved), ""});
    body += csv_row({d.day, "rejected", std::to_string(d.rejected), ""});
    body += csv_row({d.day, "paid_bank_transfer", std::to_string(d.bank), yuan(d.bank_fen)});
    body += csv_row({d.day, "paid_online", std::to_string(d.online), yuan(d.online_fen)});
    return csv_response("certrenew-daily-" + d.day + ".csv", body);
  });

  // The audit log.
  add("GET", "audit", [this](ConsoleCall& call, const auto&) {
    const AuditQuery q = audit_query(call.request);
    json out = json::array();
    service_.store().transact([&](StoreTx& tx) {
      for (const auto& e : tx.console().audit_entries(q)) out.push_back(audit_entry_json(e));
    });
    return json_response(200, {{"entries", out}});
  });
  add("GET", "audit.csv", [this](ConsoleCall& call, const auto&) {
    AuditQuery q = audit_query(call.request);
    q.limit = 100000;
    std::string body = csv_row({"seq", "at", "actor", "role", "source", "action", "business_no",
                                "before", "after", "detail", "prev_hash", "hash"});
    service_.store().transact([&](StoreTx& tx) {
      for (const auto& e : tx.console().audit_entries(q))
        body += csv_row({std::to_string(e.seq), iso_utc(e.at), e.actor, e.role, e.source, e.action,
                         e.business_no, e.before, e.after, e.detail, e.prev_hash, e.hash});
      append_audit(tx.console(),
                   {call.actor.name, call.actor.role_text(), call.actor.source, "audit_exported",
                    "", "", "", ""},
                   service_.now_seconds());
    });
    return csv_response("certrenew-audit.csv", body);
  });
  add("GET", "audit/verify", [this](ConsoleCall&, const auto&) {
    AuditVerification v;
    service_.store().transact([&](StoreTx& tx) { v = verify_audit_chain(tx.console()); });
    json out = {{"intact", v.intact}, {"entries", v.entries}};
    if (!v.intact) out["first_bad_seq"] = *v.first_bad_seq, out["problem"] = v.problem;
    return json_response(200, out);
  });
}

}  // namespace certrenew::server::console
