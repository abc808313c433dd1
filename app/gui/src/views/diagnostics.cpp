// 诊断 (Diagnostics): what a support engineer needs to tell why a token is not seen, a driver
// does not load, the service cannot be reached or the clock is wrong. Every check of the client
// library's report as a green / amber / red line with the sentence to act on, the environment
// facts, the recent log, and the export of the support bundle. Reached from the Help menu and
// with `certrenew --diagnostic`.
#include <imgui.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include <imgui_stdlib.h>

#include "controller/diagnostics_panel.hpp"
#include "controller/text_format.hpp"
#include "testing/widget_map.hpp"
#include "views/view_common.hpp"
#include "views/views.hpp"
#include "widgets/widgets.hpp"

namespace certrenew::gui::views {
namespace {

namespace diag = client::diagnostics;

ImVec4 status_colour(diag::Status status) {
  const auto& p = ui::palette();
  switch (status) {
    case diag::Status::green:
      return p.success;
    case diag::Status::amber:
      return p.warning;
    case diag::Status::red:
      return p.danger;
  }
  return p.danger;
}

const char* status_word(diag::Status status) {
  switch (status) {
    case diag::Status::green:
      return tr(T::diag_green);
    case diag::Status::amber:
      return tr(T::diag_amber);
    case diag::Status::red:
      return tr(T::diag_red);
  }
  return "";
}

// The coloured dot and the verdict word, padded to the widest word so titles line up.
void verdict(diag::Status status) {
  const ImVec4 colour = status_colour(status);
  const float r = ui::px(5);
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float line = ImGui::GetTextLineHeight();
  ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(at.x + r + ui::px(2), at.y + line / 2), r,
                                              ImGui::GetColorU32(colour), 16);
  ImGui::Dummy(ImVec2(2 * r + ui::px(6), line));
  ImGui::SameLine();
  float widest = 0;
  for (diag::Status s : {diag::Status::green, diag::Status::amber, diag::Status::red})
    widest = std::max(widest, ImGui::CalcTextSize(status_word(s)).x);
  ImGui::TextColored(colour, "%s", status_word(status));
  ImGui::SameLine(0, 0);
  ImGui::Dummy(ImVec2(widest - ImGui::CalcTextSize(status_word(status)).x + ui::px(12), line));
  ImGui::SameLine(0, 0);
}

// One check: verdict, title, and the sentence to act on underneath. The facts behind it
// (details) show when the pointer rests on the title.
void check_row(const diag::Check& check, std::size_t index, DiagnosticsScreen& state) {
  if (state.scroll_to == index) {
    ImGui::SetScrollHereY(0.2f);
    state.scroll_to.reset();
  }
  verdict(check.status);
  const float indent = ImGui::GetCursorPosX();
  ImGui::TextUnformatted(ui::need(check.title.in(language())).c_str());
  if (!check.details.empty() && ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(ui::need(check.details.dump(2)).c_str());
    ImGui::EndTooltip();
  }
  const std::string key = "diag.check." + std::to_string(index);
  widget_map().add_last_item(key);
  widget_map().value(key + ".id", check.id);
  widget_map().value(key + ".status", std::string(diag::code(check.status)));
  widget_map().value(key + ".title", check.title.in(language()));
  widget_map().value(key + ".sentence", check.sentence.in(language()));
  ImGui::Indent(indent);
  ui::wrapped(check.sentence.in(language()), &ui::palette().muted);
  ImGui::Unindent(indent);
  ImGui::Spacing();
}

// The checks in the order they are drawn (areas in report order), so an index names one row.
std::vector<const diag::Check*> in_drawing_order(const diag::DiagnosticReport& report) {
  std::vector<const diag::Check*> out;
  for (diag::Area area : diag::kAreasInOrder)
    for (const diag::Check* check : report.checks_in(area)) out.push_back(check);
  return out;
}

// Every fault and every line needing attention, first, each a link to its row below.
void attention_list(const std::vector<const diag::Check*>& checks, DiagnosticsScreen& state) {
  bool any = false;
  for (diag::Status wanted : {diag::Status::red, diag::Status::amber}) {
    for (std::size_t i = 0; i < checks.size(); ++i) {
      const diag::Check& c = *checks[i];
      if (c.status != wanted) continue;
      if (!any) ui::section(tr(T::diag_attention));
      any = true;
      verdict(c.status);
      const std::string text =
          diag::heading(c.area).in(language()) + " · " + c.title.in(language());
      if (ui::link(("diag.jump." + std::to_string(i)).c_str(), ui::need(text).c_str()))
        state.scroll_to = i;
    }
  }
}

// Labels in the first column, as wide as the widest (never cut off).
void environment_table(const diag::DiagnosticReport& report) {
  for (const diag::EnvironmentEntry& e : report.environment)
    widget_map().value("diag.env." + e.key, e.value);
  const std::string title =
      trf(T::diag_environment_facts, report.environment.size()) + "###diag.environment";
  const bool open = ImGui::TreeNodeEx(title.c_str(), ImGuiTreeNodeFlags_None);
  widget_map().add_last_item("diag.environment");
  if (!open) return;
  float label_width = 0;
  for (const diag::EnvironmentEntry& e : report.environment)
    label_width =
        std::max(label_width, ImGui::CalcTextSize(ui::need(e.label.in(language())).c_str()).x);
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV;
  if (ImGui::BeginTable("##diag.environment.table", 2, flags)) {
    ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed, label_width + ui::px(8));
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
    for (const diag::EnvironmentEntry& e : report.environment) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::PushStyleColor(ImGuiCol_Text, ui::palette().muted);
      ImGui::TextUnformatted(e.label.in(language()).c_str());
      ImGui::PopStyleColor();
      ImGui::TableNextColumn();
      ui::wrapped(e.value);
    }
    ImGui::EndTable();
  }
  ImGui::TreePop();
}

void log_tail(const diag::DiagnosticReport& report) {
  if (report.log_tail.empty()) return;
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const float rows = static_cast<float>(std::min<std::size_t>(report.log_tail.size(), 12));
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ui::palette().panel);
  ImGui::BeginChild("##diag.log", ImVec2(0, rows * line + ImGui::GetStyle().WindowPadding.y * 2),
                    true, ImGuiWindowFlags_HorizontalScrollbar);
  for (const std::string& l : report.log_tail) ImGui::TextUnformatted(ui::need(l).c_str());
  ImGui::EndChild();
  ImGui::PopStyleColor();
  widget_map().value("diag.log_lines", std::to_string(report.log_tail.size()));
}

// What the whole report comes to, in one line above the details.
void summary(const DiagnosticsPanel& panel) {
  const diag::DiagnosticReport& report = *panel.report();
  int amber = 0;
  int red = 0;
  for (const diag::Check& c : report.checks) {
    amber += c.status == diag::Status::amber;
    red += c.status == diag::Status::red;
  }
  const diag::Status overall = report.overall();
  widget_map().value("diag.overall", std::string(diag::code(overall)));
  if (overall == diag::Status::red)
    ui::banner("diag.summary", trf(T::diag_summary_red, red, amber), ui::Banner::danger);
  else if (overall == diag::Status::amber)
    ui::banner("diag.summary", trf(T::diag_summary_amber, amber), ui::Banner::warning);
  else
    ui::banner("diag.summary", tr(T::diag_summary_green), ui::Banner::info);
  if (panel.finished_at())
    ui::muted(trf(T::diag_checked_at,
                  local_date_time(std::chrono::floor<std::chrono::seconds>(*panel.finished_at()))));
}

// The outcome of the last export: where the bundle is, with a copy button for the path.
void export_result(const DiagnosticsPanel& panel, DiagnosticsScreen& state) {
  if (!panel.exported()) return;
  if (panel.exports() != state.exports_seen) {
    state.exports_seen = panel.exports();
    ImGui::SetScrollY(0);
  }
  const std::string file = panel.exported()->string();
  ImGui::Spacing();
  ImGui::PushStyleColor(ImGuiCol_Text, ui::palette().success);
  ImGui::TextUnformatted(ui::need(trf(T::diag_exported, file, panel.exported_entries())).c_str());
  ImGui::PopStyleColor();
  widget_map().value("diag.exported_file", file);
  ImGui::SameLine();
  ui::copy_button("diag.copy_path", file, state.copied);
  ui::muted(tr(T::diag_export_hint));
}

// The footer: back on the left; the bundle's path, 导出诊断包 and 重新检测 on the right.
void footer(DiagnosticsPanel& panel) {
  const auto& st = ImGui::GetStyle();
  if (ui::button("diag.back", tr(T::btn_back), !panel.exporting())) panel.close();
  ImGui::SameLine();
  if (panel.busy()) {
    ui::spinner();
    ImGui::SameLine();
    ImGui::TextColored(ui::palette().muted, "%s",
                       panel.running() ? tr(T::diag_running) : tr(T::diag_exporting));
    ImGui::SameLine();
  }
  const float export_w = ImGui::CalcTextSize(tr(T::diag_export)).x + st.FramePadding.x * 2;
  const float rerun_w = ImGui::CalcTextSize(tr(T::diag_rerun)).x + st.FramePadding.x * 2;
  const float label_w = ImGui::CalcTextSize(tr(T::diag_export_path)).x;
  const float buttons = label_w + export_w + rerun_w + st.ItemSpacing.x * 4;
  const float path_w =
      std::clamp(ImGui::GetContentRegionAvail().x - buttons - ui::px(8), ui::px(160), ui::px(520));
  ui::align_right(buttons + path_w);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr(T::diag_export_path));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(path_w);
  ImGui::InputText("##diag.export_path", &panel.export_path);
  widget_map().add_last_item("diag.export_path");
  widget_map().value("diag.export_path", panel.export_path);
  if (ImGui::IsItemHovered() && !panel.export_path.empty())
    ImGui::SetTooltip("%s", panel.export_path.c_str());
  ImGui::SameLine();
  const bool can_export = panel.report().has_value() && !panel.busy() && !panel.export_path.empty();
  if (ui::primary_button("diag.export", tr(T::diag_export), can_export)) panel.export_bundle();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ui::px(360));
    ImGui::TextUnformatted(tr(T::diag_export_hint));
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
  ImGui::SameLine();
  if (ui::button("diag.rerun", tr(T::diag_rerun), !panel.busy())) panel.run();
}

}  // namespace

void diagnostics(DiagnosticsPanel& panel, DiagnosticsScreen& state) {
  begin_screen(tr(T::diag_title), 0);
  ui::muted(tr(T::diag_intro));
  ImGui::Spacing();
  widget_map().value("diag.state", panel.running() ? "running" : "ready");
  widget_map().value("diag.runs", std::to_string(panel.runs()));
  if (panel.problem())
    ui::banner("diag.problem", panel.problem()->in(language()), ui::Banner::danger);
  if (panel.running() && !panel.report()) {
    ui::spinner();
    ImGui::SameLine();
    ui::muted(tr(T::diag_running));
  }
  if (panel.report()) {
    const diag::DiagnosticReport& report = *panel.report();
    const std::vector<const diag::Check*> checks = in_drawing_order(report);
    summary(panel);
    export_result(panel, state);
    attention_list(checks, state);
    std::size_t index = 0;
    for (diag::Area area : diag::kAreasInOrder) {
      const std::size_t count = report.checks_in(area).size();
      if (count == 0 && area != diag::Area::environment) continue;
      ui::section(ui::need(diag::heading(area).in(language())).c_str());
      for (std::size_t i = 0; i < count; ++i, ++index) check_row(*checks[index], index, state);
      if (area == diag::Area::environment) environment_table(report);
      if (area == diag::Area::log) log_tail(report);
    }
    widget_map().value("diag.checks", std::to_string(index));
  }
  begin_footer();
  footer(panel);
  end_screen();
}

}  // namespace certrenew::gui::views
