// Revealing an applicant's whole ID number (issue 18): every view of an application shows it
// masked (mask_id_number, one rule); an operator who needs the whole number asks for it here, and
// that request is itself an audited act, for the console and the JSON admin API alike.
#include "service/audit_trail.hpp"
#include "service/catalogue_errors.hpp"
#include "service/renewal_service.hpp"
#include "storage/console_store.hpp"

namespace certrenew::server {

protocol::IdReveal RenewalService::reveal_id_number(const std::string& business_no,
                                                    const Actor& by) {
  require(by, Permission::view);
  std::string id_number;
  store_->transact([&](StoreTx& tx) {
    auto r = tx.application_by_business_no(business_no);
    if (!r) throw back_office_error(404, "not_found", "request.not_found");
    try {
      const nlohmann::json form = protocol::parse_json(r->form_json);
      id_number = protocol::Field(form).at("operator").at("id_number").text(1024);
    } catch (const protocol::DecodeError&) {
      throw back_office_error(404, "no_id_number", "id.none");
    }
    append_audit(
        tx.console(),
        {by.name, by.role_text(), by.source, "reveal_id_number", r->business_no, "", "", ""},
        now_unix());
  });
  return {business_no, id_number};
}

}  // namespace certrenew::server
