#pragma once

#include <filesystem>
#include <string>

#include "ca/authority.hpp"

namespace certrenew::server {

// What `init --demo` made for the newcomer: a software token holding a customer's key and a
// certificate from the instance's CA that expires in 20 days, so a renewal can start at once.
struct DemoCustomer {
  std::filesystem::path tokens_root;  // softtoken driver config: {"root": tokens_root}
  std::string token_serial;
  std::string subject;
};

// Creates the token under `dir`/demo/softtokens with `pin`, generates an EC P-256 key ON the
// token through the softtoken driver (found beside the executable, as the client finds it), has
// `ca` issue the certificate and writes it next to the key. The private key never exists outside
// the token.
DemoCustomer create_demo_customer(const std::filesystem::path& dir, const CertificateAuthority& ca,
                                  const std::string& pin);

}  // namespace certrenew::server
