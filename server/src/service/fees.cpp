#include "service/fees.hpp"

#include <limits>
#include <stdexcept>

namespace certrenew::server {

namespace {

// Display names of the delivery and invoice codes, in the seed guide's words.
nlohmann::json delivery_json(const std::string& code) {
  if (code == "cash_on_delivery")
    return {{"code", code}, {"zh", "货到付款"}, {"en", "Cash on delivery"}};
  if (code == "prepaid") return {{"code", code}, {"zh", "寄付"}, {"en", "Postage prepaid"}};
  return {{"code", code}, {"zh", code}, {"en", code}};
}

nlohmann::json invoice_json(const std::string& code) {
  if (code == "plain_fixed")
    return {{"code", code}, {"zh", "普通定额发票"}, {"en", "Ordinary fixed-amount invoice"}};
  if (code == "plain_electronic")
    return {{"code", code}, {"zh", "普通电子发票"}, {"en", "Ordinary electronic invoice"}};
  return {{"code", code}, {"zh", code}, {"en", code}};
}

}  // namespace

FeeSchedule::FeeSchedule()
    : periods_{12, 24, 36},
      price_per_year_fen_(10000),
      delivery_("cash_on_delivery"),
      invoice_type_("plain_fixed") {}

FeeSchedule FeeSchedule::from_json(const nlohmann::json& fees) {
  FeeSchedule s;
  if (fees.is_null()) return s;
  if (!fees.is_object()) throw std::invalid_argument("fees: expected an object");
  if (fees.contains("periods_months")) {
    const auto& p = fees.at("periods_months");
    if (!p.is_array() || p.empty())
      throw std::invalid_argument("fees.periods_months: expected a non-empty list of months");
    s.periods_.clear();
    for (const auto& m : p) {
      if (!m.is_number_integer() || m.get<int>() <= 0 || m.get<int>() % 12 != 0 ||
          m.get<int>() > 120)
        throw std::invalid_argument(
            "fees.periods_months: each period must be whole years, 12 to 120 months");
      s.periods_.push_back(m.get<int>());
    }
  }
  if (fees.contains("price_per_year_fen")) {
    const auto& v = fees.at("price_per_year_fen");
    if (!v.is_number_integer() || v.get<std::int64_t>() < 0 || v.get<std::int64_t>() > 100'000'000)
      throw std::invalid_argument("fees.price_per_year_fen: expected whole fen, 0 to 100000000");
    s.price_per_year_fen_ = v.get<std::int64_t>();
  }
  if (fees.contains("delivery")) {
    if (!fees.at("delivery").is_string())
      throw std::invalid_argument("fees.delivery: expected text");
    s.delivery_ = fees.at("delivery").get<std::string>();
  }
  if (fees.contains("invoice_type")) {
    if (!fees.at("invoice_type").is_string())
      throw std::invalid_argument("fees.invoice_type: expected text");
    s.invoice_type_ = fees.at("invoice_type").get<std::string>();
  }
  return s;
}

std::optional<FeeQuote> FeeSchedule::quote(int period_months) const {
  bool offered = false;
  for (int p : periods_) offered = offered || p == period_months;
  if (!offered) return std::nullopt;
  FeeItem item;
  item.code = "certificate_service";
  item.name_zh = "证书服务费用";
  item.name_en = "Certificate service fee";
  item.unit_price_fen = price_per_year_fen_;
  item.unit = "year";
  item.quantity = period_months / 12;
  item.subtotal_fen = price_per_year_fen_ * item.quantity;  // bounded by from_json's limits
  FeeQuote q;
  q.period_months = period_months;
  q.total_fen = item.subtotal_fen;
  q.items.push_back(std::move(item));
  return q;
}

nlohmann::json to_json(const FeeQuote& quote) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& i : quote.items) {
    items.push_back({{"code", i.code},
                     {"name_zh", i.name_zh},
                     {"name_en", i.name_en},
                     {"unit_price_fen", i.unit_price_fen},
                     {"unit", i.unit},
                     {"quantity", i.quantity},
                     {"subtotal_fen", i.subtotal_fen}});
  }
  return {{"period_months", quote.period_months}, {"items", items}, {"total_fen", quote.total_fen}};
}

nlohmann::json FeeSchedule::to_json() const {
  nlohmann::json periods = nlohmann::json::array();
  for (int p : periods_) periods.push_back(server::to_json(*quote(p)));
  return {{"currency", "CNY"},
          {"price_per_year_fen", price_per_year_fen_},
          {"periods", periods},
          {"delivery", delivery_json(delivery_)},
          {"invoice_type", invoice_json(invoice_type_)}};
}

}  // namespace certrenew::server
