// `pin change` and `pin unblock`: the token's PIN care, for every driver that offers it
// (change_pin; unblock_pin with the administrator PIN: SKF_UnblockPIN, PKCS#11 C_InitPIN after
// an SO login). PINs come from --*-pin-file (a file, or /dev/fd/N for a descriptor), from
// --*-pin-env, or from the terminal without echo; never from the command line.
#include "certrenew/core/pin_input.hpp"
#include "certrenew/core/token/session.hpp"
#include "certrenew/core/token/token_error.hpp"

#include <algorithm>
#include <tuple>

#include "cli_text.hpp"
#include "commands.hpp"

namespace certrenew::cli {
namespace {

struct PinCommandOptions {
  std::string token;   // --token ID; empty: the only token
  PinOptions current;  // the user PIN now (change) or the administrator PIN (unblock)
  PinOptions fresh;    // the new user PIN
};

// A catalogue text about a PIN: {0} is the PIN's name (a pin_command.name.* text) in each
// language, {1} the detail (the driver's message, the tries left).
Text about_pin(std::string_view id, const Text& pin_name, const std::string& detail = {}) {
  return client::format_text_in_words(cli_messages().at(id), [&](Language language) {
    return std::tuple(pin_name.in(language), detail);
  });
}

client::TokenEntry chosen_token(CliEnvironment& env, const std::string& id) {
  if (!id.empty()) {
    auto found = env.inventory().find_token(id);
    if (!found) throw UsageError(cli_text("pin_command.no_such_token", id));
    return *found;
  }
  auto tokens = env.inventory().tokens();
  if (tokens.size() == 1) return tokens.front();
  if (tokens.empty()) throw UsageError(cli_text("pin_command.no_token"));
  throw UsageError(cli_text("pin_command.several_tokens"));
}

// A PIN from a file or variable, or asked on the terminal without echo; `twice` asks again to
// confirm a new PIN.
SecureBuffer secret(const Output& out, const PinOptions& from, const Text& pin_name, bool twice) {
  try {
    if (!from.pin_file.empty()) return pin_from_file(from.pin_file);
    if (!from.pin_env.empty()) return pin_from_env(from.pin_env);
  } catch (const std::runtime_error& e) {
    throw UsageError(cli_text("pin.unreadable", e.what()));
  }
  auto typed = pin_from_terminal(out.tr(about_pin("pin_command.prompt", pin_name)));
  if (!typed) throw UsageError(about_pin("pin_command.no_terminal", pin_name));
  if (twice) {
    auto again = pin_from_terminal(out.tr(cli_text("pin_command.again")));
    if (!again || again->bytes().size() != typed->bytes().size() ||
        !std::equal(again->bytes().begin(), again->bytes().end(), typed->bytes().begin()))
      throw UsageError(cli_text("pin_command.new_pins_differ"));
  }
  return std::move(*typed);
}

// A failed PIN operation: the sentence with the tries left, and the exit code scripts react to.
ExitCode pin_error(const Output& out, const token::TokenError& e, const Text& pin_name) {
  switch (e.code()) {
    case token::TokenErrc::pin_incorrect:
      out.error(e.retries_left() ? about_pin("pin_command.incorrect_tries", pin_name,
                                             std::to_string(*e.retries_left()))
                                 : about_pin("pin_command.incorrect", pin_name));
      return ExitCode::pin_incorrect;
    case token::TokenErrc::pin_locked:
      out.error(about_pin("pin_command.locked", pin_name, e.what()));
      return ExitCode::pin_locked;
    case token::TokenErrc::pin_invalid:
      out.error(cli_text("pin_command.refused", e.what()));
      return ExitCode::usage;
    case token::TokenErrc::not_supported:
      out.error(cli_text("pin_command.not_supported", e.what()));
      return ExitCode::token;
    default:
      out.error(cli_text("pin_command.failed", e.what()));
      return ExitCode::token;
  }
}

// Runs `operation` on a session of the token. A token error is reported by pin_error, naming
// `pin_name`; success is said with `done_id` and documented as {"token_id", done_field: true}.
template <class Operation>
ExitCode pin_operation(CliEnvironment& env, const std::string& token_id, const Text& pin_name,
                       Operation operation, std::string_view done_id, const char* done_field) {
  const Output& out = env.out();
  try {
    token::Session session = env.inventory().open_session(token_id);
    operation(session);
  } catch (const token::TokenError& e) {
    return pin_error(out, e, pin_name);
  }
  out.line(cli_text(done_id, token_id));
  out.document({{"token_id", token_id}, {done_field, true}});
  return ExitCode::ok;
}

ExitCode change_pin(CliEnvironment& env, const PinCommandOptions& o) {
  const Output& out = env.out();
  const client::TokenEntry token = chosen_token(env, o.token);
  if (!token.info.can_change_pin)
    throw UsageError(cli_text("pin_command.cannot_change", token.info.id));
  if (token.info.pin.locked) throw UsageError(cli_text("pin_command.unblock_first", token.info.id));
  const std::string warning = pin_state_warning(out, token.info.pin);
  if (!warning.empty()) out.note(warning, warning);
  const Text current_pin = cli_text("pin_command.name.current");
  SecureBuffer old_pin = secret(out, o.current, current_pin, false);
  SecureBuffer new_pin = secret(out, o.fresh, cli_text("pin_command.name.new"), true);
  return pin_operation(
      env, token.info.id, current_pin,
      [&](token::Session& session) { session.change_pin(old_pin, new_pin); }, "pin_command.changed",
      "changed");
}

ExitCode unblock_pin(CliEnvironment& env, const PinCommandOptions& o) {
  const Output& out = env.out();
  const client::TokenEntry token = chosen_token(env, o.token);
  if (!token.info.can_unblock_pin)
    throw UsageError(cli_text("pin_command.cannot_unblock", token.info.id));
  const Text admin_pin_name = cli_text("pin_command.name.admin");
  SecureBuffer admin_pin = secret(out, o.current, admin_pin_name, false);
  SecureBuffer new_pin = secret(out, o.fresh, cli_text("pin_command.name.new_user"), true);
  return pin_operation(
      env, token.info.id, admin_pin_name,
      [&](token::Session& session) { session.unblock_pin(admin_pin, new_pin); },
      "pin_command.unblocked", "unblocked");
}

void pin_source_options(CLI::App* c, PinOptions& pin, const std::string& prefix,
                        const std::string& what) {
  c->add_option("--" + prefix + "pin-file", pin.pin_file,
                "read the " + what + " from the first line of this file (/dev/fd/N: a descriptor)");
  c->add_option("--" + prefix + "pin-env", pin.pin_env,
                "read the " + what + " from this environment variable");
}

using PinCommand = ExitCode (*)(CliEnvironment&, const PinCommandOptions&);

// `pin <name>`: --token, the PIN it needs now (--<current_prefix>pin-file/-env) and the new PIN
// (--new-pin-file/-env), run by `command`.
void add_pin_subcommand(CLI::App* pin, const Select& select, const std::string& name,
                        std::string_view help_id, const std::string& current_prefix,
                        const std::string& current_what, const std::string& fresh_what,
                        PinCommand command) {
  auto options = std::make_shared<PinCommandOptions>();
  auto* sub = pin->add_subcommand(name, cli_help(help_id));
  sub->add_option("--token", options->token, "the token's id (default: the only one)");
  pin_source_options(sub, options->current, current_prefix, current_what);
  pin_source_options(sub, options->fresh, "new-", fresh_what);
  sub->callback([select, options, command] {
    select([options, command](CliEnvironment& env) { return command(env, *options); });
  });
}

}  // namespace

void add_pin_commands(CLI::App& app, const Select& select) {
  auto* pin = app.add_subcommand("pin", cli_help("help.pin"));
  pin->require_subcommand(1);
  add_pin_subcommand(pin, select, "change", "help.pin_change", "", "current PIN", "new PIN",
                     change_pin);
  add_pin_subcommand(pin, select, "unblock", "help.pin_unblock", "admin-", "administrator PIN",
                     "new user PIN", unblock_pin);
}

}  // namespace certrenew::cli
