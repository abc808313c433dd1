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

std::span<const Migration> sqlite_migrations();

}  // namespace certrenew::server
