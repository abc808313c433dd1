// Bank reconciliation: finance uploads the CA account's statement, the console proposes which
// recorded transfer each credit line pays (amount, payer name, date), finance confirms the
// proposals in one action (each confirms that application's payment), unmatched lines stay listed.
#include "certrenew/core/bytes.hpp"
#include "certrenew/core/protocol/json_members.hpp"
#include "console/bank_statement.hpp"
#include "console/console_api.hpp"
#include "service/audit_trail.hpp"
#include "service/catalogue_errors.hpp"
#include "service/digest.hpp"
#include "service/service_support.hpp"
#include "storage/console_store.hpp"

namespace certrenew::server::console {

using nlohmann::json;

namespace {

// An application waiting for finance whose recorded transfer could be this line.
struct Proposal {
  std::string business_no;
  int score = 0;  // amount is required; payer name +2, same date +1, same account +2
  std::vector<std::string> reasons;
};

// `waiting`: the transfers recorded for applications waiting for finance, grouped by
// application; each application is proposed on its first transfer of the line's amount.
std::vector<Proposal> proposals_for(const StatementLine& line,
                                    const std::vector<AwaitedTransfer>& waiting) {
  std::vector<Proposal> out;
  const std::string* proposed = nullptr;  // the application already weighed
  for (const auto& [business_no, t] : waiting) {
    if (t.amount_fen != line.amount_fen || (proposed && *proposed == business_no)) continue;
    proposed = &business_no;
    Proposal p{business_no, 0, {"amount"}};
    if (!line.payer_name.empty() && t.payer_name == line.payer_name)
      p.score += 2, p.reasons.push_back("payer_name");
    if (t.paid_on == line.booked_on) p.score += 1, p.reasons.push_back("date");
    if (!line.payer_account.empty() && t.payer_account == line.payer_account)
      p.score += 2, p.reasons.push_back("payer_account");
    if (p.score >= 2) out.push_back(std::move(p));
  }
  std::sort(out.begin(), out.end(), [](const Proposal& a, const Proposal& b) {
    return a.score != b.score ? a.score > b.score : a.business_no < b.business_no;
  });
  return out;
}

// A statement line as the console shows it (not its upload's id or times).
CERTRENEW_JSON_MEMBERS(StatementLine, id, line_no, booked_on, amount_fen, payer_name, payer_account,
                       reference, business_no, matched_by)

}  // namespace

void ConsoleApi::add_reconciliation_routes() {
  // The statement lines: unmatched ones with their proposals, then the matched ones.
  add("GET", "reconciliation", [this](ConsoleCall&, const auto&) {
    json unmatched = json::array(), matched = json::array();
    service_.store().transact([&](StoreTx& tx) {
      // Read once for every line (issue 17: all applications waiting, however many, in one
      // query; it asked for each line's each application's transfers).
      const auto waiting = tx.console().transfers_awaiting_confirmation();
      for (const auto& l : tx.console().statement_lines(false)) {
        json item = json_members(l);
        if (!l.business_no.empty()) {
          matched.push_back(item);
          continue;
        }
        json proposals = json::array();
        for (const auto& p : proposals_for(l, waiting))
          proposals.push_back(
              {{"business_no", p.business_no}, {"score", p.score}, {"reasons", p.reasons}});
        item["proposals"] = proposals;
        unmatched.push_back(item);
      }
    });
    return json_response(200, {{"unmatched", unmatched}, {"matched", matched}});
  });

  add("POST", "reconciliation/statements", [this](ConsoleCall& call, const auto&) {
    require(call.actor, Permission::confirm_payment);
    Bytes raw;
    try {
      raw = from_base64(body_string(call.body, "content_base64", 6 * 1024 * 1024));
    } catch (const std::invalid_argument&) {
      throw back_office_error(400, "bad_statement", "statement.bad", {{"reason", "base64"}});
    }
    const ParsedStatement parsed = parse_bank_statement(
        std::string_view(reinterpret_cast<const char*>(raw.data()), raw.size()));
    const std::string upload_id = sha256_hex(raw).substr(0, 16);
    const std::int64_t now = service_.now_seconds();
    service_.store().transact([&](StoreTx& tx) {
      for (const auto& c : parsed.credits)
        tx.console().insert_statement_line({0, upload_id, c.line_no, c.booked_on, c.amount_fen,
                                            c.payer_name, c.payer_account, c.reference, "", "", 0,
                                            now});
      append_audit(
          tx.console(),
          {call.actor.name, call.actor.role_text(), call.actor.source, "statement_uploaded", "", "",
           std::to_string(parsed.credits.size()) + " credits", "upload " + upload_id},
          now);
    });
    return json_response(201, {{"upload_id", upload_id},
                               {"credits", parsed.credits.size()},
                               {"skipped", parsed.skipped}});
  });

  // Confirms each {line_id, business_no}: the application's payment, then the line as matched.
  // Each pair stands alone: one refused (already confirmed, amount short) does not undo others.
  add("POST", "reconciliation/confirm", [this](ConsoleCall& call, const auto&) {
    require(call.actor, Permission::confirm_payment);
    const json& matches = call.body.contains("matches") ? call.body["matches"] : json();
    if (!matches.is_array() || matches.empty() || matches.size() > 500)
      throw back_office_error(400, "bad_body", "request.bad_body", {{"field", "matches"}});
    json results = json::array();
    for (const json& m : matches) {
      if (!m.is_object() || !m.contains("line_id") || !m["line_id"].is_number_integer())
        throw back_office_error(400, "bad_body", "request.bad_body", {{"field", "line_id"}});
      const std::int64_t line_id = m["line_id"].get<std::int64_t>();
      const std::string business_no = body_string(m, "business_no", 17);
      json result = {{"line_id", line_id}, {"business_no", business_no}};
      try {
        std::optional<StatementLine> line;
        bool amount_recorded = false;
        service_.store().transact([&](StoreTx& tx) {
          line = tx.console().statement_line(line_id);
          auto r =
              business_no.size() == 17 ? tx.application_by_business_no(business_no) : std::nullopt;
          if (!r) throw no_such_application();
          for (const auto& t : tx.bank_transfers(r->id))
            amount_recorded = amount_recorded || (line && t.amount_fen == line->amount_fen);
        });
        if (!line || !line->business_no.empty())
          throw back_office_error(409, "line_unknown", "statement.line_unknown");
        // The line must be one of the transfers the applicant recorded, not any credit.
        if (!amount_recorded)
          throw back_office_error(409, "amount_mismatch", "statement.amount_mismatch");
        service_.admin_confirm_payment(business_no, call.actor);
        service_.store().transact([&](StoreTx& tx) {
          const std::int64_t now = service_.now_seconds();
          tx.console().match_statement_line(line_id, business_no, call.actor.name, now);
          append_audit(
              tx.console(),
              {call.actor.name, call.actor.role_text(), call.actor.source, "statement_line_matched",
               business_no, "", "line " + std::to_string(line->line_no),
               line->booked_on + " " + std::to_string(line->amount_fen) + " fen " +
                   line->payer_name},
              now);
        });
        result["confirmed"] = true;
      } catch (const ApiError& e) {
        result["confirmed"] = false;
        result["error"] = e.to_json()["error"];
      }
      results.push_back(result);
    }
    return json_response(200, {{"results", results}});
  });
}

}  // namespace certrenew::server::console
