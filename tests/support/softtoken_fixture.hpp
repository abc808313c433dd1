#pragma once
// A software token in a folder, reached the way the product reaches every token: the built
// softtoken driver library loaded by token::PluginHost, a context opened on the folder, a session.
// Shared by the integration tests and the benchmarks (link `certrenew-test-softtoken`); the
// softtoken unit tests call the driver table directly instead.

#include <filesystem>
#include <string>

#include "certrenew/core/secure_buffer.hpp"
#include "certrenew/core/token/driver.hpp"
#include "certrenew/core/token/session.hpp"
#include "certrenew/core/token/token_context.hpp"

namespace certrenew::testing {

// bin/plugins/libcertrenew-softtoken.so of this build tree.
std::filesystem::path softtoken_driver_file();

// The loaded driver, a context on `root` and a session on the one token created there. Members
// are handles: the session keeps the context and the library alive on its own.
struct SoftToken {
  token::Driver driver;
  token::TokenContext context;
  token::Session session;
  std::string serial;
};

// Creates a token (fast KDF: tests only) protected by `pin` in `root`/token and opens a session
// on it through the plugin host. The session is not logged in. Throws when any step fails.
SoftToken open_softtoken(const std::filesystem::path& root, const SecureBuffer& pin);

}  // namespace certrenew::testing
