// The console's queue and application page: filter and search applications, open one (ID number
// masked; revealing it is audited), confirm a payment, approve, reject.
#include <algorithm>

#include "ca/key_identity.hpp"
#include "certrenew/core/pki/csr.hpp"
#include "certrenew/core/protocol/json_members.hpp"
#include "certrenew/core/x509/certificate.hpp"
#include "console/console_api.hpp"
#include "service/audit_trail.hpp"
#include "service/catalogue_errors.hpp"
#include "service/form_check.hpp"
#include "service/service_support.hpp"
#include "storage/console_store.hpp"

namespace certrenew::server::console {

using nlohmann::json;

namespace {

bool valid_business_no(const std::string& s) {
  return s.size() == 17 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The list's page size: 200 unless asked (at most 500).
constexpr int kPageSize = 200;
constexpr int kMaxPageSize = 500;

ApiError bad_filter(const char* field) {
  return back_office_error(400, "bad_filter", "request.bad_filter", {{"field", field}});
}

// A decimal number of at most 18 digits (no sign, no spaces): it fits int64 unchecked.
std::optional<std::int64_t> decimal(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::int64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

// A page's cursor as the list hands it out and takes it back: "<created_at>.<id>".
std::string encode_cursor(const ListingCursor& c) {
  return std::to_string(c.created_at) + "." + std::to_string(c.id);
}

std::optional<ListingCursor> decode_cursor(std::string_view text) {
  const auto dot = text.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  const auto at = decimal(text.substr(0, dot));
  const auto id = decimal(text.substr(dot + 1));
  if (!at || !id) return std::nullopt;
  return ListingCursor{*at, *id};
}

// The list's query from the request: every parameter checked, a bad one named in a 400.
ApplicationQuery list_query(const WebRequest& q, const ReportZone& zone) {
  ApplicationQuery query;
  query.state = q.param("state");
  query.payment_state = q.param("payment_state");
  if (!query.state.empty() && !protocol::parse_business_state(query.state))
    throw bad_filter("state");
  if (!query.payment_state.empty() && !protocol::parse_payment_state(query.payment_state))
    throw bad_filter("payment_state");
  day_range(q, zone, query.created_from, query.created_to);
  query.search = q.param("q");
  // Text a person types: valid UTF-8, no control characters (a NUL would cut a parameter short).
  if (query.search.size() > 100 || !protocol::is_valid_utf8(query.search) ||
      std::any_of(query.search.begin(), query.search.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }))
    throw bad_filter("q");
  const std::string order = q.param("order");
  if (order != "" && order != "oldest" && order != "newest") throw bad_filter("order");
  query.newest_first = order == "newest";
  if (const std::string after = q.param("after"); !after.empty()) {
    query.after = decode_cursor(after);
    if (!query.after) throw bad_filter("after");
  }
  query.limit = kPageSize;
  if (const std::string limit = q.param("limit"); !limit.empty()) {
    const auto n = decimal(limit);
    if (!n || *n < 1 || *n > kMaxPageSize) throw bad_filter("limit");
    query.limit = static_cast<int>(*n);
  }
  return query;
}

json listing_json(const ApplicationListing& a) {
  return {
      {"business_no", a.business_no},
      {"state", protocol::encode_state(*protocol::parse_business_state(a.state))},
      {"payment_state", protocol::encode_state(*protocol::parse_payment_state(a.payment_state))},
      {"total_fen", a.total_fen},
      {"created_at", iso_utc(a.created_at)},
      {"subject", a.subject},
      {"operator_name", a.operator_name}};
}

// An audit entry as the console shows it: all but the previous entry's hash, the time as text.
CERTRENEW_JSON_MEMBERS(AuditEntry, seq, actor, role, source, action, business_no, before, after,
                       detail, hash)

json audit_json(const AuditEntry& e) {
  json out = json_members(e);
  out["at"] = iso_utc(e.at);
  return out;
}

std::string csr_key_type(const ApplicationRecord& r) {
  try {
    const auto info = pki::verify_csr(r.csr_der);
    const auto id = identify_public_key(info.spki_der);
    return id.type == "rsa" ? "rsa " + std::to_string(id.bits) : id.type;
  } catch (const std::exception&) {
    return "unknown";
  }
}

ApplicationRecord must_find(StoreTx& tx, const std::string& business_no) {
  if (!valid_business_no(business_no)) throw no_such_application();
  auto r = tx.application_by_business_no(business_no);
  if (!r) throw no_such_application();
  return *r;
}

}  // namespace

json audit_entry_json(const AuditEntry& e) {
  return audit_json(e);
}

void ConsoleApi::add_queue_routes() {
  // One page of the list (issue 17: at a CA's scale, filtered, searched and ordered by the
  // database), the count of all that match, and where the next page starts.
  add("GET", "applications", [this](ConsoleCall& call, const auto&) {
    const ApplicationQuery query = list_query(call.request, zone_);
    ApplicationPage page;
    json counts = json::object();
    service_.store().transact([&](StoreTx& tx) {
      page = tx.console().list_applications(query);
      for (const auto& [state, n] : tx.console().count_applications_by_state()) counts[state] = n;
    });
    json items = json::array();
    for (const auto& a : page.rows) items.push_back(listing_json(a));
    return json_response(200, {{"applications", items},
                               {"counts", counts},
                               {"matched", page.matched},
                               {"next", page.next ? json(encode_cursor(*page.next)) : json()}});
  });

  add("GET", "applications/*", [this](ConsoleCall&, const std::vector<std::string>& args) {
    json out;
    service_.store().transact([&](StoreTx& tx) {
      const ApplicationRecord r = must_find(tx, args[0]);
      const ApplicationDetails details = tx.application_details(r, true);
      out = protocol::encode(service_.operator_view(r, details));  // the ID number masked
      out["csr_key_type"] = csr_key_type(r);
      // What the state allows (the role is checked again by the service when it is done).
      out["operator_actions"] = {
          {"confirm_payment", protocol::can_confirm_payment(business(r), payment(r))},
          {"review", protocol::can_review(business(r), payment(r))}};
      try {
        const auto old = x509::parse_certificate(r.old_cert_der);
        out["certificate"]["issuer"] = old.issuer.display();
        out["certificate"]["key_type"] = old.public_key.display;
        out["certificate"]["not_before"] = iso_utc(old.not_before.time_since_epoch().count());
      } catch (const std::exception&) {
      }
      json audit = json::array();
      AuditQuery aq;
      aq.business_no = r.business_no;
      for (const auto& e : tx.console().audit_entries(aq)) audit.push_back(audit_json(e));
      out["audit"] = audit;
      if (auto refund = tx.console().refund(r.business_no))
        out["refund"] = protocol::encode(refund_note(*refund));
      // received, refunded, still due
      out["refunds"] = protocol::encode(to_answer(refund_position(r, details)));
    });
    return json_response(200, out);
  });

  // Revealing the whole ID number is itself an audited act (RenewalService::reveal_id_number).
  add("POST", "applications/*/reveal-id", [this](ConsoleCall& call, const auto& args) {
    if (!valid_business_no(args[0])) throw no_such_application();
    return json_response(200, protocol::encode(service_.reveal_id_number(args[0], call.actor)));
  });

  add("POST", "applications/*/confirm-payment", [this](ConsoleCall& call, const auto& args) {
    if (!valid_business_no(args[0])) throw no_such_application();
    return json_response(200,
                         protocol::encode(service_.admin_confirm_payment(args[0], call.actor)));
  });
  add("POST", "applications/*/approve", [this](ConsoleCall& call, const auto& args) {
    if (!valid_business_no(args[0])) throw no_such_application();
    return json_response(200, protocol::encode(service_.admin_approve(args[0], call.actor)));
  });
  // Issue 21: the escrowed encryption keys of the application's holder (any operator), and key
  // recovery to this application (admins; the service checks role and state and audits it).
  add("GET", "applications/*/escrowed-keys", [this](ConsoleCall& call, const auto& args) {
    if (!valid_business_no(args[0])) throw no_such_application();
    return json_response(200, protocol::encode(service_.admin_escrowed_keys(args[0], call.actor)));
  });
  add("POST", "applications/*/recover-encryption-key", [this](ConsoleCall& call, const auto& args) {
    if (!valid_business_no(args[0])) throw no_such_application();
    const auto request = decode_request(call.body, protocol::decode_recover_key_request);
    return json_response(
        200, protocol::encode(service_.admin_recover_encryption_key(args[0], call.actor, request)));
  });
  add("POST", "applications/*/reject", [this](ConsoleCall& call, const auto& args) {
    if (!valid_business_no(args[0])) throw no_such_application();
    protocol::RejectRequest request;
    request.reason = body_string(call.body, "reason", 1000);
    return json_response(200,
                         protocol::encode(service_.admin_reject(args[0], call.actor, request)));
  });
}

}  // namespace certrenew::server::console
