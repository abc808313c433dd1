#pragma once
// Small conversions from the client library's values to what a screen shows (local dates, money,
// fingerprints). No I/O.

#include <chrono>
#include <string>

#include "certrenew/client/flow/token_inventory.hpp"
#include "certrenew/core/forms/money.hpp"
#include "certrenew/core/protocol/states.hpp"
#include "certrenew/core/x509/certificate.hpp"

namespace certrenew::gui {

std::string local_date(x509::TimePoint t);
std::string local_date_time(x509::TimePoint t);  // "2026-05-01 14:30"
// A service time ("2017-09-21T06:49:48Z") in local time; the text itself if it does not parse.
std::string service_time_local(const std::string& iso);
std::string today_local();  // "2026-05-01"
// YYYY-MM-DD with a month 1-12 and a day 1-31 (the service checks the calendar itself).
bool plausible_iso_date(const std::string& text);
std::string yuan(forms::Money money);
// The key a certificate is selected by on the home screen: its SHA-256 fingerprint in hex.
std::string certificate_key(const client::CertificateEntry& entry);
long days_left(const x509::Certificate& certificate);
std::string hex_colon(const Bytes& bytes);
// The protocol's state names in the UI's language.
std::string state_label(protocol::BusinessState state);
std::string state_label(protocol::PaymentState state);

}  // namespace certrenew::gui
