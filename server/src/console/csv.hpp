#pragma once
// CSV as spreadsheets write and read it (RFC 4180: quoted fields, doubled quotes, CRLF).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace certrenew::server::console {

// One field, quoted when needed. A field that a spreadsheet would run as a formula (=, +, -, @,
// tab, CR at its start) gets a leading apostrophe: applicant text must not become a formula.
std::string csv_field(std::string_view value);
std::string csv_row(const std::vector<std::string>& fields);  // ends with CRLF

// Rows of a CSV text; nullopt when a quote is never closed. Blank lines are skipped.
std::optional<std::vector<std::vector<std::string>>> parse_csv(std::string_view text);

// The text as UTF-8: kept when it is valid UTF-8 (a BOM dropped), else decoded from GBK (GB18030,
// its superset, as Chinese banks' exports are) with glibc's iconv; nullopt when neither works.
std::optional<std::string> to_utf8(std::string_view bytes);

}  // namespace certrenew::server::console
