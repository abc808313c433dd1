// The C ABI of the PKCS#11 bridge (sdk/include/certrenew/token_driver.h). The boundary plumbing
// (handles, guarded calls, last_error, the two-call pattern) is the driver kit's
// (sdk/include/certrenew/driver_kit): no exception crosses the boundary. The PKCS#11 work itself
// lives in the other files.

#include <certrenew/pkcs11/driver.hpp>

#include <certrenew/driver_kit.hpp>

#include <algorithm>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <certrenew/driver_kit/openssl.hpp>
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

using kit::bad_arguments;

// The driver's own context and session types, seen by the host only as the opaque crt_context /
// crt_session handles (internal linkage: another driver in the process may have the same names).
struct DriverSession;

struct DriverContext : kit::ContextBase<DriverSession> {
  explicit DriverContext(const char* config_json);
  // Sessions end (logout, C_CloseSession) before the modules may be finalised.
  ~DriverContext() override { discard_all(); }
  DriverConfig config;
  std::vector<std::shared_ptr<Module>> modules;  // each loaded module once, in configuration order
};

// One ABI session is one PKCS#11 session (R/W where the token allows) on one token.
struct DriverSession : kit::SessionBase<DriverContext> {
  DriverSession(DriverContext& ctx, const char* token_id);
  ~DriverSession() override;
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

// Refuses, without spending a try, a PIN the token cannot accept: a locked PIN, a PIN of the
// wrong length, a missing PIN on a token without a PIN pad.
void check_pin_attempt(const CK_TOKEN_INFO& info, const std::uint8_t* pin, std::size_t len,
                       kit::RetriesOut& retries) {
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
                              kit::RetriesOut& retries) {
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

// The objects the session's token filter (a URI's id=, object=, type=) lets through.
std::vector<ListedObject> list_objects_of(const DriverSession& s) {
  std::vector<ListedObject> shown;
  for (ListedObject& object : list_objects(s.ref(), s.ctx->config.sm2))
    if (s.token.filter.shows(object.cls, object.id, object.label))
      shown.push_back(std::move(object));
  return shown;
}

DriverContext::DriverContext(const char* config_json)
    : ContextBase(kit::clear_openssl_errors), config(parse_driver_config(config_json)) {
  for (const auto& path : config.modules) {
    std::shared_ptr<Module> module = Module::acquire(path);
    if (std::find(modules.begin(), modules.end(), module) == modules.end())
      modules.push_back(std::move(module));
  }
}

DriverSession::DriverSession(DriverContext& ctx, const char* token_id)
    : SessionBase(ctx), token(find(ctx, token_id)) {
  const CK_FUNCTION_LIST& api = token.module->api();
  CK_RV rv =
      api.C_OpenSession(token.slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr, &handle);
  if (rv == CKR_TOKEN_WRITE_PROTECTED)  // reading and signing still work
    rv = api.C_OpenSession(token.slot, CKF_SERIAL_SESSION, nullptr, nullptr, &handle);
  check_rv(rv, "C_OpenSession", "opening a session on token " + token.id);
}

DriverSession::~DriverSession() {
  end_login(*this);
  token.module->api().C_CloseSession(handle);
}

// The ABI's operations in C++; kit::driver_table makes the C entry points around them.
struct Pkcs11Bridge : kit::DriverTypes<DriverContext, DriverSession> {
  static constexpr kit::DriverIdentity identity{"pkcs11", "CertRenew", "1.0.0"};

  static std::vector<std::string> list_tokens(DriverContext& ctx) {
    std::vector<std::string> ids;
    for (const FoundToken& token : scan_tokens(ctx.modules, ctx.config.tokens))
      ids.push_back(token.id);
    return ids;
  }

  static crt_token_info get_token_info(DriverContext& ctx, const char* token_id) {
    const FoundToken token = find(ctx, token_id);
    return abi_token_info(token.info, token.id);
  }

  static std::vector<crt_mechanism_info> get_mechanisms(DriverContext& ctx, const char* token_id) {
    const FoundToken token = find(ctx, token_id);
    std::vector<crt_mechanism_info> infos;
    for (const SignMechanism& m : token_mechanisms(*token.module, token.slot, ctx.config.sm2))
      infos.push_back(to_abi(m));
    return infos;
  }

  static void login(DriverSession& s, const std::uint8_t* pin, std::size_t pin_len,
                    kit::RetriesOut& retries) {
    check_pin_attempt(current_info(s), pin, pin_len, retries);
    end_login(s);  // a second login checks the PIN afresh
    Secret copy = pin == nullptr ? Secret{} : Secret(pin, pin_len);
    const CK_RV rv =
        s.token.module->api().C_Login(s.handle, CKU_USER, pin == nullptr ? nullptr : copy.data(),
                                      pin == nullptr ? 0 : copy.size());
    // ALREADY_LOGGED_IN: another session of this process is logged in to the token, and
    // PKCS#11 shares that login; the module did not look at this PIN.
    if (rv != CKR_OK && rv != CKR_USER_ALREADY_LOGGED_IN) pin_failure(s, rv, "C_Login", retries);
    s.logged_in = true;
    s.pin = std::move(copy);
    s.token.module->note_login(s.token.slot);
    retries.value = retries_left(current_flags(s));
  }

  static void logout(DriverSession& s) {
    end_login(s);  // logging out of a session that is not logged in is harmless
  }

  static void change_pin(DriverSession& s, Secret old_pin, Secret new_pin,
                         kit::RetriesOut& retries) {
    const CK_TOKEN_INFO info = current_info(s);
    if (old_pin.empty() || new_pin.empty())
      fail(CRT_ERR_PIN_INVALID, "a PIN cannot be empty; no try was spent");
    check_pin_attempt(info, old_pin.data(), old_pin.size(), retries);
    try {
      check_pin_attempt(info, new_pin.data(), new_pin.size(), retries);
    } catch (const DriverError& e) {
      fail(CRT_ERR_PIN_INVALID, std::string("the new PIN: ") + e.what());
    }
    const CK_RV rv = s.token.module->api().C_SetPIN(s.handle, old_pin.data(), old_pin.size(),
                                                    new_pin.data(), new_pin.size());
    if (rv != CKR_OK) pin_failure(s, rv, "C_SetPIN", retries);
    retries.value = retries_left(current_flags(s));
  }

  // C_InitPIN after a security officer login: sets a new user PIN, unblocking a locked one.
  static void unblock_pin(DriverSession& s, const Secret& so_pin, const Secret& new_pin,
                          kit::RetriesOut& retries) {
    const CK_TOKEN_INFO info = current_info(s);
    const auto so_retries = [](CK_FLAGS flags) {
      return (flags & CKF_SO_PIN_LOCKED)      ? 0
             : (flags & CKF_SO_PIN_FINAL_TRY) ? 1
                                              : CRT_RETRIES_UNKNOWN;
    };
    retries.value = so_retries(info.flags);
    if (so_pin.empty() || new_pin.empty())
      fail(CRT_ERR_PIN_INVALID, "a PIN cannot be empty; no try was spent");
    if (info.flags & CKF_SO_PIN_LOCKED)
      fail(CRT_ERR_PIN_LOCKED, "the administrator (SO) PIN is locked; no try was spent");
    end_login(s);  // the security officer logs in instead of the user
    const CK_FUNCTION_LIST& api = s.token.module->api();
    CK_RV rv =
        api.C_Login(s.handle, CKU_SO, const_cast<CK_UTF8CHAR*>(so_pin.data()), so_pin.size());
    if (rv != CKR_OK) {
      CK_FLAGS flags = 0;
      try {
        flags = current_flags(s);
      } catch (const DriverError&) {  // the error about the PIN matters more than this one
      }
      retries.value = rv == CKR_PIN_LOCKED ? 0 : so_retries(flags);
      if (rv == CKR_PIN_INCORRECT)
        fail(CRT_ERR_PIN_INCORRECT,
             "the administrator (SO) PIN is incorrect (" + describe_rv("C_Login", rv) + ")");
      throw_rv(rv, "C_Login", "logging in as the administrator (SO)");
    }
    rv = api.C_InitPIN(s.handle, const_cast<CK_UTF8CHAR*>(new_pin.data()), new_pin.size());
    api.C_Logout(s.handle);
    check_rv(rv, "C_InitPIN", "setting the new user PIN");
    retries.value = so_retries(current_flags(s));
  }

  static std::vector<crt_object_info> list_objects(DriverSession& s) {
    std::vector<crt_object_info> infos;
    for (const ListedObject& o : list_objects_of(s))
      infos.push_back(kit::object_info(
          o.cls == CKO_CERTIFICATE ? CRT_OBJ_CERTIFICATE : CRT_OBJ_PRIVATE_KEY, o.id, o.facts.type,
          o.facts.bits, std::string(o.label.begin(), o.label.end())));
    return infos;
  }

  static Bytes read_object(DriverSession& s, std::uint32_t kind, const Bytes& id) {
    if (kind == CRT_OBJ_PRIVATE_KEY)  // the public half only: the private key never leaves
      return key_spki(s.ref(), private_key(s.ref(), id), id);
    const auto certs = find_by_id(s.ref(), CKO_CERTIFICATE, id);
    if (certs.empty()) fail(CRT_ERR_OBJECT_NOT_FOUND, "no certificate with that id");
    auto der = read_attribute(s.ref(), certs.front(), CKA_VALUE);
    if (!der || der->empty()) fail(CRT_ERR_DEVICE, "the certificate's value cannot be read");
    return std::move(*der);
  }

  static crt_status sign(DriverSession& s, const kit::SignRequest& r,
                         const kit::SignatureOut& out) {
    // SM2 is declared with digest input: the host folds the signer ID into e = SM3(Z || M).
    const SignMechanism& mechanism = mechanism_for(session_mechanisms(s), r.algorithm);
    require_login(s);
    const SigningKey& key = signing_key(s, r.key_id);
    kit::check_key_fits(r.algorithm, key.facts.type);
    // ECDSA/SM2 signatures are fixed-size r || s; RSA ones the modulus size: announce that.
    if (!out.room_for(signature_size(mechanism, key.facts))) return CRT_OK;
    const auto context_login = [&] {
      const bool pad = s.pin.empty();
      check_rv(s.token.module->api().C_Login(s.handle, CKU_CONTEXT_SPECIFIC,
                                             pad ? nullptr : s.pin.data(), pad ? 0 : s.pin.size()),
               "C_Login", "giving the PIN again for this key (CKA_ALWAYS_AUTHENTICATE)");
    };
    return out.put(sign_input(s.ref(), key, mechanism, {r.input, r.input_len}, context_login));
  }

  static crt_status generate_key(DriverSession& s, std::uint32_t key_type, std::uint32_t bits,
                                 const std::string& label, const kit::GeneratedKeyOut& out) {
    const SignMechanism& mechanism =
        mechanism_for(session_mechanisms(s), kit::algorithm_for_key(key_type));
    require_login(s);
    const GeneratedPair pair =
        generate_key_pair(s.ref(), mechanism, bits, label, s.ctx->config.sm2);
    return out.put(pair.id, pair.spki);
  }

  static void write_certificate(DriverSession& s, const Bytes& id, const std::string& label,
                                const Bytes& der) {
    require_login(s);
    store_certificate(s.ref(), id, label, der);
  }

  static void delete_object(DriverSession& s, std::uint32_t kind, const Bytes& id) {
    require_login(s);
    s.signing_keys.erase(id);
    delete_objects(s.ref(), kind, id);
  }
};

constexpr crt_driver_v1 kDriverTable = kit::driver_table<Pkcs11Bridge>();

}  // namespace

const crt_driver_v1* driver_table() {
  return &kDriverTable;
}

}  // namespace certrenew::pkcs11
