// Key recovery (issue 21) from the console in a real browser: a real certrenew-server with an SM2
// CA and its KMC, a dual-certificate renewal that escrowed a key, the holder's new application
// from a blank token, and headless Chromium driven by console_key_recovery_walk.py (a reviewer
// is not offered the action and is refused; a change without the CSRF token is refused; the admin
// recovers the key and the page shows it delivered and audited). Screenshots with
// CERTRENEW_SCREENSHOTS_DIR.
#include <doctest/doctest.h>

#include "console_client.hpp"
#include "console_walk_runner.hpp"
#include "dual_holder.hpp"

using namespace certrenew;
using namespace certrenew::testing;

TEST_CASE("key recovery in the console, in headless Chromium: admins only, confirmed, audited") {
  ServerProcess s({.ca_key = "sm2"});
  add_operator(s, "rita", "reviewer");
  add_operator(s, "adam", "admin");

  const LostToken lost = lost_token(s);  // a dual renewal, then an application from a new token
  const Submitted& second = lost.second;
  const std::string& serial = lost.escrowed_serial;

  run_console_walk(s,
                   {{"reviewer", {{"name", "rita"}, {"password", "long enough pw"}}},
                    {"admin", {{"name", "adam"}, {"password", "long enough pw"}}},
                    {"app", second.business_no},
                    {"serial", serial}},
                   CERTRENEW_KEY_RECOVERY_WALK);

  // What the browser did reached the service: the new token's download carries the key.
  REQUIRE(s.admin_action(second.business_no, "approve").status == 200);
  const auto delivered = dual_part(download_answer(s, second));
  REQUIRE(delivered.recovered.size() == 1);
  CHECK(delivered.recovered[0].certificate.serial_hex == serial);
  CHECK(open_envelope(delivered.recovered[0].envelope, lost.fresh.new_key.get()) != nullptr);
}
