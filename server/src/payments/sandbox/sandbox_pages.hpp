#pragma once
// TEST DOUBLE: the sandbox gateway's pages, what the payer sees behind the pay URL / QR code.
// Mounted only in demo instances (see sandbox_gateway.hpp).

#include "http/router.hpp"
#include "payments/sandbox/sandbox_gateway.hpp"

namespace certrenew::server {

void mount_sandbox_pages(Router& router, SandboxGateway& gateway);

}  // namespace certrenew::server
