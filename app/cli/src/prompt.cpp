#include "prompt.hpp"

#include <iostream>

#include "certrenew/core/pin_input.hpp"

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

std::string ask(const Output& out, std::string_view en, std::string_view zh,
                const std::string& current) {
  if (!stdin_is_terminal())
    throw UsageError("missing answer, and no terminal to ask: " + std::string(en),
                     "缺少输入，且没有终端可以询问：" + std::string(zh));
  std::cerr << out.tr(en, zh);
  if (!current.empty()) std::cerr << " [" << current << "]";
  std::cerr << out.tr(": ", "：") << std::flush;
  std::string answer;
  if (!std::getline(std::cin, answer)) throw UsageError("input ended", "输入已结束");
  return answer.empty() ? current : answer;
}

bool confirm(const Output& out, std::string_view en, std::string_view zh) {
  std::string a = ask(out, std::string(en) + " (y/N)", std::string(zh) + "（y/N）");
  return a == "y" || a == "Y" || a == "yes" || a == "是";
}

std::string pin_state_warning(const Output& out, const token::PinState& pin) {
  if (pin.locked) return out.tr("The token is locked.", "证书介质已锁定。");
  if (pin.final_try || (pin.retries_left && *pin.retries_left == 1))
    return out.tr("Warning: this is the FINAL try; a wrong PIN locks the token.",
                  "警告：这是最后一次尝试，密码错误将锁定证书介质。");
  if (pin.retries_left)
    return out.tr("Tries left: ", "剩余尝试次数：") + std::to_string(*pin.retries_left);
  if (pin.count_low)
    return out.tr("A wrong PIN was entered recently; tries left unknown.",
                  "最近输入过错误密码；剩余尝试次数未知。");
  return {};
}

SecureBuffer read_pin(const Output& out, const PinOptions& options, const token::TokenInfo& token) {
  try {
    if (!options.pin_file.empty()) return pin_from_file(options.pin_file);
    if (!options.pin_env.empty()) return pin_from_env(options.pin_env);
  } catch (const std::runtime_error& e) {
    throw UsageError(e.what(), std::string("无法读取密码：") + e.what());
  }
  if (token.pin_pad) {
    out.note("Enter the PIN on the token's own keypad when it asks.",
             "请在证书介质自带的键盘上输入密码。");
    return SecureBuffer();
  }
  std::string warning = pin_state_warning(out, token.pin);
  if (!warning.empty()) out.note(warning, warning);
  auto typed = pin_from_terminal(out.tr("PIN of token ", "证书介质 ") + token.label + " (" +
                                 token.id + ")" + out.tr(" (not shown): ", " 的密码（不显示）："));
  if (!typed)
    throw UsageError("no PIN: use --pin-file FILE or --pin-env VARIABLE when there is no terminal",
                     "未提供密码：没有终端时请使用 --pin-file 文件 或 --pin-env 环境变量");
  return std::move(*typed);
}

}  // namespace certrenew::cli
