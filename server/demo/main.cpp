// certrenew-demo: the demo's customer side, kept out of the production server.
//   certrenew-demo enroll --instance DIR [--key ec|rsa|sm2]
// makes a software token under DIR/demo/softtokens holding a key generated on the token and a
// certificate from the instance's CA that expires in 20 days. The PIN comes from
// CERTRENEW_DEMO_PIN (default 123456), never from the command line. Refuses an instance whose
// config is not marked "demo": true.
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <iostream>

#include "certrenew/core/version.hpp"
#include "demo_customer.hpp"
#include "service/config.hpp"

using namespace certrenew::server;

int main(int argc, char** argv) {
  CLI::App app{"certrenew-demo: the demo customer's token for a demo certrenew-server instance"};
  app.set_version_flag("--version", std::string(certrenew::version()));
  app.require_subcommand(1);
  std::filesystem::path instance;
  std::string key = "ec";
  auto* enroll = app.add_subcommand("enroll", "make the demo customer's software token");
  enroll->add_option("--instance", instance, "the demo instance's folder (init --demo)")
      ->required()
      ->check(CLI::ExistingDirectory);
  enroll->add_option("--key", key, "the customer's key type")
      ->check(CLI::IsMember({"ec", "rsa", "sm2"}));
  CLI11_PARSE(app, argc, argv);
  try {
    ServerConfig config = ServerConfig::load(instance / "config.json");
    if (!config.demo)
      throw std::runtime_error(instance.string() +
                               " is not a demo instance (\"demo\": true); no demo customer made");
    auto ca = CertificateAuthority::load(config.ca_certificate, config.ca_private_key);
    ca.set_crl_distribution_point(config.crl.url);
    const char* pin = std::getenv("CERTRENEW_DEMO_PIN");
    CustomerEnrollment enrollment;
    enrollment.key_type = key == "rsa"   ? certrenew::token::KeyType::rsa
                          : key == "sm2" ? certrenew::token::KeyType::sm2
                                         : certrenew::token::KeyType::ec_p256;
    DemoCustomer c = enroll_softtoken_customer(instance / "demo" / "softtokens", ca,
                                               pin && *pin ? pin : "123456", enrollment);
    std::cout << "demo customer: softtoken " << c.token_serial << " under "
              << c.tokens_root.string() << " (driver config {\"root\": \"" << c.tokens_root.string()
              << "\"}), certificate expires in 20 days, PIN "
              << (pin && *pin ? "from CERTRENEW_DEMO_PIN" : "123456") << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "certrenew-demo: " << e.what() << "\n";
    return 1;
  }
}
