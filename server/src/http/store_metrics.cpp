#include "http/store_metrics.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <certrenew/core/protocol/states.hpp>

#include "http/metrics.hpp"

namespace certrenew::server {

namespace {

using protocol::BusinessState;

constexpr BusinessState kStates[] = {BusinessState::entered,   BusinessState::under_review,
                                     BusinessState::approved,  BusinessState::rejected,
                                     BusinessState::completed, BusinessState::cancelled};

}  // namespace

std::string store_metrics_text(Store& store) {
  std::map<std::string, std::int64_t> counts;
  bool up = true;
  try {
    store.transact([&](StoreTx& tx) { counts = tx.application_counts_by_state(); });
  } catch (const std::exception& e) {
    spdlog::warn("metrics: cannot count applications: {}", e.what());
    up = false;
  }
  std::string out;
  if (up) {
    for (BusinessState state : kStates) counts.try_emplace(std::string(protocol::code(state)), 0);
    out +=
        "# HELP certrenew_applications Applications in each state, read from the database.\n"
        "# TYPE certrenew_applications gauge\n";
    for (const auto& [state, n] : counts)
      out += fmt::format("certrenew_applications{{state={}}} {}\n", prometheus_quoted(state), n);
  }
  out += fmt::format(
      "# HELP certrenew_database_up 1 when the database answered this scrape's count.\n"
      "# TYPE certrenew_database_up gauge\ncertrenew_database_up {}\n",
      up ? 1 : 0);
  out +=
      "# HELP certrenew_database_errors_total Database errors met by the storage layer.\n"
      "# TYPE certrenew_database_errors_total counter\n";
  for (DatabaseErrorKind kind : kDatabaseErrorKinds)
    out += fmt::format("certrenew_database_errors_total{{kind=\"{}\"}} {}\n", code(kind),
                       store.error_counts().value(kind));
  return out;
}

}  // namespace certrenew::server
