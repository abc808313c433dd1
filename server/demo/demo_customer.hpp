#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

#include "ca/authority.hpp"
#include "certrenew/core/token/token_types.hpp"
#include "certrenew/softtoken/store.hpp"

namespace certrenew::server {

// The demo's customer, made by the certrenew-demo tool (certrenew-server links no token code): a
// software token holding a customer's key and a certificate from the instance's CA that expires
// in 20 days, so a renewal can start at once.
struct DemoCustomer {
  std::filesystem::path tokens_root;  // softtoken driver config: {"root": tokens_root}
  std::string token_serial;
  std::string subject;
};

// How a customer's token is enrolled: what the CA's enrollment desk would have left on it.
struct CustomerEnrollment {
  std::string token_label = "CertRenew 演示令牌";
  token::KeyType key_type = token::KeyType::ec_p256;
  unsigned key_bits = 0;  // RSA only; 0: the driver's default
  // The certificate's validity; unset: from 345 days ago to 20 days from now.
  std::optional<std::chrono::system_clock::time_point> not_before;
  std::optional<std::chrono::system_clock::time_point> not_after;
  softtoken::KdfCost pin_cost = softtoken::KdfCost::standard;  // `fast` only for tests
  // The softtoken driver library; empty: found on the plugin search path (beside the executable).
  std::filesystem::path driver_file;
};

// Creates a softtoken in a new folder under `tokens_root` with `pin`, generates the key ON the
// token through the softtoken driver (loaded as the client loads it), has `ca` issue the
// certificate and writes it next to the key. The private key never exists outside the token.
DemoCustomer enroll_softtoken_customer(const std::filesystem::path& tokens_root,
                                       const CertificateAuthority& ca, const std::string& pin,
                                       const CustomerEnrollment& enrollment = {});

// The demo's customer: enroll_softtoken_customer() under `dir`/demo/softtokens with defaults
// (`dir`: a demo instance's folder).
DemoCustomer create_demo_customer(const std::filesystem::path& dir, const CertificateAuthority& ca,
                                  const std::string& pin);

}  // namespace certrenew::server
