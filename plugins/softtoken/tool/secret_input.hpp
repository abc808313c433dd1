#pragma once

// Where the tool gets a secret (token PIN, PKCS#12 password): a file, an environment variable,
// or the terminal without echo. Never the command line, which other users can read.

#include "secret.hpp"

#include <string>

namespace certrenew::softtoken::tool {

struct SecretSource {
  std::string file;      // read the whole file, one trailing newline dropped
  std::string env_name;  // read this environment variable
};

// `prompt` is shown on the terminal when neither file nor variable is given; with `confirm` the
// secret is asked twice and must match. Throws std::runtime_error with a clear message.
Secret read_secret(const SecretSource& source, const std::string& prompt, bool confirm);

}  // namespace certrenew::softtoken::tool
