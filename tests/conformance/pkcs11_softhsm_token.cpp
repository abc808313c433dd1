// certrenew-test-softhsm-token: makes a SoftHSM2 token for the PKCS#11 conformance scripts, which
// cannot type PINs into softhsm2-util themselves (it reads them from a terminal only).
//   certrenew-test-softhsm-token DIR LABEL
// Creates DIR/softhsm2.conf and DIR/tokens with one token, protected by the PINs in
// $CERTRENEW_TEST_PIN and $CERTRENEW_TEST_SO_PIN (test PINs, never on a command line), and prints
// the token's serial. DIR is left in place for the script to use and remove.
#include <cstdlib>
#include <exception>
#include <iostream>

#include "softhsm_fixture.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: certrenew-test-softhsm-token DIR LABEL\n";
    return 2;
  }
  const char* pin = std::getenv("CERTRENEW_TEST_PIN");
  const char* so_pin = std::getenv("CERTRENEW_TEST_SO_PIN");
  if (pin == nullptr || so_pin == nullptr) {
    std::cerr << "certrenew-test-softhsm-token: set CERTRENEW_TEST_PIN and CERTRENEW_TEST_SO_PIN\n";
    return 2;
  }
  try {
    certrenew::testing::SoftHsmToken::Options options;
    options.dir = argv[1];
    options.label = argv[2];
    options.pin = pin;
    options.so_pin = so_pin;
    options.set_process_env = false;
    const certrenew::testing::SoftHsmToken token(options);
    std::cout << token.serial() << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "certrenew-test-softhsm-token: " << e.what() << "\n";
    return 1;
  }
}
