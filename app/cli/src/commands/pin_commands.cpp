// `pin change` and `pin unblock`: the token's PIN care, for every driver that offers it
// (change_pin; unblock_pin with the administrator PIN: SKF_UnblockPIN, PKCS#11 C_InitPIN after
// an SO login). PINs come from --*-pin-file (a file, or /dev/fd/N for a descriptor), from
// --*-pin-env, or from the terminal without echo; never from the command line.
#include "certrenew/core/pin_input.hpp"
#include "certrenew/core/token/session.hpp"
#include "certrenew/core/token/token_error.hpp"

#include <algorithm>
#include "commands.hpp"

namespace certrenew::cli {
namespace {

struct PinCommandOptions {
  std::string token;   // --token ID; empty: the only token
  PinOptions current;  // the user PIN now (change) or the administrator PIN (unblock)
  PinOptions fresh;    // the new user PIN
};

client::TokenEntry chosen_token(CliEnvironment& env, const std::string& id) {
  if (!id.empty()) {
    auto found = env.inventory().find_token(id);
    if (!found)
      throw UsageError("no token with id " + id + " is plugged in (see: certrenew-cli tokens)",
                       "未找到证书介质 " + id + "（请运行 certrenew-cli tokens 查看）");
    return *found;
  }
  auto tokens = env.inventory().tokens();
  if (tokens.size() == 1) return tokens.front();
  if (tokens.empty()) throw UsageError("no token is plugged in", "未插入证书介质");
  throw UsageError("several tokens are plugged in: choose one with --token ID",
                   "插入了多个证书介质：请用 --token 指定");
}

// A PIN from a file or variable, or asked on the terminal without echo; `twice` asks again to
// confirm a new PIN.
SecureBuffer secret(const Output& out, const PinOptions& from, const std::string& en,
                    const std::string& zh, bool twice) {
  try {
    if (!from.pin_file.empty()) return pin_from_file(from.pin_file);
    if (!from.pin_env.empty()) return pin_from_env(from.pin_env);
  } catch (const std::runtime_error& e) {
    throw UsageError(e.what(), std::string("无法读取密码：") + e.what());
  }
  auto typed = pin_from_terminal(out.tr(en, zh) + out.tr(" (not shown): ", "（不显示）："));
  if (!typed)
    throw UsageError("no terminal to ask for the " + en +
                         ": use the --*-pin-file or --*-pin-env "
                         "options",
                     "没有终端可以询问" + zh + "：请使用 --*-pin-file 或 --*-pin-env 选项");
  if (twice) {
    auto again = pin_from_terminal(out.tr("Again, to confirm: ", "再输入一次以确认："));
    if (!again || again->bytes().size() != typed->bytes().size() ||
        !std::equal(again->bytes().begin(), again->bytes().end(), typed->bytes().begin()))
      throw UsageError("the two new PINs differ; nothing was changed",
                       "两次输入的新密码不一致；未做任何修改");
  }
  return std::move(*typed);
}

// A failed PIN operation: the sentence with the tries left, and the exit code scripts react to.
ExitCode pin_error(const Output& out, const token::TokenError& e, const char* which_en,
                   const char* which_zh) {
  const std::string tries =
      e.retries_left() ? " " + std::to_string(*e.retries_left()) : std::string();
  switch (e.code()) {
    case token::TokenErrc::pin_incorrect:
      out.error(std::string("The ") + which_en + " is incorrect." +
                    (e.retries_left() ? " Tries left:" + tries + "." : ""),
                std::string(which_zh) + "错误。" +
                    (e.retries_left() ? "剩余尝试次数：" + tries + "。" : ""));
      return ExitCode::pin_incorrect;
    case token::TokenErrc::pin_locked:
      out.error(std::string("The ") + which_en + " is locked; nothing was tried. " + e.what(),
                std::string(which_zh) + "已锁定，未做尝试。");
      return ExitCode::pin_locked;
    case token::TokenErrc::pin_invalid:
      out.error(std::string("The token refused the PIN: ") + e.what(),
                std::string("证书介质拒绝了该密码（长度或字符不符合要求）：") + e.what());
      return ExitCode::usage;
    case token::TokenErrc::not_supported:
      out.error(std::string("This token's driver cannot do that: ") + e.what(),
                std::string("该证书介质的驱动不支持此操作：") + e.what());
      return ExitCode::token;
    default:
      out.error(e.what(), std::string("证书介质操作失败：") + e.what());
      return ExitCode::token;
  }
}

ExitCode change_pin(CliEnvironment& env, const PinCommandOptions& o) {
  const Output& out = env.out();
  const client::TokenEntry token = chosen_token(env, o.token);
  if (!token.info.can_change_pin)
    throw UsageError("token " + token.info.id + " cannot change its PIN through CertRenew",
                     "证书介质 " + token.info.id + " 不支持通过 CertRenew 修改密码");
  if (token.info.pin.locked)
    throw UsageError(
        "the PIN of token " + token.info.id +
            " is locked: unblock it first (certrenew-cli pin unblock)",
        "证书介质 " + token.info.id + " 的密码已锁定：请先解锁（certrenew-cli pin unblock）");
  const std::string warning = pin_state_warning(out, token.info.pin);
  if (!warning.empty()) out.note(warning, warning);
  SecureBuffer old_pin = secret(out, o.current, "current PIN", "当前密码", false);
  SecureBuffer new_pin = secret(out, o.fresh, "new PIN", "新密码", true);
  try {
    env.inventory().open_session(token.info.id).change_pin(old_pin, new_pin);
  } catch (const token::TokenError& e) {
    return pin_error(out, e, "current PIN", "当前密码");
  }
  out.line("The PIN of token " + token.info.id + " was changed.",
           "证书介质 " + token.info.id + " 的密码已修改。");
  out.document({{"token_id", token.info.id}, {"changed", true}});
  return ExitCode::ok;
}

ExitCode unblock_pin(CliEnvironment& env, const PinCommandOptions& o) {
  const Output& out = env.out();
  const client::TokenEntry token = chosen_token(env, o.token);
  if (!token.info.can_unblock_pin)
    throw UsageError(
        "the driver of token " + token.info.id + " cannot unblock PINs; use the issuer's tool",
        "证书介质 " + token.info.id + " 的驱动不支持解锁密码；请使用发证机构的工具");
  SecureBuffer admin_pin = secret(out, o.current, "administrator PIN", "管理员密码", false);
  SecureBuffer new_pin = secret(out, o.fresh, "new user PIN", "新的用户密码", true);
  try {
    env.inventory().open_session(token.info.id).unblock_pin(admin_pin, new_pin);
  } catch (const token::TokenError& e) {
    return pin_error(out, e, "administrator PIN", "管理员密码");
  }
  out.line("Token " + token.info.id + " has a new user PIN and all its tries again.",
           "证书介质 " + token.info.id + " 已设置新的用户密码，重试次数已恢复。");
  out.document({{"token_id", token.info.id}, {"unblocked", true}});
  return ExitCode::ok;
}

void pin_source_options(CLI::App* c, PinOptions& pin, const std::string& prefix,
                        const std::string& what) {
  c->add_option("--" + prefix + "pin-file", pin.pin_file,
                "read the " + what + " from the first line of this file (/dev/fd/N: a descriptor)");
  c->add_option("--" + prefix + "pin-env", pin.pin_env,
                "read the " + what + " from this environment variable");
}

}  // namespace

void add_pin_commands(CLI::App& app, const Select& select) {
  auto* pin = app.add_subcommand("pin", "Change or unblock a token's PIN");
  pin->require_subcommand(1);

  auto change_options = std::make_shared<PinCommandOptions>();
  auto* change = pin->add_subcommand("change", "Change the user PIN (修改密码)");
  change->add_option("--token", change_options->token, "the token's id (default: the only one)");
  pin_source_options(change, change_options->current, "", "current PIN");
  pin_source_options(change, change_options->fresh, "new-", "new PIN");
  change->callback([select, change_options] {
    select([change_options](CliEnvironment& env) { return change_pin(env, *change_options); });
  });

  auto unblock_options = std::make_shared<PinCommandOptions>();
  auto* unblock = pin->add_subcommand(
      "unblock", "Set a new user PIN with the administrator PIN, unblocking it (解锁密码)");
  unblock->add_option("--token", unblock_options->token, "the token's id (default: the only one)");
  pin_source_options(unblock, unblock_options->current, "admin-", "administrator PIN");
  pin_source_options(unblock, unblock_options->fresh, "new-", "new user PIN");
  unblock->callback([select, unblock_options] {
    select([unblock_options](CliEnvironment& env) { return unblock_pin(env, *unblock_options); });
  });
}

}  // namespace certrenew::cli
