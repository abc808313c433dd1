// Issue 19: 忘记 on the form — the remembered operator and recipient are removed from the data
// folder and from the fields they filled; what the user typed into other fields stays.
#include "controller/session.hpp"

namespace certrenew::gui {

void Session::forget_contacts() {
  run_flow(
      T::please_wait, [](client::RenewalFlow& f) { f.forget_contacts(); },
      [this] {
        if (!form.remembered) return;
        const client::RenewalForm& was = *form.remembered;
        auto clear_if_same = [](std::string& field, const std::string& remembered) {
          if (field == remembered) field.clear();
        };
        auto& op = form.form.operator_info;
        clear_if_same(op.name, was.operator_info.name);
        clear_if_same(op.mobile, was.operator_info.mobile);
        clear_if_same(op.email, was.operator_info.email);
        auto& rc = form.form.recipient;
        clear_if_same(rc.name, was.recipient.name);
        clear_if_same(rc.mobile, was.recipient.mobile);
        clear_if_same(rc.address, was.recipient.address);
        form.form.notify = {};
        form.remembered.reset();
      });
}

}  // namespace certrenew::gui
