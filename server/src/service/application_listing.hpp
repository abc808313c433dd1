#pragma once
// What the console's application list shows and searches of an application (issue 17): the old
// certificate's subject and the operator's name, computed once when the application is stored
// and kept in its columns, so listing or viewing applications decodes no certificate.

#include <string>

#include <nlohmann/json.hpp>

#include "certrenew/core/x509/certificate.hpp"
#include "storage/store.hpp"

namespace certrenew::server {

// Sets `r.subject` and `r.operator_name` from the certificate it renews and its form
// (form_check's normalised form, the one stored as `r.form_json`).
void set_listing_columns(ApplicationRecord& r, const x509::Certificate& old,
                         const nlohmann::json& form);

// The subject of a stored certificate as the list shows it; empty if it does not decode.
std::string listed_subject(const Blob& certificate_der);

// Fills the columns of applications stored before they existed (migration 10), in batches of a
// transaction each; several instances may do it at once (each row gets the same values). A
// certificate or form that does not decode leaves the column empty, not the start failed.
// Returns how many were filled.
std::size_t fill_listing_columns(Store& store);

}  // namespace certrenew::server
