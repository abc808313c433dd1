// The certificate viewer, laid out like an operating system's: a General tab (issued to, issued
// by, validity, private key present) and a Details tab with every field.
#include <imgui.h>

#include "controller/session.hpp"
#include "controller/text_format.hpp"
#include "testing/widget_map.hpp"
#include "views/view_common.hpp"
#include "views/views.hpp"
#include "widgets/widgets.hpp"

namespace certrenew::gui::views {
namespace {

// RFC 5280's names (as core/x509 reads them) in the UI's language, as an OS viewer shows them;
// a usage without a translation (an OID) is shown as it is.
struct UsageName {
  std::string_view rfc;
  T text;
};
constexpr UsageName kUsageNames[] = {
    {"digitalSignature", T::ku_digital_signature},
    {"nonRepudiation", T::ku_non_repudiation},
    {"keyEncipherment", T::ku_key_encipherment},
    {"dataEncipherment", T::ku_data_encipherment},
    {"keyAgreement", T::ku_key_agreement},
    {"keyCertSign", T::ku_key_cert_sign},
    {"cRLSign", T::ku_crl_sign},
    {"encipherOnly", T::ku_encipher_only},
    {"decipherOnly", T::ku_decipher_only},
    {"serverAuth", T::eku_server_auth},
    {"clientAuth", T::eku_client_auth},
    {"emailProtection", T::eku_email_protection},
    {"codeSigning", T::eku_code_signing},
    {"timeStamping", T::eku_time_stamping},
    {"OCSPSigning", T::eku_ocsp_signing},
};

std::string usage_list(const std::vector<std::string>& items) {
  const std::string separator = tr(T::list_separator);
  std::string out;
  for (const auto& item : items) {
    std::string shown = item;
    for (const auto& u : kUsageNames)
      if (u.rfc == item) shown = tr(u.text);
    out += (out.empty() ? "" : separator) + shown;
  }
  return out;
}

std::string san_text(const std::vector<x509::SubjectAltName>& names) {
  using Kind = x509::SubjectAltName::Kind;
  std::string out;
  for (const auto& n : names) {
    const T kind = n.kind == Kind::email ? T::san_email
                   : n.kind == Kind::dns ? T::san_dns
                   : n.kind == Kind::uri ? T::san_uri
                   : n.kind == Kind::ip  ? T::san_ip
                                         : T::san_other;
    out += (out.empty() ? "" : "\n") + trf(kind, n.value);
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
  ui::wrapped(time_left_text(c));
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
  const std::string usage = usage_list(c.key_usage);
  const std::string extended = usage_list(c.extended_key_usage);
  const std::string alt_names = san_text(c.subject_alt_names);
  if (!usage.empty()) detail_row(tr(T::cert_key_usage), usage);
  if (!extended.empty()) detail_row(tr(T::cert_ext_key_usage), extended);
  if (!alt_names.empty()) detail_row(tr(T::cert_san), alt_names);

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
  widget_map().value("certificate.key_usage", usage_list(e.certificate.key_usage));
  widget_map().value("certificate.ext_key_usage", usage_list(e.certificate.extended_key_usage));
  widget_map().value("certificate.san", san_text(e.certificate.subject_alt_names));
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
  if (ui::closing_button("certificate.close", tr(T::btn_close))) {
    s.close_certificate_view();
    ImGui::CloseCurrentPopup();
  }
  nested_error_dialog(s);
  ui::end_modal();
}

}  // namespace certrenew::gui::views
