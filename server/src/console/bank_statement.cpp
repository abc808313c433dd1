#include "console/bank_statement.hpp"

#include <array>
#include <optional>

#include "certrenew/core/forms/money.hpp"
#include "certrenew/core/time/utc_time.hpp"
#include "console/csv.hpp"
#include "service/catalogue_errors.hpp"

namespace certrenew::server::console {

namespace {

enum Column { kDate, kAmount, kName, kAccount, kReference, kColumns };

// Header names per column, as the common Chinese banks' exports and our English template write
// them. Kept as UTF-8 byte strings in escapes so the source stays ASCII.
const std::array<std::vector<std::string>, kColumns>& header_names() {
  static const std::array<std::vector<std::string>, kColumns> names = {{
      {"\xE4\xBA\xA4\xE6\x98\x93\xE6\x97\xA5\xE6\x9C\x9F",
       "\xE8\xAE\xB0\xE8\xB4\xA6\xE6\x97\xA5\xE6\x9C\x9F",
       "\xE5\x85\xA5\xE8\xB4\xA6\xE6\x97\xA5\xE6\x9C\x9F", "\xE6\x97\xA5\xE6\x9C\x9F", "date"},
      {"\xE8\xB4\xB7\xE6\x96\xB9\xE9\x87\x91\xE9\xA2\x9D",
       "\xE6\x94\xB6\xE5\x85\xA5\xE9\x87\x91\xE9\xA2\x9D", "\xE6\x94\xB6\xE5\x85\xA5",
       "\xE8\xB4\xB7\xE6\x96\xB9\xE5\x8F\x91\xE7\x94\x9F\xE9\xA2\x9D", "\xE9\x87\x91\xE9\xA2\x9D",
       "credit", "amount"},
      {"\xE5\xAF\xB9\xE6\x96\xB9\xE6\x88\xB7\xE5\x90\x8D",
       "\xE4\xBB\x98\xE6\xAC\xBE\xE4\xBA\xBA\xE5\x90\x8D\xE7\xA7\xB0",
       "\xE5\xAF\xB9\xE6\x96\xB9\xE5\x90\x8D\xE7\xA7\xB0", "\xE4\xBB\x98\xE6\xAC\xBE\xE4\xBA\xBA",
       "payer_name"},
      {"\xE5\xAF\xB9\xE6\x96\xB9\xE8\xB4\xA6\xE5\x8F\xB7",
       "\xE4\xBB\x98\xE6\xAC\xBE\xE4\xBA\xBA\xE8\xB4\xA6\xE5\x8F\xB7", "payer_account"},
      {"\xE6\x91\x98\xE8\xA6\x81", "\xE5\xA4\x87\xE6\xB3\xA8", "\xE7\x94\xA8\xE9\x80\x94",
       "\xE4\xBA\xA4\xE6\x98\x93\xE6\xB5\x81\xE6\xB0\xB4\xE5\x8F\xB7",
       "\xE6\xB5\x81\xE6\xB0\xB4\xE5\x8F\xB7", "reference"},
  }};
  return names;
}

std::string trim(std::string s) {
  const char* ws = " \t\r\n";
  s.erase(0, s.find_first_not_of(ws));
  const auto end = s.find_last_not_of(ws);
  s.erase(end == std::string::npos ? 0 : end + 1);
  // Some exports write text cells as ="..." or with a tab prefix to keep spreadsheets off them.
  if (s.size() >= 3 && s[0] == '=' && s[1] == '"' && s.back() == '"') s = s.substr(2, s.size() - 3);
  return s;
}

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

std::optional<std::array<int, kColumns>> header_columns(const std::vector<std::string>& row) {
  std::array<int, kColumns> at;
  at.fill(-1);
  for (int i = 0; i < static_cast<int>(row.size()); ++i) {
    const std::string cell = lower(trim(row[static_cast<std::size_t>(i)]));
    for (int c = 0; c < kColumns; ++c)
      for (const auto& name : header_names()[static_cast<std::size_t>(c)])
        if (at[static_cast<std::size_t>(c)] < 0 && cell == name)
          at[static_cast<std::size_t>(c)] = i;
  }
  if (at[kDate] < 0 || at[kAmount] < 0 || at[kName] < 0) return std::nullopt;
  return at;
}

std::optional<std::string> normalise_date(std::string d) {
  if (d.size() >= 10) d = d.substr(0, 10);  // "2026-12-04 10:31:00"
  if (d.size() == 8 && d.find_first_not_of("0123456789") == std::string::npos)
    d = d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2);
  for (char& c : d)
    if (c == '/' || c == '.') c = '-';
  if (!UtcTime::parse_date(d)) return std::nullopt;
  return d;
}

[[noreturn]] void refuse(const std::string& reason, int line) {
  nlohmann::json details = {{"reason", reason}};
  if (line > 0) details["line"] = line;
  throw back_office_error(400, "bad_statement", "statement.bad", details);
}

}  // namespace

ParsedStatement parse_bank_statement(std::string_view bytes) {
  if (bytes.size() > 4 * 1024 * 1024) refuse("too_large", 0);
  auto text = to_utf8(bytes);
  if (!text) refuse("encoding", 0);
  auto rows = parse_csv(*text);
  if (!rows) refuse("unclosed_quote", 0);
  ParsedStatement out;
  std::optional<std::array<int, kColumns>> cols;
  int line = 0;
  for (const auto& row : *rows) {
    ++line;  // rows, not physical lines: a quoted newline counts once (documented)
    if (!cols) {
      cols = header_columns(row);
      continue;
    }
    auto cell = [&](Column c) {
      const int i = (*cols)[static_cast<std::size_t>(c)];
      return i >= 0 && static_cast<std::size_t>(i) < row.size()
                 ? trim(row[static_cast<std::size_t>(i)])
                 : std::string();
    };
    std::string amount = cell(kAmount);
    std::string plain;
    for (char c : amount)
      if (c != ',') plain += c;
    if (plain.empty() || plain == "-" || plain[0] == '-') {
      ++out.skipped;  // a debit or an empty credit cell
      continue;
    }
    const auto money = forms::parse_money(plain);
    if (!money.ok()) refuse("bad_amount", line);
    if (money.money.fen() <= 0) {
      ++out.skipped;
      continue;
    }
    auto date = normalise_date(cell(kDate));
    if (!date) refuse("bad_date", line);
    StatementCredit c;
    c.line_no = line;
    c.booked_on = *date;
    c.amount_fen = money.money.fen();
    c.payer_name = cell(kName).substr(0, 200);
    c.payer_account = cell(kAccount).substr(0, 64);
    c.reference = cell(kReference).substr(0, 200);
    out.credits.push_back(std::move(c));
  }
  if (!cols) refuse("no_header", 0);
  return out;
}

}  // namespace certrenew::server::console
