// Step 10: 续期成功. The certificate with its old and new validity side by side.
#include <imgui.h>

#include "controller/session.hpp"
#include "controller/text_format.hpp"
#include "testing/widget_map.hpp"
#include "views/view_common.hpp"
#include "views/views.hpp"
#include "widgets/widgets.hpp"

namespace certrenew::gui::views {
namespace {

void row(const char* item, const std::string& old_value, const std::string& new_value,
         const char* key) {
  ImGui::TableNextRow();
  ImGui::TableSetColumnIndex(0);
  ImGui::TextColored(ui::palette().muted, "%s", item);
  ImGui::TableSetColumnIndex(1);
  ImGui::TextUnformatted(ui::need(old_value).c_str());
  ImGui::TableSetColumnIndex(2);
  ImGui::TextColored(ui::palette().success, "%s", ui::need(new_value).c_str());
  widget_map().value(std::string("done.old.") + key, old_value);
  widget_map().value(std::string("done.new.") + key, new_value);
}

// The self-test after the installation (issue 21): a line per check, green or red.
void self_test_lines(const std::vector<client::SelfTestResult>& results) {
  if (results.empty()) return;
  ImGui::Spacing();
  for (const auto& r : results) {
    const std::string line = client::describe(r).in(language());
    ImGui::TextColored(r.passed ? ui::palette().success : ui::palette().danger, "%s",
                       ui::need(line).c_str());
    widget_map().value("done.selftest." + std::string(client::code(r.check)),
                       r.passed ? "passed" : "failed");
  }
}

}  // namespace

void done(Session& s) {
  begin_screen(tr(T::done_title), 10);
  ui::banner("done.text", tr(T::done_text), ui::Banner::info);
  ImGui::Spacing();
  const auto& result = s.install_result();
  const auto& old_cert = s.installed_old();
  const auto& new_cert = s.installed_new();
  if (old_cert && new_cert) {
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_BordersInnerH;
    if (ImGui::BeginTable("##compare", 3, flags)) {
      ImGui::TableSetupColumn(tr(T::done_item), ImGuiTableColumnFlags_WidthStretch, 1.0f);
      ImGui::TableSetupColumn(tr(T::done_old), ImGuiTableColumnFlags_WidthStretch, 2.0f);
      ImGui::TableSetupColumn(tr(T::done_new), ImGuiTableColumnFlags_WidthStretch, 2.0f);
      ImGui::TableHeadersRow();
      row(tr(T::cert_subject), old_cert->subject.display(), new_cert->subject.display(), "subject");
      row(tr(T::cert_serial), old_cert->serial_hex, new_cert->serial_hex, "serial");
      row(tr(T::cert_not_before), local_date_time(old_cert->not_before),
          local_date_time(new_cert->not_before), "not_before");
      row(tr(T::col_valid_until), local_date_time(old_cert->not_after),
          local_date_time(new_cert->not_after), "not_after");
      const long old_days = days_left(*old_cert);
      const long new_days = days_left(*new_cert);
      row(tr(T::col_days_left), trf(T::days_left, old_days), trf(T::days_left, new_days), "days");
      ImGui::EndTable();
    }
    const auto extended =
        std::chrono::duration_cast<std::chrono::days>(new_cert->not_after - old_cert->not_after);
    ImGui::Spacing();
    ImGui::PushFont(ui::heading_font());
    ImGui::TextColored(ui::palette().success, "%s",
                       trf(T::done_extended, extended.count()).c_str());
    ImGui::PopFont();
    widget_map().value("done.extended_days", std::to_string(extended.count()));
    ui::muted(result && result->old_retired ? tr(T::done_old_removed) : tr(T::done_old_kept));
  }
  self_test_lines(s.self_test());
  begin_footer();
  if (ui::button("done.home", tr(T::btn_home))) s.go_home();
  end_screen();
}

}  // namespace certrenew::gui::views
