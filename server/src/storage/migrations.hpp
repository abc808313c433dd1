#pragma once

#include <array>
#include <span>
#include <string_view>

#include "storage/sql_dialect.hpp"

namespace certrenew::server {

// One step of the schema's history. Steps are append-only: a released step is never edited, a
// change is a new step.
struct Migration {
  int version;
  std::string_view description;
  std::string_view sql;
};

// The steps' meanings, version 1 first: both backends have the same versions with the same
// meaning. A change appends a description here and its SQL to storage/migrations.cpp.
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
    std::string_view("the console's search at scale: trigram indexes (PostgreSQL with pg_trgm)"),
    std::string_view("one index fewer for every application written: by serial and state"),
};

// A backend's steps, in order: the shared description and the step's SQL in its dialect.
std::span<const Migration> migrations_in(SqlDialect dialect);

}  // namespace certrenew::server
