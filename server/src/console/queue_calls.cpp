// The console's queue and application page: filter and search applications, open one (ID number
// masked; revealing it is audited), confirm a payment, approve, reject.
#include <algorithm>

#include "ca/key_identity.hpp"
#include "certrenew/core/pki/csr.hpp"
#include "certrenew/core/x509/certificate.hpp"
#include "console/console_api.hpp"
#include "service/audit_trail.hpp"
#include "service/back_office_text.hpp"
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

std::string lower_ascii(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

std::string subject_of(const ApplicationRecord& r) {
  try {
    return x509::parse_certificate(r.old_cert_der).subject.display();
  } catch (const std::exception&) {
    return {};
  }
}

std::string operator_name_of(const ApplicationRecord& r) {
  json form = json::parse(r.form_json, nullptr, false);
  if (form.is_object() && form.contains("operator") && form["operator"].is_object() &&
      form["operator"].contains("name") && form["operator"]["name"].is_string())
    return form["operator"]["name"].get<std::string>();
  return {};
}

json audit_json(const AuditEntry& e) {
  return {{"seq", e.seq},
          {"at", iso_utc(e.at)},
          {"actor", e.actor},
          {"role", e.role},
          {"source", e.source},
          {"action", e.action},
          {"business_no", e.business_no},
          {"before", e.before},
          {"after", e.after},
          {"detail", e.detail},
          {"hash", e.hash}};
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
  add("GET", "applications", [this](ConsoleCall& call, const auto&) {
    const WebRequest& q = call.request;
    ApplicationQuery query;
    query.state = q.param("state");
    query.payment_state = q.param("payment_state");
    if (!query.state.empty() && !protocol::parse_business_state(query.state))
      throw back_office_error(400, "bad_filter", "request.bad_filter", {{"field", "state"}});
    if (!query.payment_state.empty() && !protocol::parse_payment_state(query.payment_state))
      throw back_office_error(400, "bad_filter", "request.bad_filter",
                              {{"field", "payment_state"}});
    day_range(q, zone_, query.created_from, query.created_to);
    const std::string search = lower_ascii(q.param("q"));
    if (search.size() > 100)
      throw back_office_error(400, "bad_filter", "request.bad_filter", {{"field", "q"}});
    json items = json::array();
    json counts = json::object();
    service_.store().transact([&](StoreTx& tx) {
      for (const auto& r : tx.console().find_applications(query)) {
        const std::string subject = subject_of(r);
        const std::string op_name = operator_name_of(r);
        if (!search.empty() && r.business_no.find(search) == std::string::npos &&
            lower_ascii(subject).find(search) == std::string::npos &&
            lower_ascii(op_name).find(search) == std::string::npos)
          continue;
        items.push_back({{"business_no", r.business_no},
                         {"state", protocol::encode_state(business(r))},
                         {"payment_state", protocol::encode_state(payment(r))},
                         {"total_fen", r.total_fen},
                         {"created_at", iso_utc(r.created_at)},
                         {"subject", subject},
                         {"operator_name", op_name}});
      }
      for (const auto& [state, n] : tx.console().count_applications_by_state()) counts[state] = n;
    });
    return json_response(200, {{"applications", items}, {"counts", counts}});
  });

  add("GET", "applications/*", [this](ConsoleCall&, const std::vector<std::string>& args) {
    json out;
    service_.store().transact([&](StoreTx& tx) {
      const ApplicationRecord r = must_find(tx, args[0]);
      out = protocol::encode(service_.operator_view(tx, r));  // the ID number masked
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
      out["refunds"] = protocol::encode(to_answer(refund_position(tx, r)));
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
