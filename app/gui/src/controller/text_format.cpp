#include "controller/text_format.hpp"

#include "app/strings.hpp"
#include "certrenew/client/store/application_record.hpp"
#include "certrenew/core/x509/time_format.hpp"

namespace certrenew::gui {

std::string local_date(x509::TimePoint t) {
  return x509::format_local_date(t);
}

std::string local_date_time(x509::TimePoint t) {
  // format_local gives "2017-09-21 16:00:00 +0800"; minutes are enough on screen.
  const std::string full = x509::format_local(t);
  return full.size() >= 16 ? full.substr(0, 16) : full;
}

std::string service_time_local(const std::string& iso) {
  if (auto t = client::parse_utc_iso(iso)) return local_date_time(*t);
  return iso;
}

std::string today_local() {
  return x509::format_local_date(
      std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

bool plausible_iso_date(const std::string& d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (d[i] < '0' || d[i] > '9') return false;
  const int month = (d[5] - '0') * 10 + (d[6] - '0');
  const int day = (d[8] - '0') * 10 + (d[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

std::string yuan(forms::Money money) {
  return money.to_string();
}

std::string certificate_key(const client::CertificateEntry& entry) {
  return to_hex(entry.certificate.sha256_fingerprint);
}

long days_left(const x509::Certificate& certificate) {
  return certificate.days_left(std::chrono::system_clock::now());
}

std::string hex_colon(const Bytes& bytes) {
  return x509::format_fingerprint(bytes);
}

}  // namespace certrenew::gui

namespace certrenew::gui {

std::string state_label(protocol::BusinessState state) {
  return std::string(language() == Language::en ? protocol::label_en(state)
                                                : protocol::label_zh(state));
}

std::string state_label(protocol::PaymentState state) {
  return std::string(language() == Language::en ? protocol::label_en(state)
                                                : protocol::label_zh(state));
}

}  // namespace certrenew::gui
