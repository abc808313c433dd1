// Session, PIN handling, and reading what the token holds.
#include <cctype>
#include <string>
#include <vector>

#include "certrenew/core/token/token_error.hpp"
#include "checks.hpp"
#include "openssl_support.hpp"

namespace certrenew::driver_check {

namespace {

constexpr const char* kNoPin =
    "no PIN given (use --pin-file or --pin-env, or run on a terminal to be asked)";

// The right PIN with its last character changed: same length and character class, so the token
// counts it as a wrong PIN rather than refusing it as malformed.
SecureBuffer wrong_pin_like(const SecureBuffer& right) {
  SecureBuffer wrong;
  const std::string_view text = right.view();
  for (std::size_t i = 0; i + 1 < text.size(); ++i) wrong.push_back(text[i]);
  const unsigned char last = static_cast<unsigned char>(text.back());
  char changed = 'x';
  if (std::isdigit(last))
    changed = static_cast<char>('0' + (last - '0' + 1) % 10);
  else if (std::islower(last))
    changed = static_cast<char>('a' + (last - 'a' + 1) % 26);
  else if (std::isupper(last))
    changed = static_cast<char>('A' + (last - 'A' + 1) % 26);
  else if (last == 'x')
    changed = 'y';
  wrong.push_back(changed);
  return wrong;
}

std::string tries(const token::PinState& pin) {
  return pin.retries_left ? std::to_string(*pin.retries_left) : std::string("unknown");
}

}  // namespace

bool CheckRun::open_session() {
  try {
    session_ = context_->open_session(token_->id);
    report_.pass("session", "opened on '" + token_->id + "'");
    return true;
  } catch (const token::TokenError& e) {
    report_.fail("session", e.what());
    return false;
  }
}

std::optional<token::PinState> CheckRun::pin_state(const std::string& check) {
  try {
    return context_->token_info(token_->id).pin;
  } catch (const token::TokenError& e) {
    report_.fail(check, e.what());
    return std::nullopt;
  }
}

void CheckRun::check_wrong_pin() {
  const std::string name = "wrong-pin";
  if (!options_.test_wrong_pin) {
    report_.skip(name, "costs one PIN try; enable with --test-wrong-pin");
    return;
  }
  if (token_->pin_pad) {
    report_.skip(name, "the token has a PIN pad; the PIN is typed on the device");
    return;
  }
  const SecureBuffer* right = pin();
  if (right == nullptr) {
    report_.skip(name, std::string(kNoPin) + "; the right PIN is needed to reset the counter");
    return;
  }
  const std::optional<token::PinState> read_before = pin_state(name);
  if (!read_before) return;
  const token::PinState& before = *read_before;
  if (before.locked) {
    report_.skip(name, "the PIN is locked already");
    return;
  }
  if ((before.retries_left && *before.retries_left <= 1) || before.final_try) {
    report_.skip(name, "only one try is left; a wrong PIN would lock the token");
    return;
  }

  try {
    session_->login(wrong_pin_like(*right));
    report_.fail(name, "the driver accepted a wrong PIN");
    session_->logout();
    return;
  } catch (const token::TokenError& e) {
    if (e.code() != token::TokenErrc::pin_incorrect) {
      report_.fail(name, std::string("expected CRT_ERR_PIN_INCORRECT: ") + e.what());
      return;
    }
    std::vector<std::string> problems;
    const std::optional<token::PinState> read_after = pin_state(name);
    if (!read_after) return;
    const token::PinState& after = *read_after;
    if (before.retries_left) {
      const int expected = *before.retries_left - 1;
      if (e.retries_left() != expected)
        problems.push_back("login reported " +
                           (e.retries_left() ? std::to_string(*e.retries_left()) : "no count") +
                           " tries left, expected " + std::to_string(expected));
      if (after.retries_left != expected)
        problems.push_back("token info shows " + tries(after) + " tries left, expected " +
                           std::to_string(expected));
      if (expected == 1 && !after.final_try) problems.push_back("FINAL_TRY is not set");
    }
    if (!after.count_low) problems.push_back("COUNT_LOW is not set after a wrong PIN");
    if (!problems.empty()) {
      std::string text;
      for (const auto& p : problems) text += (text.empty() ? "" : "; ") + p;
      report_.fail(name, text);
      return;
    }
    report_.pass(name, "refused with CRT_ERR_PIN_INCORRECT; tries left " + tries(before) + " -> " +
                           tries(after) + ", COUNT_LOW set");
  }
}

void CheckRun::check_login() {
  const std::string name = "login";
  const SecureBuffer* given = options_.pin ? &*options_.pin : nullptr;
  const SecureBuffer empty;
  // With a PIN pad and no PIN given, the device asks for it.
  const SecureBuffer* p = given ? given : token_->pin_pad ? &empty : pin();
  if (p == nullptr) {
    report_.skip(name, kNoPin);
    return;
  }
  try {
    if (context_->token_info(token_->id).pin.locked) {
      report_.fail(name, "the PIN is locked; unblock the token first");
      return;
    }
    session_->login(*p);
    logged_in_ = true;
    const token::PinState after = context_->token_info(token_->id).pin;
    std::vector<std::string> problems;
    if (after.retries_max && after.retries_left != after.retries_max)
      problems.push_back("after a good PIN the counter shows " + tries(after) + " of " +
                         std::to_string(*after.retries_max) + " tries");
    if (after.count_low) problems.push_back("COUNT_LOW is still set after a good PIN");
    if (after.final_try || after.locked) problems.push_back("FINAL_TRY/LOCKED still set");
    if (!problems.empty()) {
      std::string text;
      for (const auto& q : problems) text += (text.empty() ? "" : "; ") + q;
      report_.fail(name, "logged in, but " + text);
      return;
    }
    report_.pass(name, "logged in; tries left: " + tries(after) + ", COUNT_LOW clear");
  } catch (const token::TokenError& e) {
    report_.fail(name, e.what());
  }
}

void CheckRun::check_objects() {
  const std::string name = "objects";
  std::vector<token::TokenObject> objects;
  try {
    objects = session_->objects();
  } catch (const token::TokenError& e) {
    report_.fail(name, e.what());
    return;
  }
  std::vector<std::string> problems;
  int certificates = 0, keys = 0;
  for (const auto& o : objects) {
    const std::string id = to_hex(o.id);
    if (o.certificate) {
      ++certificates;
      if (!is_der_certificate(o.certificate->der))
        problems.push_back("certificate " + id + " is not one DER X.509 certificate");
    }
    if (o.key) {
      ++keys;
      const auto facts = inspect_spki(o.key->spki);
      if (!facts) {
        problems.push_back("key " + id + ": the public key is not a DER SubjectPublicKeyInfo");
      } else {
        if (o.key->type != token::KeyType::unknown && facts->type != o.key->type)
          problems.push_back("key " + id + " is listed as " + std::string(to_string(o.key->type)) +
                             " but its public key is " + std::string(to_string(facts->type)));
        if (o.key->bits != 0 && facts->bits != o.key->bits)
          problems.push_back("key " + id + " is listed with " + std::to_string(o.key->bits) +
                             " bits, its public key has " + std::to_string(facts->bits));
      }
    }
  }
  if (!problems.empty()) {
    std::string text;
    for (const auto& p : problems) text += (text.empty() ? "" : "; ") + p;
    report_.fail(name, text);
    return;
  }
  report_.pass(name,
               std::to_string(certificates) + " certificate(s), " + std::to_string(keys) +
                   " key(s), every value read and parsed" +
                   (logged_in_ ? "" : " (not logged in: some devices list keys only after login)"));
}

void CheckRun::check_logout() {
  if (!logged_in_) {
    report_.skip("logout", "not logged in");
    return;
  }
  try {
    session_->logout();
    report_.pass("logout", "logged out");
  } catch (const token::TokenError& e) {
    report_.fail("logout", e.what());
  }
}

}  // namespace certrenew::driver_check
