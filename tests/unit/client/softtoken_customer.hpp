#pragma once
// The customer of the in-process flow tests: a softtoken under `tokens` (fast PIN hashing) with
// a certificate from `service`'s CA, and the client configuration that finds it and reaches the
// service through `api`. Needs CERTRENEW_SOFTTOKEN_DRIVER (the plugin's file) from the build.
#include <filesystem>
#include <string>

#include "certrenew/client/store/client_config.hpp"
#include "demo_customer.hpp"
#include "in_process_service.hpp"

namespace certrenew::test {

inline client::ClientConfig softtoken_customer(const std::filesystem::path& tokens,
                                               server::RenewalService& service,
                                               const testing::InProcessService& api,
                                               const std::string& pin) {
  server::CustomerEnrollment enrollment;
  enrollment.pin_cost = softtoken::KdfCost::fast;
  enrollment.driver_file = CERTRENEW_SOFTTOKEN_DRIVER;
  server::enroll_softtoken_customer(tokens, service.authority(), pin, enrollment);
  client::ClientConfig config;
  config.service_url = api.base_url();
  config.plugin_dirs = {std::filesystem::path(CERTRENEW_SOFTTOKEN_DRIVER).parent_path()};
  config.drivers["softtoken"] = {{"root", tokens.string()}};
  return config;
}

}  // namespace certrenew::test
