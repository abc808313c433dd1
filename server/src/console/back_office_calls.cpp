// The console's back-office pages besides the queue: reason templates and the audit log (view,
// CSV export, chain verification).
#include "console/console_api.hpp"
#include "console/csv.hpp"
#include "service/audit_trail.hpp"
#include "service/catalogue_errors.hpp"
#include "service/service_support.hpp"
#include "storage/console_store.hpp"

namespace certrenew::server::console {

using nlohmann::json;

json audit_entry_json(const AuditEntry& e);  // queue_calls.cpp

namespace {

AuditQuery audit_query(const WebRequest& q, const ReportZone& zone) {
  AuditQuery a;
  day_range(q, zone, a.from, a.to);
  a.actor = q.param("actor");
  a.business_no = q.param("business_no");
  if (a.actor.size() > 64 || a.business_no.size() > 17)
    throw back_office_error(400, "bad_filter", "request.bad_filter");
  return a;
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

  // The audit log.
  add("GET", "audit", [this](ConsoleCall& call, const auto&) {
    const AuditQuery q = audit_query(call.request, zone_);
    json out = json::array();
    service_.store().transact([&](StoreTx& tx) {
      for (const auto& e : tx.console().audit_entries(q)) out.push_back(audit_entry_json(e));
    });
    return json_response(200, {{"entries", out}});
  });
  add("GET", "audit.csv", [this](ConsoleCall& call, const auto&) {
    AuditQuery q = audit_query(call.request, zone_);
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
