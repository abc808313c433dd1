#pragma once
// Serves the built-in CA's CRL (DER, application/pkix-crl) at the path named in its certificates'
// CRL distribution point, on the HTTPS API and on the optional plain-HTTP CRL listener.

#include "http/router.hpp"

#include "service/crl_publisher.hpp"

namespace certrenew::server {

void mount_crl(Router& router, CrlPublisher& publisher, const std::string& path);

}  // namespace certrenew::server
