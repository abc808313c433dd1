#pragma once
// Health checks for load balancers and orchestrators:
//   GET /healthz  200 {"status": "up"} while the process serves at all (liveness);
//   GET /readyz   200 {"status": "ready", ...} when the database answers a query and the CA key
//                 signs; otherwise 503 {"status": "not_ready", "checks": {...}, "reasons":
//                 ["database_unreachable" and/or "ca_key_unusable"]} (readiness: take the
//                 instance out of rotation). Neither says more than which check failed.

#include "http/router.hpp"
#include "service/renewal_service.hpp"

namespace certrenew::server {

void mount_health(Router& router, RenewalService& service);

}  // namespace certrenew::server
