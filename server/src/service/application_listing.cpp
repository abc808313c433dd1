#include "service/application_listing.hpp"

#include <exception>

#include "storage/console_store.hpp"

namespace certrenew::server {

namespace {

// The operator's name in a form (form_check's normalised form); empty if it has none.
std::string operator_name_in(const nlohmann::json& form) {
  if (!form.is_object()) return {};
  const auto op = form.find("operator");
  if (op == form.end() || !op->is_object()) return {};
  const auto name = op->find("name");
  return name != op->end() && name->is_string() ? name->get<std::string>() : std::string();
}

constexpr int kBatch = 500;

}  // namespace

std::string listed_subject(const Blob& certificate_der) {
  try {
    return x509::parse_certificate(certificate_der).subject.display();
  } catch (const std::exception&) {
    return {};
  }
}

void set_listing_columns(ApplicationRecord& r, const x509::Certificate& old,
                         const nlohmann::json& form) {
  r.subject = old.subject.display();
  r.operator_name = operator_name_in(form);
}

std::size_t fill_listing_columns(Store& store) {
  std::size_t filled = 0;
  std::size_t batch = 0;
  do {
    store.transact([&](StoreTx& tx) {
      const auto rows = tx.console().unfilled_listings(kBatch);
      for (const auto& row : rows)
        tx.console().fill_listing(
            row.id, listed_subject(row.old_cert_der),
            operator_name_in(nlohmann::json::parse(row.form_json, nullptr, false)));
      batch = rows.size();
    });
    filled += batch;
  } while (batch == static_cast<std::size_t>(kBatch));
  return filled;
}

}  // namespace certrenew::server
