#pragma once
// Issue 17 (ops): the metrics the database gives, in the Prometheus text format, appended to
// /metrics at each scrape (http/metrics.hpp has the serving layer's own):
//   certrenew_applications{state}             gauge    applications in each state now, read
//                                                      from the database (every state listed,
//                                                      0 included, so a series never vanishes)
//   certrenew_database_up                     gauge    1 when that read answered, else 0 (the
//                                                      gauge above is then left out)
//   certrenew_database_errors_total{kind}     counter  conflict, serialization, connection,
//                                                      other (storage/database_errors.hpp)

#include <string>

#include "storage/store.hpp"

namespace certrenew::server {

std::string store_metrics_text(Store& store);

}  // namespace certrenew::server
