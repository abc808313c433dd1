// Issue 19: the form remembers the operator and recipient per certificate subject
// (store/remembered_contacts.hpp says what is kept and why the ID number is not).
#include <spdlog/spdlog.h>

#include "certrenew/client/flow/renewal_flow.hpp"
#include "certrenew/client/store/application_record.hpp"

namespace certrenew::client {

std::optional<RememberedContacts> RenewalFlow::remembered_contacts() const {
  if (!certificate_ || !ctx_.store) return std::nullopt;
  return RememberedContactsStore(ctx_.store->folder()).find(certificate_->certificate.subject.der);
}

RenewalForm RenewalFlow::initial_form() const {
  auto contacts = remembered_contacts();
  return contacts ? RememberedContactsStore::apply(*contacts, RenewalForm{}) : RenewalForm{};
}

bool RenewalFlow::forget_contacts() {
  if (!certificate_ || !ctx_.store) return false;
  return RememberedContactsStore(ctx_.store->folder())
      .forget(certificate_->certificate.subject.der);
}

void RenewalFlow::remember_contacts() noexcept {
  if (!certificate_ || !ctx_.store || !form_) return;
  try {
    RememberedContactsStore(ctx_.store->folder())
        .remember(certificate_->certificate.subject.der,
                  certificate_->certificate.subject.display(), *form_,
                  format_utc_iso(std::chrono::floor<std::chrono::seconds>(ctx_.now())));
  } catch (const std::exception& e) {  // a convenience: the application itself went through
    spdlog::warn("the form's contacts could not be remembered: {}", e.what());
  }
}

}  // namespace certrenew::client
