// Issue 19: 不再记住这些信息 on the form. The remembered operator and recipient are removed from
// the client store (the same remembered-contacts.json `certrenew-cli contacts` reads) and from
// the fields they filled; whatever the user typed or changed since stays.
#include "controller/session.hpp"

namespace certrenew::gui {

void Session::forget_contacts() {
  run_flow(
      T::please_wait, [](client::RenewalFlow& f) { f.forget_contacts(); },
      [this] {
        if (!form_.remembered) return;
        const client::RenewalForm& was = *form_.remembered;
        auto clear_if_same = [](std::string& field, const std::string& remembered) {
          if (field == remembered) field.clear();
        };
        auto& op = form_.form.operator_info;
        clear_if_same(op.name, was.operator_info.name);
        clear_if_same(op.mobile, was.operator_info.mobile);
        clear_if_same(op.email, was.operator_info.email);
        auto& rc = form_.form.recipient;
        clear_if_same(rc.name, was.recipient.name);
        clear_if_same(rc.mobile, was.recipient.mobile);
        clear_if_same(rc.address, was.recipient.address);
        if (form_.form.notify == was.notify) form_.form.notify = {};  // back to both
        form_.remembered.reset();
      });
}

}  // namespace certrenew::gui
