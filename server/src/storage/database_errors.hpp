#pragma once
// Issue 17 (ops): errors the storage layer met talking to its database, counted by kind for the
// metrics endpoint (certrenew_database_errors_total{kind}). Each backend counts where it sees
// them, in Store::transact (and schema_version, which /readyz asks):
//   conflict       a uniqueness rule refused a write (it leaves as StoreConflict);
//   serialization  PostgreSQL aborted a transaction (serialization failure, deadlock) and the
//                  store ran it again: one count per aborted attempt;
//   connection     the database could not be reached, or the connection broke;
//   other          any other failed statement (disk full, a corrupt file, a bug in SQL).
// A use case's own refusal thrown inside a transaction (ApiError) is not a database error.

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace certrenew::server {

enum class DatabaseErrorKind : std::size_t { conflict, serialization, connection, other };

inline constexpr std::array<DatabaseErrorKind, 4> kDatabaseErrorKinds = {
    DatabaseErrorKind::conflict, DatabaseErrorKind::serialization, DatabaseErrorKind::connection,
    DatabaseErrorKind::other};

// The label value the metrics endpoint shows.
constexpr std::string_view code(DatabaseErrorKind kind) {
  constexpr std::array<std::string_view, 4> codes = {"conflict", "serialization", "connection",
                                                     "other"};
  return codes[static_cast<std::size_t>(kind)];
}

// Monotonic counters, safe to bump from any thread and to read while others bump them.
class DatabaseErrorCounts {
 public:
  void add(DatabaseErrorKind kind) noexcept {
    counts_[static_cast<std::size_t>(kind)].fetch_add(1, std::memory_order_relaxed);
  }
  std::uint64_t value(DatabaseErrorKind kind) const noexcept {
    return counts_[static_cast<std::size_t>(kind)].load(std::memory_order_relaxed);
  }

 private:
  std::array<std::atomic<std::uint64_t>, kDatabaseErrorKinds.size()> counts_{};
};

}  // namespace certrenew::server
