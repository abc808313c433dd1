#pragma once
// Bank statements for reconciliation (issue 18). A statement is a CSV export of the CA account's
// transactions, UTF-8 or GBK (as Chinese banks export), possibly with a preamble of account lines
// before the header row. Columns are found by their header's name (docs/console.md):
//   date        交易日期 | 记账日期 | 入账日期 | 日期 | date        yyyy-mm-dd, yyyy/mm/dd,
//   yyyymmdd amount      贷方金额 | 收入金额 | 收入 | 贷方发生额 | 金额 | credit | amount   yuan,
//   "1,234.50" payer name  对方户名 | 付款人名称 | 对方名称 | 付款人 | payer_name account 对方账号
//   | 付款人账号 | payer_account              (optional) reference   摘要 | 备注 | 用途 |
//   交易流水号 | 流水号 | reference   (optional)
// Lines without a positive credit (debits, balances) are skipped.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace certrenew::server::console {

struct StatementCredit {
  int line_no = 0;        // 1-based line of the file
  std::string booked_on;  // yyyy-mm-dd
  std::int64_t amount_fen = 0;
  std::string payer_name;
  std::string payer_account;
  std::string reference;
};

struct ParsedStatement {
  std::vector<StatementCredit> credits;
  int skipped = 0;  // rows after the header that are not credits
};

// Throws ApiError 400 bad_statement with details.reason (encoding, no_header, bad_row and the
// line number) when the file cannot be read; nothing is stored then.
ParsedStatement parse_bank_statement(std::string_view bytes);

}  // namespace certrenew::server::console
