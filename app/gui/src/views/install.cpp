// Step 9: 安装证书. Download, verify, write, read back and confirm, each stage shown as it
// happens; a failure is explained and the old certificate is said to be safe.
#include <imgui.h>

#include <algorithm>

#include "controller/session.hpp"
#include "testing/widget_map.hpp"
#include "views/view_common.hpp"
#include "views/views.hpp"
#include "widgets/widgets.hpp"

namespace certrenew::gui::views {

void install(Session& s) {
  const auto& f = begin_certificate_screen(s, tr(T::install_title), 9);
  ui::muted(tr(T::install_intro));
  ImGui::Spacing();
  const auto& busy = s.busy_state();
  const bool installing = busy && busy->kind == BusyState::Kind::install;
  const bool failed = s.install_failure().has_value() && !installing;
  // The session keeps the stage reached: a frame may never have shown it before the failure.
  const int stage = std::clamp(s.stage_reached(), 0, 7);
  if (installing || failed) stage_list(kInstallStages, 8, stage, failed);
  if (failed)
    widget_map().value("install.failed_stage",
                       std::string(client::code(static_cast<client::InstallStage>(stage))));
  if (s.install_failure() && !installing) {
    ImGui::Spacing();
    ui::banner("install.failed", trf(T::install_failed, s.install_failure()->in(language())),
               ui::Banner::danger);
    ui::banner("install.old_safe", tr(T::install_old_safe), ui::Banner::info);
  }
  begin_footer();
  const FooterPress pressed = back_and_forward(
      s.busy(), {"install.back", tr(T::btn_back)},
      {"install.start", tr(T::btn_start_install), f.step == client::FlowStep::ready_to_install},
      BusySpinner::hidden);
  if (pressed == FooterPress::back) s.leave_install();
  if (pressed == FooterPress::forward) s.start_install();
  end_screen();
}

}  // namespace certrenew::gui::views
