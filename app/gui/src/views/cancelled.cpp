// After 撤销申请: the application is cancelled; the user may apply again from the home screen.
#include <imgui.h>

#include "controller/session.hpp"
#include "views/view_common.hpp"
#include "views/views.hpp"
#include "widgets/widgets.hpp"

namespace certrenew::gui::views {

void cancelled(Session& s) {
  begin_screen(tr(T::cancelled_title), 6);
  const auto& f = s.flow();
  const std::string number = f.record ? f.record->business_no : std::string();
  ui::banner("cancelled.text", trf(T::cancelled_text, number), ui::Banner::info);
  if (f.view) {
    ui::value_row("cancelled.state", tr(T::pay_business_state),
                  ui::need(f.view->state_label.in(language())));
    refund_due_banner(*f.view);
  }
  begin_footer();
  if (ui::button("cancelled.home", tr(T::btn_home))) s.go_home();
  end_screen();
}

}  // namespace certrenew::gui::views
