#pragma once

#include <httplib.h>

#include <string>

#include "http/sandbox_gateway.hpp"
#include "service/renewal_service.hpp"

namespace certrenew::server {

// Mounts the JSON API (/api/v1/...) and the sandbox gateway pages on a cpp-httplib server. Every
// route states who may call it: public (read-only service facts), applicant (capability token),
// gateway (signed notification), operator (operator token). See docs/protocol.md.
void mount_api(httplib::Server& server, RenewalService& service, SandboxGateway& gateway,
               std::string public_base_url);

}  // namespace certrenew::server
