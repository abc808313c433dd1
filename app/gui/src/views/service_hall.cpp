// Step 1 when online renewal is impossible (precondition 1 of the guide): the certificate has
// expired or is not valid yet, so it has to be renewed at a service hall.
#include <imgui.h>

#include "controller/session.hpp"
#include "views/view_common.hpp"
#include "views/views.hpp"
#include "widgets/widgets.hpp"

namespace certrenew::gui::views {

void service_hall(Session& s) {
  const auto& f = begin_certificate_screen(s, tr(T::hall_title), 1);
  ui::banner("hall.reason", tr(T::hall_reason_expired), ui::Banner::warning);
  ImGui::Spacing();
  const std::string guidance =
      f.blocked ? f.blocked->message(language()) : std::string(tr(T::home_expired_guidance));
  ui::banner("hall.guidance", guidance, ui::Banner::danger);
  begin_footer();
  if (ui::button("hall.home", tr(T::btn_home))) s.go_home();
  end_screen();
}

}  // namespace certrenew::gui::views
