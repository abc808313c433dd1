#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace certrenew::server {

// One line of the 详细信息 (details) table: 证书服务费用 100.00元/年 × 2 = 200.00元.
struct FeeItem {
  std::string code;     // stable machine name, e.g. "certificate_service"
  std::string name_zh;  // 证书服务费用
  std::string name_en;  // Certificate service fee
  std::int64_t unit_price_fen = 0;
  std::string unit;  // "year"
  int quantity = 0;
  std::int64_t subtotal_fen = 0;
};

struct FeeQuote {
  int period_months = 0;
  std::vector<FeeItem> items;
  std::int64_t total_fen = 0;
};

// The fee schedule: which renewal periods are offered and what a year costs. Money is integer fen.
class FeeSchedule {
 public:
  // Defaults from the seed guide: 12/24/36 months at 100.00 yuan a year.
  FeeSchedule();
  // Reads the "fees" object of the server configuration; throws std::invalid_argument naming the
  // bad key.
  static FeeSchedule from_json(const nlohmann::json& fees);

  const std::vector<int>& periods_months() const { return periods_; }
  std::int64_t price_per_year_fen() const { return price_per_year_fen_; }
  const std::string& delivery() const { return delivery_; }
  const std::string& invoice_type() const { return invoice_type_; }

  // The quote for a period, or nullopt when the period is not offered.
  std::optional<FeeQuote> quote(int period_months) const;
  // Every period with its quote, delivery and invoice type, as the API serves it.
  nlohmann::json to_json() const;

 private:
  std::vector<int> periods_;
  std::int64_t price_per_year_fen_;
  std::string delivery_;      // cash_on_delivery (货到付款)
  std::string invoice_type_;  // plain_fixed (普通定额发票)
};

nlohmann::json to_json(const FeeQuote& quote);

}  // namespace certrenew::server
