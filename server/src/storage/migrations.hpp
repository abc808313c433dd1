#pragma once

#include <span>
#include <string_view>

namespace certrenew::server {

// One step of the schema's history. Steps are append-only: a released step is never edited, a
// change is a new step.
struct Migration {
  int version;
  std::string_view description;
  std::string_view sql;
};

// Version 3 (issue 17), the same SQL in both dialects: "one open application per certificate"
// is a rule of the database, so two instances (or two threads) that both looked and found none
// cannot both insert one.
inline constexpr std::string_view kOneOpenApplicationPerCertificate = R"sql(
CREATE UNIQUE INDEX applications_one_open_per_certificate ON applications (old_cert_serial)
  WHERE state NOT IN ('completed', 'rejected', 'cancelled');
)sql";

// Both backends have the same versions with the same meaning; a change appends a step to each.
std::span<const Migration> sqlite_migrations();
std::span<const Migration> postgres_migrations();  // storage/postgres/pg_migrations.cpp

}  // namespace certrenew::server
