#pragma once
// What the console's browser tests share: a walk script (Python, console_browser.py's helpers)
// run in headless Chromium that trusts exactly the instance's TLS key.

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "run_program.hpp"
#include "server_process.hpp"

namespace certrenew::testing {

// Runs `script` with `world` (operators, applications, …) plus what console_browser.py needs:
// the console's URL, the SPKI pin of the instance's TLS certificate and where screenshots go
// (CERTRENEW_SCREENSHOTS_DIR). Shows the script's output; CHECKs that every step passed.
inline void run_console_walk(const ServerProcess& s, nlohmann::json world, const char* script) {
  std::string spki;
  REQUIRE(run_program({"/bin/sh", "-c",
                       "openssl x509 -in '" + (s.dir() / "tls" / "server.crt").string() +
                           "' -pubkey -noout | openssl pkey -pubin -outform der | "
                           "openssl dgst -sha256 -binary | base64"},
                      &spki) == 0);
  while (!spki.empty() && (spki.back() == '\n' || spki.back() == '\r')) spki.pop_back();
  const char* shots = std::getenv("CERTRENEW_SCREENSHOTS_DIR");
  world["url"] = s.base_url() + "/console/";
  world["spki"] = spki;
  world["screenshots"] = shots ? shots : "";
  const std::filesystem::path world_file = s.dir() / "world.json";
  std::ofstream(world_file) << world.dump(2);

  std::string out;
  const int rc = run_program({"/usr/bin/python3", script, world_file.string()}, &out);
  MESSAGE(out);
  CHECK(rc == 0);
}

}  // namespace certrenew::testing
