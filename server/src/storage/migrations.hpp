#pragma once

#include <array>
#include <cstddef>
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

// The steps' meanings, version 1 first: both backends have the same versions with the same
// meaning. A change appends a description here and its SQL to each backend's list.
inline constexpr std::array kMigrationDescriptions{
    std::string_view("applications, payments, events, nonces, sequences"),
    std::string_view("revocations, certified keys"),
    std::string_view("one open application per certificate"),
    std::string_view("back-office console: operators, sessions, audit log, reconciliation"),
    std::string_view("online payment links"),
    std::string_view("notification outbox, certificates watched for expiry"),
    std::string_view("refunds carried out (console)"),
    std::string_view("dual certificates: encryption key escrow, key recovery"),
    std::string_view("issuer jobs (issuance and revocation at the issuer)"),
    std::string_view("the console's application list at scale: subject and operator columns"),
};
using MigrationSql = std::array<std::string_view, kMigrationDescriptions.size()>;

// A backend's steps: its SQL for each version, in order, beside the shared description.
constexpr std::array<Migration, kMigrationDescriptions.size()> migrations_of(
    const MigrationSql& sql) {
  std::array<Migration, kMigrationDescriptions.size()> out{};
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i] = {static_cast<int>(i + 1), kMigrationDescriptions[i], sql[i]};
  return out;
}

// Both backends have the same versions with the same meaning; a change appends a step to each.
std::span<const Migration> sqlite_migrations();
std::span<const Migration> postgres_migrations();  // storage/postgres/pg_migrations.cpp

}  // namespace certrenew::server
