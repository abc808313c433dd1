// The C ABI of the PKCS#11 bridge (sdk/include/certrenew/token_driver.h). Every entry point
// catches everything: no exception crosses the boundary; the status goes back and the text is
// kept in the context for last_error. The PKCS#11 work itself lives in the other files.

#include <certrenew/pkcs11/driver.hpp>

#include <openssl/err.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <vector>

#include "bridge_error.hpp"
#include "certificates.hpp"
#include "driver_config.hpp"
#include "key_generation.hpp"
#include "mechanisms.hpp"
#include "module.hpp"
#include "pin_state.hpp"
#include "return_codes.hpp"
#include "secret.hpp"
#include "signing.hpp"
#include "token_objects.hpp"
#include "token_scan.hpp"

namespace certrenew::pkcs11 {

namespace {

// The driver's own context and session types, seen by the host only as the opaque crt_context /
// crt_session handles (internal linkage: another driver in the process may have the same names).
struct DriverSession;

struct DriverContext {
  DriverConfig config;
  std::vector<std::shared_ptr<Module>> modules;  // each loaded module once, in configuration order
  std::string last_error;
  std::vector<std::unique_ptr<DriverSession>> sessions;
};

// One ABI session is one PKCS#11 session (R/W where the token allows) on one token.
struct DriverSession {
  DriverContext* ctx = nullptr;
  FoundToken token;
  CK_SESSION_HANDLE handle = CK_INVALID_HANDLE;
  bool logged_in = false;
  // Kept (wiped on logout) only for keys that want the PIN again on every use
  // (CKA_ALWAYS_AUTHENTICATE); empty on PIN-pad tokens.
  Secret pin;
  std::optional<std::vector<SignMechanism>> mechanisms;
  // Keys found for signing, by CKA_ID, so that a run of signatures does not search the token
  // each time; every use first checks the handle still is that key (one attribute read).
  std::map<Bytes, SigningKey> signing_keys;

  SessionRef ref() const { return {&token.module->api(), handle}; }
};

DriverContext* from_handle(crt_context* handle) {
  return reinterpret_cast<DriverContext*>(handle);
}
DriverSession* from_handle(crt_session* handle) {
  return reinterpret_cast<DriverSession*>(handle);
}
crt_context* to_handle(DriverContext* ctx) {
  return reinterpret_cast<crt_context*>(ctx);
}
crt_session* to_handle(DriverSession* session) {
  return reinterpret_cast<crt_session*>(session);
}

// ---- plumbing ------------------------------------------------------------------------------

crt_status record(DriverContext* ctx, crt_status status, const char* text) noexcept {
  ERR_clear_error();  // leave no stale OpenSSL error in the host's thread
  try {
    ctx->last_error = text;
  } catch (...) {
    ctx->last_error.clear();
  }
  return status;
}

// Runs `body` (which returns a crt_status) and turns every exception into a status + text.
template <typename Body>
crt_status guarded(DriverContext* ctx, Body&& body) noexcept {
  try {
    return body();
  } catch (const DriverError& e) {
    return record(ctx, e.status(), e.what());
  } catch (const std::bad_alloc&) {
    return record(ctx, CRT_ERR_GENERAL, "out of memory");
  } catch (const std::exception& e) {
    return record(ctx, CRT_ERR_GENERAL, e.what());
  } catch (...) {
    return record(ctx, CRT_ERR_GENERAL, "unexpected internal error");
  }
}

[[noreturn]] void bad_arguments(const char* text) {
  fail(CRT_ERR_ARGUMENTS, text);
}

// The two-call pattern for `count` records of T (bytes for T = uint8_t/char).
template <typename T>
crt_status copy_out(DriverContext* ctx, const T* data, std::size_t count, T* buf,
                    std::size_t* len) {
  if (buf == nullptr) {
    *len = count;
    return CRT_OK;
  }
  if (*len < count) {
    *len = count;
    const std::string text = "buffer too small: " + std::to_string(count) + " needed";
    return record(ctx, CRT_ERR_BUFFER_TOO_SMALL, text.c_str());
  }
  if (count > 0) std::memcpy(buf, data, count * sizeof(T));
  *len = count;
  return CRT_OK;
}

// Copies text into a fixed buffer, cut at a UTF-8 character boundary, NUL-terminated.
void copy_text(char* dst, std::size_t capacity, const std::string& text) noexcept {
  if (dst == nullptr || capacity == 0) return;
  std::size_t n = std::min(text.size(), capacity - 1);
  if (n < text.size())
    while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  std::memcpy(dst, text.data(), n);
  dst[n] = '\0';
}

Bytes object_id(const crt_object_id* id) {
  if (id == nullptr) bad_arguments("the object id is NULL");
  if (id->len == 0 || id->len > CRT_ID_MAX) bad_arguments("an object id has 1 to 64 bytes");
  return Bytes(id->bytes, id->bytes + id->len);
}

FoundToken find(const DriverContext& ctx, const char* token_id) {
  return find_token(ctx.modules, ctx.config.tokens, token_id);
}

// The token's info now: its PIN flags change with every attempt.
CK_TOKEN_INFO current_info(const DriverSession& s) {
  CK_TOKEN_INFO info{};
  check_rv(s.token.module->api().C_GetTokenInfo(s.token.slot, &info), "C_GetTokenInfo",
           "reading the token's PIN state");
  return info;
}

CK_FLAGS current_flags(const DriverSession& s) {
  return current_info(s).flags;
}

void require_login(const DriverSession& s) {
  if (!s.logged_in) fail(CRT_ERR_NOT_LOGGED_IN, "log in to the token first");
}

const std::vector<SignMechanism>& session_mechanisms(DriverSession& s) {
  if (!s.mechanisms)
    s.mechanisms = token_mechanisms(*s.token.module, s.token.slot, s.ctx->config.sm2);
  return *s.mechanisms;
}

// Fills the caller's retries_left when the guarded body is left, whatever the outcome.
struct RetriesOut {
  std::int32_t* out;
  std::int32_t value = CRT_RETRIES_UNKNOWN;
  ~RetriesOut() {
    if (out != nullptr) *out = value;
  }
};

// Refuses, without spending a try, a PIN the token cannot accept: a locked PIN, a PIN of the
// wrong length, a missing PIN on a token without a PIN pad.
void check_pin_attempt(const CK_TOKEN_INFO& info, const std::uint8_t* pin, std::size_t len,
                       RetriesOut& retries) {
  retries.value = retries_left(info.flags);
  if (info.flags & CKF_USER_PIN_LOCKED)
    fail(CRT_ERR_PIN_LOCKED,
         "the PIN is locked; no try was spent (unblock it with the token's "
         "administration tool)");
  if (pin == nullptr) {
    if ((info.flags & CKF_PROTECTED_AUTHENTICATION_PATH) == 0)
      fail(CRT_ERR_PIN_INVALID, "this token has no PIN pad: a PIN is needed");
    return;
  }
  const crt_token_info limits = abi_token_info(info, {});
  const std::uint32_t min = limits.pin_min_len, max = limits.pin_max_len;  // 0: unknown
  if ((min != 0 && len < min) || (max != 0 && len > max))
    fail(CRT_ERR_PIN_INVALID, "the PIN must have " +
                                  (max == 0 ? "at least " + std::to_string(min)
                                            : std::to_string(min) + " to " + std::to_string(max)) +
                                  " characters; no try was spent");
}

// Turns a failed C_Login/C_SetPIN into the ABI's PIN errors with what the token tells.
[[noreturn]] void pin_failure(const DriverSession& s, CK_RV rv, const char* function,
                              RetriesOut& retries) {
  if (rv != CKR_PIN_INCORRECT && rv != CKR_PIN_LOCKED) throw_rv(rv, function, "checking the PIN");
  CK_FLAGS flags = 0;
  try {
    flags = current_flags(s);
  } catch (const DriverError&) {  // the error about the PIN matters more than this one
  }
  retries.value = rv == CKR_PIN_LOCKED ? 0 : retries_left(flags);
  if (rv == CKR_PIN_LOCKED)
    fail(CRT_ERR_PIN_LOCKED, "the PIN is locked: " + describe_rv(function, rv));
  fail(CRT_ERR_PIN_INCORRECT,
       "the PIN is incorrect" + retries_sentence(flags) + " (" + describe_rv(function, rv) + ")");
}

const SigningKey& signing_key(DriverSession& s, const Bytes& id) {
  if (const auto known = s.signing_keys.find(id); known != s.signing_keys.end()) {
    if (is_object(s.ref(), known->second.handle, CKO_PRIVATE_KEY, id)) return known->second;
    s.signing_keys.erase(known);
  }
  return s.signing_keys[id] = find_signing_key(s.ref(), id, s.ctx->config.sm2);
}

void end_login(DriverSession& s) noexcept {
  if (!s.logged_in) return;
  s.logged_in = false;
  s.pin.clear();
  s.signing_keys.clear();  // private objects are out of sight until the next login
  // The login belongs to the whole token in this process: leave it while other sessions of
  // ours still use it.
  if (s.token.module->note_logout(s.token.slot)) s.token.module->api().C_Logout(s.handle);
}

// ---- context -------------------------------------------------------------------------------

crt_status p11_open(const char* config_json, crt_context** out, char* error,
                    std::size_t error_len) {
  if (out == nullptr) {
    copy_text(error, error_len, "the output pointer is NULL");
    return CRT_ERR_ARGUMENTS;
  }
  *out = nullptr;
  try {
    auto ctx = std::make_unique<DriverContext>();
    ctx->config = parse_driver_config(config_json);
    for (const auto& path : ctx->config.modules) {
      std::shared_ptr<Module> module = Module::acquire(path);
      if (std::find(ctx->modules.begin(), ctx->modules.end(), module) == ctx->modules.end())
        ctx->modules.push_back(std::move(module));
    }
    *out = to_handle(ctx.release());
    return CRT_OK;
  } catch (const DriverError& e) {
    copy_text(error, error_len, e.what());
    return e.status();
  } catch (const std::exception& e) {
    copy_text(error, error_len, e.what());
    return CRT_ERR_GENERAL;
  }
}

void close_one(DriverSession& s) noexcept {
  end_login(s);
  s.token.module->api().C_CloseSession(s.handle);
}

void p11_close(crt_context* handle) {
  DriverContext* ctx = from_handle(handle);
  if (ctx == nullptr) return;
  for (auto& session : ctx->sessions) close_one(*session);
  delete ctx;  // the last context using a module finalises and unloads it
}

crt_status p11_last_error(crt_context* handle, char* buf, std::size_t* len) {
  DriverContext* ctx = from_handle(handle);
  if (ctx == nullptr || len == nullptr) return CRT_ERR_ARGUMENTS;
  // Not through copy_out: a too-small buffer must not overwrite the text being read.
  const std::size_t needed = ctx->last_error.size() + 1;
  if (buf == nullptr) {
    *len = needed;
    return CRT_OK;
  }
  if (*len < needed) {
    *len = needed;
    return CRT_ERR_BUFFER_TOO_SMALL;
  }
  std::memcpy(buf, ctx->last_error.c_str(), needed);
  *len = needed;
  return CRT_OK;
}

crt_status p11_list_tokens(crt_context* handle, char* ids, std::size_t* len) {
  DriverContext* ctx = from_handle(handle);
  if (ctx == nullptr) return CRT_ERR_ARGUMENTS;
  return guarded(ctx, [&] {
    if (len == nullptr) bad_arguments("len is NULL");
    std::string list;
    for (const FoundToken& token : scan_tokens(ctx->modules, ctx->config.tokens)) {
      list += token.id;
      list.push_back('\0');
    }
    list.push_back('\0');
    return copy_out(ctx, list.data(), list.size(), ids, len);
  });
}

crt_status p11_get_token_info(crt_context* handle, const char* token_id, crt_token_info* info) {
  DriverContext* ctx = from_handle(handle);
  if (ctx == nullptr) return CRT_ERR_ARGUMENTS;
  return guarded(ctx, [&] {
    if (info == nullptr) bad_arguments("info is NULL");
    const FoundToken token = find(*ctx, token_id);
    *info = abi_token_info(token.info, token.id);
    return CRT_OK;
  });
}

crt_status p11_get_mechanisms(crt_context* handle, const char* token_id, crt_mechanism_info* mechs,
                              std::size_t* count) {
  DriverContext* ctx = from_handle(handle);
  if (ctx == nullptr) return CRT_ERR_ARGUMENTS;
  return guarded(ctx, [&] {
    if (count == nullptr) bad_arguments("count is NULL");
    const FoundToken token = find(*ctx, token_id);
    std::vector<crt_mechanism_info> infos;
    for (const SignMechanism& m : token_mechanisms(*token.module, token.slot, ctx->config.sm2))
      infos.push_back(to_abi(m));
    return copy_out(ctx, infos.data(), infos.size(), mechs, count);
  });
}

// ---- sessions ------------------------------------------------------------------------------

crt_status p11_open_session(crt_context* handle, const char* token_id, crt_session** out) {
  DriverContext* ctx = from_handle(handle);
  if (ctx == nullptr) return CRT_ERR_ARGUMENTS;
  return guarded(ctx, [&] {
    if (out == nullptr) bad_arguments("the output pointer is NULL");
    *out = nullptr;
    auto session = std::make_unique<DriverSession>();
    session->ctx = ctx;
    session->token = find(*ctx, token_id);
    const CK_FUNCTION_LIST& api = session->token.module->api();
    CK_RV rv = api.C_OpenSession(session->token.slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr,
                                 nullptr, &session->handle);
    if (rv == CKR_TOKEN_WRITE_PROTECTED)  // reading and signing still work
      rv = api.C_OpenSession(session->token.slot, CKF_SERIAL_SESSION, nullptr, nullptr,
                             &session->handle);
    check_rv(rv, "C_OpenSession", "opening a session on token " + session->token.id);
    ctx->sessions.push_back(std::move(session));
    *out = to_handle(ctx->sessions.back().get());
    return CRT_OK;
  });
}

void p11_close_session(crt_session* handle) {
  DriverSession* session = from_handle(handle);
  if (session == nullptr) return;
  close_one(*session);
  auto& sessions = session->ctx->sessions;
  sessions.erase(std::remove_if(sessions.begin(), sessions.end(),
                                [&](const auto& s) { return s.get() == session; }),
                 sessions.end());
}

crt_status p11_login(crt_session* handle, const std::uint8_t* pin, std::size_t pin_len,
                     std::int32_t* retries_left_out) {
  DriverSession* s = from_handle(handle);
  if (s == nullptr) return CRT_ERR_ARGUMENTS;
  RetriesOut retries{retries_left_out};
  return guarded(s->ctx, [&] {
    check_pin_attempt(current_info(*s), pin, pin_len, retries);
    end_login(*s);  // a second login checks the PIN afresh
    Secret copy = pin == nullptr ? Secret{} : Secret(pin, pin_len);
    const CK_RV rv =
        s->token.module->api().C_Login(s->handle, CKU_USER, pin == nullptr ? nullptr : copy.data(),
                                       pin == nullptr ? 0 : copy.size());
    // ALREADY_LOGGED_IN: another session of this process is logged in to the token, and
    // PKCS#11 shares that login; the module did not look at this PIN.
    if (rv != CKR_OK && rv != CKR_USER_ALREADY_LOGGED_IN) pin_failure(*s, rv, "C_Login", retries);
    s->logged_in = true;
    s->pin = std::move(copy);
    s->token.module->note_login(s->token.slot);
    retries.value = retries_left(current_flags(*s));
    return CRT_OK;
  });
}

crt_status p11_logout(crt_session* handle) {
  DriverSession* s = from_handle(handle);
  if (s == nullptr) return CRT_ERR_ARGUMENTS;
  end_login(*s);  // logging out of a session that is not logged in is harmless
  return CRT_OK;
}

crt_status p11_change_pin(crt_session* handle, const std::uint8_t* old_pin, std::size_t old_len,
                          const std::uint8_t* new_pin, std::size_t new_len,
                          std::int32_t* retries_left_out) {
  DriverSession* s = from_handle(handle);
  if (s == nullptr) return CRT_ERR_ARGUMENTS;
  RetriesOut retries{retries_left_out};
  return guarded(s->ctx, [&] {
    if (old_pin == nullptr || new_pin == nullptr) bad_arguments("a PIN is NULL");
    const CK_TOKEN_INFO info = current_info(*s);
    check_pin_attempt(info, old_pin, old_len, retries);
    try {
      check_pin_attempt(info, new_pin, new_len, retries);
    } catch (const DriverError& e) {
      fail(CRT_ERR_PIN_INVALID, std::string("the new PIN: ") + e.what());
    }
    Secret old_copy(old_pin, old_len), new_copy(new_pin, new_len);
    const CK_RV rv = s->token.module->api().C_SetPIN(s->handle, old_copy.data(), old_copy.size(),
                                                     new_copy.data(), new_copy.size());
    if (rv != CKR_OK) pin_failure(*s, rv, "C_SetPIN", retries);
    retries.value = retries_left(current_flags(*s));
    return CRT_OK;
  });
}

// ---- objects -------------------------------------------------------------------------------

crt_object_info abi_object(const ListedObject& object) {
  crt_object_info info;
  std::memset(&info, 0, sizeof info);
  info.kind = object.cls == CKO_CERTIFICATE ? CRT_OBJ_CERTIFICATE : CRT_OBJ_PRIVATE_KEY;
  std::memcpy(info.id.bytes, object.id.data(), object.id.size());
  info.id.len = static_cast<std::uint32_t>(object.id.size());
  info.key_type = object.facts.type;
  info.key_bits = object.facts.bits;
  std::string label(object.label.begin(), object.label.end());
  copy_text(info.label, sizeof info.label, label);
  return info;
}

crt_status p11_list_objects(crt_session* handle, crt_object_info* objects, std::size_t* count) {
  DriverSession* s = from_handle(handle);
  if (s == nullptr) return CRT_ERR_ARGUMENTS;
  return guarded(s->ctx, [&] {
    if (count == nullptr) bad_arguments("count is NULL");
    std::vector<crt_object_info> infos;
    for (const ListedObject& object : list_objects(s->ref(), s->ctx->config.sm2))
      if (s->token.filter.shows(object.cls, object.id, object.label))
        infos.push_back(abi_object(object));
    return copy_out(s->ctx, infos.data(), infos.size(), objects, count);
  });
}

crt_status p11_read_object(crt_session* handle, std::uint32_t kind, const crt_object_id* id,
                           std::uint8_t* value, std::size_t* len) {
  DriverSession* s = from_handle(handle);
  if (s == nullptr) return CRT_ERR_ARGUMENTS;
  return guarded(s->ctx, [&] {
    if (len == nullptr) bad_arguments("len is NULL");
    const Bytes object = object_id(id);
    Bytes bytes;
    if (kind == CRT_OBJ_CERTIFICATE) {
      const auto certs = find_by_id(s->ref(), CKO_CERTIFICATE, object);
      if (certs.empty()) fail(CRT_ERR_OBJECT_NOT_FOUND, "no certificate with that id");
      auto der = read_attribute(s->ref(), certs.front(), CKA_VALUE);
      if (!der || der->empty()) fail(CRT_ERR_DEVICE, "the certificate's value cannot be read");
      bytes = std::move(*der);
    } else if (kind == CRT_OBJ_PRIVATE_KEY) {
      // The public half only: private key material never leaves the token.
      bytes = key_spki(s->ref(), private_key(s->ref(), object), object);
    } else {
      bad_arguments("unknown object kind");
    }
    return copy_out(s->ctx, bytes.data(), bytes.size(), value, len);
  });
}

crt_status p11_sign(crt_session* handle, const crt_object_id* key_id, std::uint32_t algorithm,
                    const std::uint8_t* signer_id, std::size_t signer_id_len,
                    const std::uint8_t* input, std::size_t input_len, std::uint8_t* signature,
                    std::size_t* signature_len) {
  DriverSession* s = from_handle(handle);
  if (s == nullptr) return CRT_ERR_ARGUMENTS;
  return guarded(s->ctx, [&] {
    if (signature_len == nullptr) bad_arguments("signature_len is NULL");
    if (input == nullptr && input_len > 0) bad_arguments("input is NULL");
    if (signer_id == nullptr && signer_id_len > 0) bad_arguments("signer_id is NULL");
    // SM2 is declared with digest input: the host folds the signer ID into e = SM3(Z || M).
    const Bytes id = object_id(key_id);
    const SignMechanism& mechanism = mechanism_for(session_mechanisms(*s), algorithm);
    require_login(*s);
    const SigningKey& key = signing_key(*s, id);
    check_key_fits(algorithm, key.facts);

    // ECDSA/SM2 signatures are fixed-size r || s; RSA ones the modulus size: announce that.
    const std::size_t max_size = signature_size(mechanism, key.facts);
    if (signature == nullptr) {
      *signature_len = max_size;
      return CRT_OK;
    }
    if (*signature_len < max_size) {
      *signature_len = max_size;
      return record(s->ctx, CRT_ERR_BUFFER_TOO_SMALL,
                    ("buffer too small: " + std::to_string(max_size) + " needed").c_str());
    }
    const auto context_login = [&] {
      const bool pad = s->pin.empty();
      check_rv(
          s->token.module->api().C_Login(s->handle, CKU_CONTEXT_SPECIFIC,
                                         pad ? nullptr : s->pin.data(), pad ? 0 : s->pin.size()),
          "C_Login", "giving the PIN again for this key (CKA_ALWAYS_AUTHENTICATE)");
    };
    const Bytes sig = sign_input(s->ref(), key, mechanism, {input, input_len}, context_login);
    if (sig.size() > *signature_len)
      fail(CRT_ERR_DEVICE, "the token returned a longer signature than its key allows");
    std::memcpy(signature, sig.data(), sig.size());
    *signature_len = sig.size();
    return CRT_OK;
  });
}

std::uint32_t algorithm_for_key(std::uint32_t key_type) {
  switch (key_type) {
    case CRT_KEY_RSA:
      return CRT_SIG_RSA_PKCS1_SHA256;
    case CRT_KEY_EC_P256:
      return CRT_SIG_ECDSA_P256_SHA256;
    case CRT_KEY_SM2:
      return CRT_SIG_SM2_SM3;
    default:
      bad_arguments("unknown key type");
  }
}

crt_status p11_generate_key(crt_session* handle, std::uint32_t key_type, std::uint32_t bits,
                            const char* label, crt_object_id* id_out, std::uint8_t* spki,
                            std::size_t* spki_len) {
  DriverSession* s = from_handle(handle);
  if (s == nullptr) return CRT_ERR_ARGUMENTS;
  return guarded(s->ctx, [&] {
    if (id_out == nullptr || spki == nullptr || spki_len == nullptr)
      bad_arguments("id_out, spki and spki_len must not be NULL");
    const SignMechanism& mechanism =
        mechanism_for(session_mechanisms(*s), algorithm_for_key(key_type));
    require_login(*s);
    const GeneratedPair pair = generate_key_pair(s->ref(), mechanism, bits,
                                                 label == nullptr ? "" : label, s->ctx->config.sm2);
    std::memset(id_out, 0, sizeof *id_out);
    std::memcpy(id_out->bytes, pair.id.data(), pair.id.size());
    id_out->len = static_cast<std::uint32_t>(pair.id.size());
    std::memcpy(spki, pair.spki.data(), pair.spki.size());  // <= CRT_SPKI_MAX, checked
    *spki_len = pair.spki.size();
    return CRT_OK;
  });
}

crt_status p11_write_certificate(crt_session* handle, const crt_object_id* id, const char* label,
                                 const std::uint8_t* der, std::size_t der_len) {
  DriverSession* s = from_handle(handle);
  if (s == nullptr) return CRT_ERR_ARGUMENTS;
  return guarded(s->ctx, [&] {
    const Bytes object = object_id(id);
    if (der == nullptr || der_len == 0) bad_arguments("the certificate is empty");
    require_login(*s);
    store_certificate(s->ref(), object, label == nullptr ? "" : label, {der, der_len});
    return CRT_OK;
  });
}

crt_status p11_delete_object(crt_session* handle, std::uint32_t kind, const crt_object_id* id) {
  DriverSession* s = from_handle(handle);
  if (s == nullptr) return CRT_ERR_ARGUMENTS;
  return guarded(s->ctx, [&] {
    const Bytes object = object_id(id);
    if (kind != CRT_OBJ_CERTIFICATE && kind != CRT_OBJ_PRIVATE_KEY)
      bad_arguments("unknown object kind");
    require_login(*s);
    s->signing_keys.erase(object);
    delete_objects(s->ref(), kind, object);
    return CRT_OK;
  });
}

constexpr crt_driver_v1 kDriverTable = {
    CRT_DRIVER_ABI_VERSION,
    sizeof(crt_driver_v1),
    "pkcs11",
    "CertRenew",
    "1.0.0",
    p11_open,
    p11_close,
    p11_last_error,
    p11_list_tokens,
    p11_get_token_info,
    p11_get_mechanisms,
    p11_open_session,
    p11_close_session,
    p11_login,
    p11_logout,
    p11_list_objects,
    p11_read_object,
    p11_sign,
    p11_change_pin,
    p11_generate_key,
    p11_write_certificate,
    p11_delete_object,
};

}  // namespace

const crt_driver_v1* driver_table() {
  return &kDriverTable;
}

}  // namespace certrenew::pkcs11
