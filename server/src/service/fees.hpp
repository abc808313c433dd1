#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "certrenew/core/protocol/public_answers.hpp"

namespace certrenew::server {

// A quote is the protocol's fee period (core/protocol/public_answers.hpp): what the applicant is
// shown is what is charged, item by item.
using FeeQuote = protocol::FeePeriod;

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
  // Every period with its quote, delivery and invoice type, as GET /fees serves them (the bank
  // account is the service's to add).
  protocol::FeeSchedule answer() const;

 private:
  std::vector<int> periods_;
  std::int64_t price_per_year_fen_;
  std::string delivery_;      // cash_on_delivery (货到付款)
  std::string invoice_type_;  // plain_fixed (普通定额发票)
};

}  // namespace certrenew::server
