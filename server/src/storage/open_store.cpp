#include "storage/store.hpp"

namespace certrenew::server {

bool is_postgres_url(std::string_view database) {
  return database.starts_with("postgresql://") || database.starts_with("postgres://");
}

std::unique_ptr<Store> open_store(const StoreLocation& location) {
  if (!location.postgres_url.empty())
    return open_postgres_store(location.postgres_url, location.max_connections);
  return open_sqlite_store(location.sqlite_file);
}

}  // namespace certrenew::server
