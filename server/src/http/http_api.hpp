#pragma once

#include <chrono>
#include <string>

#include "http/router.hpp"
#include "service/renewal_service.hpp"

namespace certrenew::server {

// Mounts the JSON API (/api/v1/...) on the service's router. Every
// route states who may call it: public (read-only service facts), applicant (capability token),
// gateway (signed notification), operator (operator token). See docs/protocol.md.
// `reported_clock_offset` is a test hook for the client's diagnostics (serve
// --clock-offset-seconds): it shifts only the server_time that /api/v1/info reports, never a
// time the service checks or stores.
void mount_api(Router& router, RenewalService& service, std::string public_base_url,
               std::chrono::seconds reported_clock_offset = std::chrono::seconds{0});

}  // namespace certrenew::server
