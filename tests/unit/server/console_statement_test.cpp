// Bank statements and CSV for the console (issue 18): a GBK export of a Chinese bank with a
// preamble, UTF-8 with a BOM, refused files, and CSV output that keeps formulas out.
#include <doctest/doctest.h>

#include "console/bank_statement.hpp"
#include "console/csv.hpp"
#include "gbk_text.hpp"
#include "service/api_error.hpp"

using namespace certrenew::server;
using namespace certrenew::server::console;

namespace {

std::string reason_of(const std::string& bytes) {
  try {
    parse_bank_statement(bytes);
  } catch (const ApiError& e) {
    return e.details().value("reason", "");
  }
  return "";
}

}  // namespace

TEST_CASE("a GBK statement with a preamble yields its credit lines") {
  const std::string utf8 =
      "账号:1234567890,户名:某某CA有限公司\r\n"
      "交易日期,摘要,借方金额,贷方金额,对方户名,对方账号,余额\r\n"
      "2026-12-03,转账,,\"1,200.00\",胡某某,6222020200000001,5000.00\r\n"
      "2026/12/04,手续费,2.00,,,,4998.00\r\n"
      "20261204,转账,,200,北京某某科技有限公司,6222020200000002,5198.00\r\n";
  const std::string gbk = certrenew::testing::to_gbk(utf8);
  REQUIRE(gbk != utf8);
  const auto parsed = parse_bank_statement(gbk);
  REQUIRE(parsed.credits.size() == 2);
  CHECK(parsed.skipped == 1);
  CHECK(parsed.credits[0].booked_on == "2026-12-03");
  CHECK(parsed.credits[0].amount_fen == 120000);
  CHECK(parsed.credits[0].payer_name == "胡某某");
  CHECK(parsed.credits[0].payer_account == "6222020200000001");
  CHECK(parsed.credits[1].booked_on == "2026-12-04");
  CHECK(parsed.credits[1].amount_fen == 20000);
  CHECK(parsed.credits[1].payer_name == "北京某某科技有限公司");
}

TEST_CASE("an English UTF-8 statement with a BOM reads the same way") {
  const auto parsed = parse_bank_statement(
      "\xEF\xBB\xBF"
      "date,amount,payer_name,reference\n2026-12-04,200.00,Hu,INV 1\n");
  REQUIRE(parsed.credits.size() == 1);
  CHECK(parsed.credits[0].reference == "INV 1");
}

TEST_CASE("statements that cannot be read are refused with a reason") {
  CHECK(reason_of("just,some,columns\n1,2,3\n") == "no_header");
  CHECK(reason_of("date,amount,payer_name\n2026-12-04,12.345,Hu\n") == "bad_amount");
  CHECK(reason_of("date,amount,payer_name\n2026-13-04,12.00,Hu\n") == "bad_date");
  CHECK(reason_of("date,amount,payer_name\n\"2026-12-04,12.00,Hu\n") == "unclosed_quote");
  CHECK(reason_of(std::string("date,amount,payer_name\n\xff\xff\xff,1,2\n")) == "encoding");
}

TEST_CASE("CSV output quotes what needs it and defuses formulas") {
  CHECK(csv_row({"a", "b,c", "say \"hi\""}) == "a,\"b,c\",\"say \"\"hi\"\"\"\r\n");
  CHECK(csv_field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
  CHECK(csv_field("-1") == "'-1");
  const auto rows = parse_csv("a,\"b\nc\",d\r\n\r\n1,2,3");
  REQUIRE(rows);
  CHECK(rows->size() == 2);
  CHECK((*rows)[0][1] == "b\nc");
}
