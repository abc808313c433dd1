#include "prompt.hpp"

#include <iostream>
#include <tuple>

#include "certrenew/core/pin_input.hpp"
#include "cli_text.hpp"

#if defined(_WIN32)
#include <io.h>
#else
#include <unistd.h>
#endif

namespace certrenew::cli {

bool stdin_is_terminal() {
#if defined(_WIN32)
  return _isatty(_fileno(stdin)) != 0;
#else
  return isatty(STDIN_FILENO) == 1;
#endif
}

std::string ask(const Output& out, const Text& question, const std::string& current) {
  if (!stdin_is_terminal())
    throw UsageError(
        client::format_text_in_words(cli_messages().at("prompt.no_terminal"),
                                     [&](Language l) { return std::tuple(question.in(l)); }));
  std::cerr << out.tr(question);
  if (!current.empty()) std::cerr << " [" << current << "]";
  std::cerr << out.tr(cli_text("prompt.answer_end")) << std::flush;
  std::string answer;
  if (!std::getline(std::cin, answer)) throw UsageError(cli_text("prompt.input_ended"));
  return answer.empty() ? current : answer;
}

bool confirm(const Output& out, const Text& question) {
  const std::string a = ask(
      out, client::format_text_in_words(cli_messages().at("prompt.yes_no"),
                                        [&](Language l) { return std::tuple(question.in(l)); }));
  // "y" or "yes" in English, or the Chinese yes of the catalogue's prompt.yes_word.
  return a == "y" || a == "Y" || a == "yes" ||
         a == cli_messages().in("prompt.yes_word", Language::zh_CN);
}

std::string pin_state_warning(const Output& out, const token::PinState& pin) {
  if (pin.locked) return out.tr(cli_text("pin.locked"));
  if (pin.final_try || (pin.retries_left && *pin.retries_left == 1))
    return out.tr(cli_text("pin.final_try"));
  if (pin.retries_left) return out.tr(cli_text("pin.tries_left", *pin.retries_left));
  if (pin.count_low) return out.tr(cli_text("pin.count_low"));
  return {};
}

SecureBuffer read_pin(const Output& out, const PinOptions& options, const token::TokenInfo& token) {
  try {
    if (!options.pin_file.empty()) return pin_from_file(options.pin_file);
    if (!options.pin_env.empty()) return pin_from_env(options.pin_env);
  } catch (const std::runtime_error& e) {
    throw UsageError(cli_text("pin.unreadable", e.what()));
  }
  if (token.pin_pad) {
    out.note(cli_text("pin.on_pad"));
    return SecureBuffer();
  }
  std::string warning = pin_state_warning(out, token.pin);
  if (!warning.empty()) out.note(warning, warning);
  auto typed = pin_from_terminal(out.tr(cli_text("pin.prompt", token.label, token.id)));
  if (!typed) throw UsageError(cli_text("pin.none"));
  return std::move(*typed);
}

}  // namespace certrenew::cli
