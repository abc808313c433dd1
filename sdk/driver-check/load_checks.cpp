// Loading the library, opening a context, and the tokens it lists.
#include <cstring>
#include <string>
#include <vector>

#include "certrenew/core/token/token_error.hpp"
#include "checks.hpp"

namespace certrenew::driver_check {

namespace {

std::string join(const std::vector<std::string>& parts, const char* separator) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : separator) + p;
  return out;
}

std::string optional_functions(const crt_driver_v1& t) {
  std::vector<std::string> present;
  if (t.change_pin) present.push_back("change_pin");
  if (t.generate_key) present.push_back("generate_key");
  if (t.write_certificate) present.push_back("write_certificate");
  if (t.delete_object) present.push_back("delete_object");
  if (CRT_DRIVER_HAS(&t, unblock_pin)) present.push_back("unblock_pin");
  if (CRT_DRIVER_HAS(&t, import_enveloped_key)) present.push_back("import_enveloped_key");
  if (CRT_DRIVER_HAS(&t, write_certificate_for)) present.push_back("write_certificate_for");
  if (CRT_DRIVER_HAS(&t, open_sealed)) present.push_back("open_sealed");
  return present.empty() ? "none" : join(present, ", ");
}

bool nul_terminated(const char (&field)[CRT_TEXT_MAX]) {
  return std::memchr(field, '\0', sizeof field) != nullptr;
}

// Everything wrong with one token's info record; empty when it is sane.
std::vector<std::string> token_info_problems(const crt_token_info& info, const std::string& id) {
  std::vector<std::string> problems;
  const std::pair<const char*, const char(*)[CRT_TEXT_MAX]> fields[] = {
      {"id", &info.id},
      {"label", &info.label},
      {"manufacturer", &info.manufacturer},
      {"model", &info.model}};
  for (const auto& [name, field] : fields) {
    if (!nul_terminated(*field)) problems.push_back(std::string(name) + " is not NUL-terminated");
  }
  if (nul_terminated(info.id) && info.id[0] == '\0')
    problems.push_back("id is empty");
  else if (nul_terminated(info.id) && id != info.id)
    problems.push_back("id '" + std::string(info.id) + "' differs from the listed '" + id + "'");

  const std::int32_t left = info.pin_retries_left;
  const std::int32_t max = info.pin_retries_max;
  const bool locked = info.flags & CRT_TOKEN_PIN_LOCKED;
  const bool final_try = info.flags & CRT_TOKEN_PIN_FINAL_TRY;
  const bool count_low = info.flags & CRT_TOKEN_PIN_COUNT_LOW;
  if (left < CRT_RETRIES_UNKNOWN || max < CRT_RETRIES_UNKNOWN)
    problems.push_back("retry counts below -1");
  if (left >= 0 && max >= 0 && left > max)
    problems.push_back("retries left " + std::to_string(left) + " exceed the maximum " +
                       std::to_string(max));
  if (left >= 0) {
    if (locked != (left == 0))
      problems.push_back("LOCKED is " + std::string(locked ? "set" : "clear") + " with " +
                         std::to_string(left) + " tries left");
    if (final_try != (left == 1))
      problems.push_back("FINAL_TRY is " + std::string(final_try ? "set" : "clear") + " with " +
                         std::to_string(left) + " tries left");
    if (count_low && max >= 0 && left >= max)
      problems.push_back("COUNT_LOW is set with all tries left");
  }
  if (locked && final_try) problems.push_back("LOCKED and FINAL_TRY are both set");
  if (info.pin_min_len && info.pin_max_len && info.pin_min_len > info.pin_max_len)
    problems.push_back("pin_min_len exceeds pin_max_len");
  constexpr std::uint32_t known_flags =
      CRT_TOKEN_PIN_PAD | CRT_TOKEN_PIN_COUNT_LOW | CRT_TOKEN_PIN_FINAL_TRY | CRT_TOKEN_PIN_LOCKED |
      CRT_TOKEN_WRITE_PROTECTED | CRT_TOKEN_PIN_CHANGE | CRT_TOKEN_PIN_DEFAULT;
  if (info.flags & ~known_flags) problems.push_back("flags has bits version 1 does not define");
  for (std::uint32_t word : info.reserved) {
    if (word != 0) {
      problems.push_back("reserved words are not zero");
      break;
    }
  }
  return problems;
}

std::string retries_text(const token::PinState& pin) {
  if (!pin.retries_left) return "retries unknown";
  return std::to_string(*pin.retries_left) + " of " +
         (pin.retries_max ? std::to_string(*pin.retries_max) : std::string("?")) + " tries left";
}

}  // namespace

bool CheckRun::check_load() {
  auto result = host_.load_file(options_.plugin);
  if (const auto* rejected = std::get_if<token::Rejection>(&result)) {
    report_.fail("load", rejected->message + " [" + std::string(to_string(rejected->kind)) + "]");
    return false;
  }
  driver_ = std::get<token::Driver>(result);
  const crt_driver_v1& t = driver_->table();
  report_.fact("driver",
               driver_->name() + " " + driver_->version() + " (" + driver_->vendor() + ")");
  report_.pass("load", "ABI version " + std::to_string(t.abi_version) + ", table " +
                           std::to_string(t.struct_size) + " bytes (version 1 needs " +
                           std::to_string(CRT_DRIVER_V1_MIN_SIZE) +
                           "), required functions present; optional: " + optional_functions(t));
  return true;
}

bool CheckRun::check_open() {
  try {
    context_ = driver_->open(options_.config);
    report_.pass("open", "context opened with configuration " + options_.config);
    return true;
  } catch (const token::TokenError& e) {
    report_.fail("open", e.what());
    return false;
  }
}

bool CheckRun::check_tokens() {
  std::vector<token::TokenInfo> tokens;
  try {
    tokens = context_->tokens();
  } catch (const token::TokenError& e) {
    report_.fail("tokens", e.what());
    return false;
  }
  std::vector<std::string> ids;
  for (const auto& t : tokens) ids.push_back("'" + t.id + "'");
  if (tokens.empty()) {
    if (options_.token.empty()) {
      report_.skip("tokens", "the driver lists no token; connect or configure one");
      skip_rest("no token to check");
    } else {
      report_.fail("tokens", "token '" + options_.token + "' is not present; the list is empty");
    }
    return false;
  }
  for (const auto& t : tokens) {
    if (options_.token.empty() || t.id == options_.token) {
      token_ = t;
      break;
    }
  }
  if (!token_) {
    report_.fail("tokens",
                 "token '" + options_.token + "' is not present; listed: " + join(ids, ", "));
    return false;
  }
  report_.fact("token", token_->id + " \"" + token_->label + "\" (" + token_->manufacturer + ", " +
                            token_->model + ")");
  report_.pass("tokens", std::to_string(tokens.size()) + " listed: " + join(ids, ", ") +
                             "; checking '" + token_->id + "'");
  return true;
}

void CheckRun::check_token_info() {
  std::vector<std::string> problems;
  std::vector<std::string> listed;
  try {
    for (const auto& t : context_->tokens()) listed.push_back(t.id);
  } catch (const token::TokenError& e) {
    report_.fail("token-info", e.what());
    return;
  }
  context_->with_raw_context([&](const crt_driver_v1& table, crt_context* ctx) {
    for (const auto& id : listed) {
      crt_token_info info{};
      const crt_status status = table.get_token_info(ctx, id.c_str(), &info);
      if (status != CRT_OK) {
        problems.push_back("'" + id + "': get_token_info returned status " +
                           std::to_string(status));
        continue;
      }
      for (const auto& p : token_info_problems(info, id)) problems.push_back("'" + id + "': " + p);
    }
  });
  if (!problems.empty()) {
    report_.fail("token-info", join(problems, "; "));
    return;
  }
  std::string flags;
  if (token_->pin_pad) flags += ", PIN pad";
  if (token_->write_protected) flags += ", write-protected";
  if (token_->pin.locked)
    flags += ", LOCKED";
  else if (token_->pin.final_try)
    flags += ", FINAL_TRY";
  report_.pass("token-info", "text fields NUL-terminated, ids match, flags agree with retries (" +
                                 retries_text(token_->pin) + flags + ")");
}

}  // namespace certrenew::driver_check
