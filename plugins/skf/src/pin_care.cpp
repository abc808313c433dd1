#include "pin_care.hpp"

#include <algorithm>

#include "catalogues/skf_texts.hpp"
#include "sar_codes.hpp"

namespace certrenew::skf {

namespace {

// The PIN as the LPSTR the standard wants: NUL-terminated, in a wiped buffer. A PIN that is
// empty or holds a NUL byte cannot be passed and costs no try.
Secret pin_text(const std::uint8_t* pin, std::size_t len, const char* which) {
  if (len == 0 || std::find(pin, pin + len, 0) != pin + len)
    fail(CRT_ERR_PIN_INVALID, say(SkfText::pin_unusable, {which}));
  Secret text(len + 1);
  std::copy(pin, pin + len, text.data());
  text.data()[len] = 0;
  return text;
}

LPSTR as_lpstr(Secret& text) {
  return reinterpret_cast<LPSTR>(text.data());
}

std::string tries_sentence(ULONG left) {
  if (left == 0) return "; " + say(SkfText::pin_now_locked);
  return "; " +
         say(left == 1 ? SkfText::one_try_left : SkfText::tries_left, {std::to_string(left)});
}

// Refuses, without a try, a PIN that is locked already; returns the state before the try.
PinInfo before_try(DriverSession& s, ULONG type, kit::RetriesOut& retries, SkfText unlock) {
  const PinInfo info = pin_info(s.api(), s.app_handle(), type);
  retries.value = static_cast<std::int32_t>(info.left);
  if (info.left == 0)
    fail(CRT_ERR_PIN_LOCKED,
         say(SkfText::pin_locked_no_try, {skf_text(unlock).english, skf_text(unlock).chinese}));
  return info;
}

// Turns a failed PIN call into the ABI's PIN errors with what the key tells now.
[[noreturn]] void pin_failure(DriverSession& s, ULONG type, ULONG rv, const char* function,
                              kit::RetriesOut& retries) {
  if (rv != SAR_PIN_INCORRECT && rv != SAR_PIN_LOCKED) throw_sar(rv, function, "checking the PIN");
  ULONG left = 0;
  try {
    left = pin_info(s.api(), s.app_handle(), type).left;
  } catch (const DriverError&) {  // the PIN's error matters more than this one
  }
  retries.value = static_cast<std::int32_t>(left);
  // A try was spent (the PIN was not locked before it), so this is "incorrect" even when the
  // library says LOCKED for the try that locked it.
  fail(CRT_ERR_PIN_INCORRECT, say(SkfText::pin_incorrect) + tries_sentence(left) + " [" +
                                  describe_sar(function, rv) + "]");
}

// The answer of a call that sets a new PIN (change, unblock): a new PIN the key refuses is
// PIN_INVALID, a wrong current or administrator PIN (`type`) PIN_INCORRECT; on success the tries
// left for `type` are read back.
void settle_new_pin(DriverSession& s, ULONG type, ULONG rv, const char* function,
                    kit::RetriesOut& retries) {
  if (rv == SAR_PIN_LEN_RANGE || rv == SAR_PIN_INVALID)
    fail(CRT_ERR_PIN_INVALID, say(SkfText::new_pin_refused) + ": " + describe_sar(function, rv));
  if (rv != SAR_OK) pin_failure(s, type, rv, function, retries);
  retries.value = static_cast<std::int32_t>(pin_info(s.api(), s.app_handle(), type).left);
}

constexpr SkfText kUnblockHint = SkfText::unblock_hint;

// A call that sets a new PIN on the word of another (changing the user PIN: the current one;
// unblocking it: the administrator PIN), whose tries it spends.
struct NewPinCall {
  const char* function;
  bool available;           // the library exports `function`
  SkfText not_available;    // what to say when it does not
  const char* authorising;  // which PIN authorises the new one, for "... is unusable"
  ULONG type;               // USER_TYPE or ADMIN_TYPE: whose tries it spends
  SkfText locked_hint;      // what to do when that PIN is locked
};

template <typename Call>
void set_new_pin(DriverSession& s, const NewPinCall& call, const Secret& authorising_pin,
                 const Secret& new_pin, kit::RetriesOut& retries, Call&& skf_call) {
  s.check_present();
  if (!call.available) fail(CRT_ERR_NOT_SUPPORTED, say(call.not_available));
  Secret authorising_text =
      pin_text(authorising_pin.data(), authorising_pin.size(), call.authorising);
  Secret new_text = pin_text(new_pin.data(), new_pin.size(), "the new PIN");
  before_try(s, call.type, retries, call.locked_hint);
  ULONG count = 0;
  const ULONG rv = skf_call(as_lpstr(authorising_text), as_lpstr(new_text), &count);
  settle_new_pin(s, call.type, rv, call.function, retries);
}

}  // namespace

void verify_user_pin(DriverSession& s, const std::uint8_t* pin, std::size_t len,
                     kit::RetriesOut& retries) {
  s.check_present();
  if (pin == nullptr) fail(CRT_ERR_PIN_INVALID, say(SkfText::pin_typed_needed));
  before_try(s, USER_TYPE, retries, kUnblockHint);
  Secret text = pin_text(pin, len, "the PIN");
  s.end_login();  // a second login checks the PIN afresh
  ULONG count = 0;
  const ULONG rv = s.api().SKF_VerifyPIN(s.app_handle(), USER_TYPE, as_lpstr(text), &count);
  if (rv != SAR_OK) pin_failure(s, USER_TYPE, rv, "SKF_VerifyPIN", retries);
  s.logged_in = true;
  retries.value = static_cast<std::int32_t>(pin_info(s.api(), s.app_handle(), USER_TYPE).left);
}

void change_user_pin(DriverSession& s, const Secret& old_pin, const Secret& new_pin,
                     kit::RetriesOut& retries) {
  const SkfFunctions& api = s.api();
  const auto change = [&](LPSTR old_text, LPSTR new_text, ULONG* count) {
    return api.SKF_ChangePIN(s.app_handle(), USER_TYPE, old_text, new_text, count);
  };
  set_new_pin(s,
              {"SKF_ChangePIN", api.SKF_ChangePIN != nullptr, SkfText::no_change_pin,
               "the current PIN", USER_TYPE, kUnblockHint},
              old_pin, new_pin, retries, change);
}

void unblock_user_pin(DriverSession& s, const Secret& admin_pin, const Secret& new_pin,
                      kit::RetriesOut& retries) {
  const SkfFunctions& api = s.api();
  const auto unblock = [&](LPSTR admin_text, LPSTR new_text, ULONG* count) {
    return api.SKF_UnblockPIN(s.app_handle(), admin_text, new_text, count);
  };
  set_new_pin(s,
              {"SKF_UnblockPIN", api.SKF_UnblockPIN != nullptr, SkfText::no_unblock_pin,
               "the administrator PIN", ADMIN_TYPE, SkfText::admin_locked_hint},
              admin_pin, new_pin, retries, unblock);
}

}  // namespace certrenew::skf
