// The certificate viewer, laid out like an operating system's: a General tab (issued to, issued
// by, validity, private key present) and a Details tab with every field.
#include <imgui.h>

#include "controller/session.hpp"
#include "controller/text_format.hpp"
#include "views/view_common.hpp"
#include "views/views.hpp"
#include "widgets/widgets.hpp"

namespace certrenew::gui::views {
namespace {

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::string san_text(const std::vector<x509::SubjectAltName>& names) {
  std::string out;
  for (const auto& n : names) {
    const char* kind = n.kind == x509::SubjectAltName::Kind::email ? "RFC822 Name="
                       : n.kind == x509::SubjectAltName::Kind::dns ? "DNS Name="
                       : n.kind == x509::SubjectAltName::Kind::uri ? "URL="
                       : n.kind == x509::SubjectAltName::Kind::ip  ? "IP Address="
                                                                   : "";
    out += (out.empty() ? "" : "\n") + std::string(kind) + n.value;
  }
  return out;
}

void detail_row(const char* field, const std::string& value) {
  ImGui::TableNextRow();
  ImGui::TableSetColumnIndex(0);
  ImGui::TextUnformatted(field);
  ImGui::TableSetColumnIndex(1);
  ImGui::TextUnformatted(ui::wrap_to(ui::need(value), ImGui::GetContentRegionAvail().x).c_str());
}

void general_tab(const client::CertificateEntry& e) {
  const auto& c = e.certificate;
  ui::section(tr(T::cert_info));
  ImGui::Spacing();
  ui::value_row("certificate.issued_to", tr(T::cert_issued_to), ui::need(c.subject.display()));
  ui::value_row("certificate.issued_by", tr(T::cert_issued_by), ui::need(c.issuer.display()));
  ImGui::Spacing();
  ui::wrapped(
      trf(T::cert_valid_from_to, local_date_time(c.not_before), local_date_time(c.not_after)));
  const long days = days_left(c);
  ui::wrapped(days >= 0 ? trf(T::days_left, days) : trf(T::days_expired, -days));
  ImGui::SameLine();
  validity_badge(validity_of(c));
  ImGui::Spacing();
  if (e.has_private_key) ui::wrapped(tr(T::cert_has_key), &ui::palette().success);
  ui::value_row("certificate.token", tr(T::cert_token),
                ui::need(e.token.label + " (" + e.token.id + ")"));
}

void details_tab(const client::CertificateEntry& e) {
  const auto& c = e.certificate;
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY;
  if (!ImGui::BeginTable("##fields", 2, flags, ImVec2(0, ui::px(360)))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(tr(T::cert_field), ImGuiTableColumnFlags_WidthFixed, ui::px(170));
  ImGui::TableSetupColumn(tr(T::cert_value), ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableHeadersRow();
  detail_row(tr(T::cert_version), "V" + std::to_string(c.version));
  detail_row(tr(T::cert_serial), c.serial_hex);
  detail_row(tr(T::cert_sig_alg), c.signature_algorithm);
  detail_row(tr(T::cert_issuer), c.issuer.display());
  detail_row(tr(T::cert_not_before), local_date_time(c.not_before));
  detail_row(tr(T::cert_not_after), local_date_time(c.not_after));
  detail_row(tr(T::cert_subject), c.subject.display());
  detail_row(tr(T::cert_public_key), c.public_key.display);
  if (!c.key_usage.empty()) detail_row(tr(T::cert_key_usage), join(c.key_usage));
  if (!c.extended_key_usage.empty())
    detail_row(tr(T::cert_ext_key_usage), join(c.extended_key_usage));
  if (!c.subject_alt_names.empty()) detail_row(tr(T::cert_san), san_text(c.subject_alt_names));
  detail_row(tr(T::cert_basic_constraints), c.is_ca ? tr(T::cert_ca_yes) : tr(T::cert_ca_no));
  if (!c.subject_key_id.empty()) detail_row(tr(T::cert_ski), hex_colon(c.subject_key_id));
  if (!c.authority_key_id.empty()) detail_row(tr(T::cert_aki), hex_colon(c.authority_key_id));
  detail_row(tr(T::cert_sha256), hex_colon(c.sha256_fingerprint));
  if (!c.sm3_fingerprint.empty()) detail_row(tr(T::cert_sm3), hex_colon(c.sm3_fingerprint));
  ImGui::EndTable();
}

}  // namespace

void certificate_details(Session& s) {
  bool open = s.viewed_certificate().has_value();
  if (!ui::begin_modal("certificate", tr(T::cert_title), ui::px(720), &open)) return;
  const client::CertificateEntry e = *s.viewed_certificate();
  if (ImGui::BeginTabBar("##tabs")) {
    if (ImGui::BeginTabItem(tr(T::cert_tab_general))) {
      general_tab(e);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem(tr(T::cert_tab_details))) {
      details_tab(e);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  ImGui::Spacing();
  ImGui::Separator();
  const float w = ImGui::CalcTextSize(tr(T::btn_close)).x + ImGui::GetStyle().FramePadding.x * 2;
  ui::align_right(w);
  if (ui::button("certificate.close", tr(T::btn_close)) || ui::escape_pressed() ||
      ui::enter_pressed()) {
    s.close_certificate_view();
    ImGui::CloseCurrentPopup();
  }
  nested_error_dialog(s);
  ui::end_modal();
}

}  // namespace certrenew::gui::views
