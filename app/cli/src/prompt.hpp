#pragma once
// Questions on the terminal, for the interactive `renew` and for answers a step command was not
// given. Without a terminal nothing is asked: the command fails with a usage error instead of
// hanging a script.

#include <optional>
#include <stdexcept>
#include <string>

#include "certrenew/core/secure_buffer.hpp"
#include "certrenew/core/token/token_types.hpp"
#include "output.hpp"

namespace certrenew::cli {

// A missing answer that could not be asked for (no terminal): exit code `usage`.
class UsageError : public std::runtime_error {
 public:
  UsageError(std::string en, std::string zh) : std::runtime_error(en), zh_(std::move(zh)) {}
  explicit UsageError(const Text& message) : UsageError(message.en, message.zh) {}
  const std::string& zh() const { return zh_; }

 private:
  std::string zh_;
};

struct PinOptions {
  std::string pin_file;  // --pin-file
  std::string pin_env;   // --pin-env VARIABLE
};

bool stdin_is_terminal();

// Asks one line; `current` is shown and kept when the answer is empty.
std::string ask(const Output& out, const Text& question, const std::string& current = {});
// y/n, default no.
bool confirm(const Output& out, const Text& question);

// The PIN from --pin-file, --pin-env or the terminal (no echo), never from argv. Tells the user
// the token's PIN state first (retries left, final try) when it asks on the terminal.
SecureBuffer read_pin(const Output& out, const PinOptions& options, const token::TokenInfo& token);

// A warning line about the token's PIN state, empty when there is nothing to warn about.
std::string pin_state_warning(const Output& out, const token::PinState& pin);

}  // namespace certrenew::cli
