#pragma once
// What /readyz answers while one thing the instance needs fails (the database, the CA key): 503,
// "not_ready", that check false and the other true, and the reason that names it.

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "server_process.hpp"

namespace certrenew::testing {

// `ready` by value: reading a missing member of the body must not assert.
inline void check_not_ready(ServerProcess::Reply ready, const char* failing, const char* working,
                            const char* reason) {
  CAPTURE(failing);
  CHECK(ready.status == 503);
  CHECK(ready.body["status"] == "not_ready");
  CHECK(ready.body["checks"][failing] == false);
  CHECK(ready.body["checks"][working] == true);
  CHECK(ready.body["reasons"] == nlohmann::json::array({reason}));
}

}  // namespace certrenew::testing
