#pragma once
// Tests that need a PostgreSQL server start one of their own (PostgresCluster); where its
// binaries are missing they are skipped, saying why: `if (skip_without_postgres()) return;`.

#include <doctest/doctest.h>

#include <string>

#include "postgres_cluster.hpp"

namespace certrenew::testing {

inline bool skip_without_postgres() {
  const std::string why = PostgresCluster::unavailable_reason();
  if (why.empty()) return false;
  MESSAGE("skipped: " << why);
  return true;
}

}  // namespace certrenew::testing
