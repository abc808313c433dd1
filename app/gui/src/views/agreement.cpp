// Step 3: the electronic certification service agreement in full, scrollable; 下一步 only once
// 我接受电子认证服务协议内容 is ticked.
#include <imgui.h>

#include <cctype>

#include <sstream>

#include "controller/session.hpp"
#include "views/view_common.hpp"
#include "views/views.hpp"
#include "widgets/widgets.hpp"

namespace certrenew::gui::views {
namespace {

// The agreement is Markdown with headings and numbered paragraphs: enough to show it as a
// document without a Markdown library.
// A numbered item ("1. ", "12. ") or a bullet starts a paragraph of its own.
bool starts_item(const std::string& line) {
  std::size_t digits = 0;
  while (digits < line.size() && std::isdigit(static_cast<unsigned char>(line[digits]))) ++digits;
  if (digits > 0 && line.compare(digits, 2, ". ") == 0) return true;
  return line.rfind("- ", 0) == 0 || line.rfind("* ", 0) == 0;
}

// The source is wrapped at 100 columns; as in Markdown, the lines of a paragraph are one text,
// wrapped again at the box's width (a space between Latin words, none between Chinese ones).
void agreement_text(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  std::string paragraph;
  auto flush = [&] {
    if (!paragraph.empty()) ui::wrapped(paragraph);
    paragraph.clear();
  };
  while (std::getline(in, line)) {
    const std::size_t indent = line.find_first_not_of(' ');
    const std::string body = indent == std::string::npos ? "" : line.substr(indent);
    if (body.rfind("# ", 0) == 0) {
      flush();
      ui::heading(ui::need(body.substr(2)).c_str());
    } else if (body.rfind("## ", 0) == 0) {
      flush();
      ImGui::Spacing();
      ImGui::TextColored(ui::palette().accent_active, "%s", ui::need(body.substr(3)).c_str());
    } else if (body.empty()) {
      flush();
      ImGui::Spacing();
    } else {
      if (starts_item(body)) flush();
      const bool latin_join = !paragraph.empty() &&
                              static_cast<unsigned char>(paragraph.back()) < 0x80 &&
                              static_cast<unsigned char>(body.front()) < 0x80;
      if (latin_join) paragraph += ' ';
      paragraph += body;
    }
  }
  flush();
}

}  // namespace

void agreement(Session& s) {
  begin_screen(tr(T::agreement_title), 3);
  const auto& text = s.agreement();
  if (!text) {
    ui::spinner();
    ImGui::SameLine();
    ImGui::TextUnformatted(tr(T::agreement_loading));
  } else {
    ImGui::TextColored(ui::palette().muted, "%s",
                       trf(T::agreement_version, ui::need(text->version)).c_str());
    const float below = ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ui::palette().panel);
    ImGui::BeginChild("##agreement_text", ImVec2(0, -below), true);
    agreement_text(text->text);
    ImGui::EndChild();
    ImGui::PopStyleColor();
    bool ticked = s.agreement_ticked();
    if (ui::checkbox("agreement.accept", tr(T::agreement_accept), &ticked))
      s.tick_agreement(ticked);
  }
  begin_footer();
  const FooterPress pressed = back_and_forward(
      s.busy(), {"agreement.back", tr(T::btn_back)},
      {"agreement.next", tr(T::btn_next), text.has_value() && s.agreement_ticked()});
  if (pressed == FooterPress::back) s.back();
  if (pressed == FooterPress::forward) s.accept_agreement();
  end_screen();
}

}  // namespace certrenew::gui::views
