#include "service/fees.hpp"
#include "service/service_text.hpp"

#include <limits>
#include <stdexcept>

namespace certrenew::server {

namespace {

// Display names of the delivery and invoice codes: the catalogue's "<kind>.<code>" when it names
// the code, else the code itself in both languages (a code the configuration introduced).
protocol::CodedText coded(std::string_view kind, const std::string& code) {
  protocol::CodedText t;
  t.code = code;
  const CatalogueEntry* e = service_catalogue().find(std::string(kind) + "." + code);
  t.zh = e ? std::string(e->zh) : code;
  t.en = e ? std::string(e->en) : code;
  return t;
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
  protocol::FeeItem item;
  item.code = "certificate_service";
  const Text name = service_text("fee.certificate_service");
  item.name = {name.zh, name.en};
  item.unit_price = forms::Money::from_fen(price_per_year_fen_);
  item.unit = "year";
  item.quantity = period_months / 12;
  // Bounded by from_json's limits (price and periods), so this cannot overflow.
  item.subtotal = forms::Money::from_fen(price_per_year_fen_ * item.quantity);
  FeeQuote q;
  q.period_months = period_months;
  q.total = item.subtotal;
  q.items.push_back(std::move(item));
  return q;
}

protocol::FeeSchedule FeeSchedule::answer() const {
  protocol::FeeSchedule s;
  s.price_per_year = forms::Money::from_fen(price_per_year_fen_);
  for (int p : periods_) s.periods.push_back(*quote(p));
  s.delivery = coded("delivery", delivery_);
  s.invoice_type = coded("invoice", invoice_type_);
  return s;
}

}  // namespace certrenew::server
