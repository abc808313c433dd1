// The C ABI of the softtoken (sdk/include/certrenew/token_driver.h) over the Token class. Every
// entry point catches everything: no exception crosses the boundary; the status goes back and
// the text is kept in the context for last_error.

#include <certrenew/softtoken/driver.hpp>

#include "driver_config.hpp"
#include "file_io.hpp"
#include "key_material.hpp"
#include "openssl_ptr.hpp"
#include "secret.hpp"
#include "signing.hpp"
#include "token.hpp"

#include <certrenew/softtoken/store.hpp>

#include <openssl/err.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <new>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace certrenew::softtoken {

namespace {

// The driver's own context and session types. The host only sees them as the opaque
// crt_context / crt_session handles; defining those C names ourselves would clash (ODR) with any
// other driver linked into the same program, so these types have internal linkage instead.
struct DriverContext;

// A session is one token in use; it holds the data-encryption key while logged in.
struct DriverSession {
  DriverContext* ctx = nullptr;
  fs::path dir;
  std::string serial;
  std::optional<Secret> dek;
  bool removed = false;  // the token was seen unplugged: this session stays dead
};

struct DriverContext {
  DriverConfig config;
  FileWriter writer;
  std::string last_error;
  std::vector<std::unique_ptr<DriverSession>> sessions;
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

crt_status fail(DriverContext* ctx, crt_status status, const char* text) noexcept {
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
  } catch (const StoreError& e) {
    return fail(ctx, e.status(), e.what());
  } catch (const std::bad_alloc&) {
    return fail(ctx, CRT_ERR_GENERAL, "out of memory");
  } catch (const std::exception& e) {
    return fail(ctx, CRT_ERR_GENERAL, e.what());
  } catch (...) {
    return fail(ctx, CRT_ERR_GENERAL, "unexpected internal error");
  }
}

[[noreturn]] void bad_arguments(const char* text) {
  throw StoreError(CRT_ERR_ARGUMENTS, text);
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
    return fail(ctx, CRT_ERR_BUFFER_TOO_SMALL, text.c_str());
  }
  if (count > 0) std::memcpy(buf, data, count * sizeof(T));
  *len = count;
  return CRT_OK;
}

// Copies text into a fixed field, cut at a UTF-8 character boundary, NUL-terminated.
void copy_text(char* dst, std::size_t capacity, const std::string& text) {
  std::size_t n = std::min(text.size(), capacity - 1);
  if (n < text.size())
    while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  std::memcpy(dst, text.data(), n);
  dst[n] = '\0';
}

void write_error(char* error, std::size_t error_len, const std::string& text) noexcept {
  if (error != nullptr && error_len > 0) copy_text(error, error_len, text);
}

ObjectId object_id(const crt_object_id* id) {
  if (id == nullptr) bad_arguments("the object id is NULL");
  if (id->len == 0 || id->len > CRT_ID_MAX) bad_arguments("an object id has 1 to 64 bytes");
  return ObjectId(id->bytes, id->bytes + id->len);
}

std::span<const std::uint8_t> byte_span(const std::uint8_t* data, std::size_t len,
                                        const char* what) {
  if (data == nullptr && len > 0)
    throw StoreError(CRT_ERR_ARGUMENTS, std::string(what) + " is NULL");
  return {data, len};
}

// ---- token discovery -----------------------------------------------------------------------

struct FoundToken {
  fs::path dir;
  TokenMeta meta;
};

bool unplugged(const DriverContext& ctx) {
  if (!ctx.config.removed_marker) return false;
  std::error_code ec;
  return fs::exists(*ctx.config.removed_marker, ec);
}

std::optional<TokenMeta> try_read_meta(const fs::path& dir, FileWriter& writer) {
  try {
    const Token token(dir, writer);
    if (!token.has_token_file()) return std::nullopt;
    return token.read_meta();
  } catch (const StoreError&) {
    return std::nullopt;  // not a token (or a damaged one): not listed
  }
}

// Re-scanned on every call, so tokens come and go (hot-plug). The first token with a serial
// wins; a copy of a token directory with the same serial is ignored.
std::vector<FoundToken> scan_tokens(DriverContext& ctx) {
  std::vector<FoundToken> found;
  if (unplugged(ctx)) return found;
  std::vector<fs::path> candidates;
  for (const fs::path& root : ctx.config.roots) {
    std::error_code ec;
    std::vector<fs::path> subdirs;
    for (fs::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec))
      if (it->is_directory(ec)) subdirs.push_back(it->path());
    std::sort(subdirs.begin(), subdirs.end());
    candidates.insert(candidates.end(), subdirs.begin(), subdirs.end());
  }
  candidates.insert(candidates.end(), ctx.config.token_dirs.begin(), ctx.config.token_dirs.end());

  std::set<std::string> serials;
  for (const fs::path& dir : candidates) {
    std::optional<TokenMeta> meta = try_read_meta(dir, ctx.writer);
    if (meta && serials.insert(meta->serial).second) found.push_back({dir, std::move(*meta)});
  }
  return found;
}

FoundToken find_token(DriverContext& ctx, const char* token_id) {
  if (token_id == nullptr) bad_arguments("the token id is NULL");
  for (FoundToken& token : scan_tokens(ctx))
    if (token.meta.serial == token_id) return std::move(token);
  throw StoreError(CRT_ERR_TOKEN_NOT_PRESENT, std::string("no token with id ") + token_id);
}

// A session's token must still be plugged in and still be the same token. Once a session has
// seen its token removed it stays unusable, as with a real device: open a new session.
Token present_token(DriverSession& s) {
  if (!s.removed && !unplugged(*s.ctx)) {
    const std::optional<TokenMeta> meta = try_read_meta(s.dir, s.ctx->writer);
    if (meta && meta->serial == s.serial) return Token(s.dir, s.ctx->writer);
  }
  s.removed = true;
  s.dek.reset();
  throw StoreError(CRT_ERR_TOKEN_NOT_PRESENT,
                   "the token " + s.serial + " was removed; open a new session");
}

const Secret& logged_in_key(const DriverSession& s) {
  if (!s.dek) throw StoreError(CRT_ERR_NOT_LOGGED_IN, "log in to the token first");
  return *s.dek;
}

// ---- context -------------------------------------------------------------------------------

crt_status st_open(const char* config_json, crt_context** out, char* error, std::size_t error_len) {
  if (out == nullptr) {
    write_error(error, error_len, "the output pointer is NULL");
    return CRT_ERR_ARGUMENTS;
  }
  *out = nullptr;
  try {
    DriverConfig config = parse_driver_config(config_json);
    auto ctx = std::make_unique<DriverContext>();
    ctx->writer = FileWriter(config.fail_write);
    ctx->config = std::move(config);
    *out = to_handle(ctx.release());
    return CRT_OK;
  } catch (const StoreError& e) {
    write_error(error, error_len, e.what());
    return e.status();
  } catch (const std::exception& e) {
    write_error(error, error_len, e.what());
    return CRT_ERR_GENERAL;
  }
}

void st_close(crt_context* handle) {
  delete from_handle(handle);  // sessions go with it; their keys are wiped by Secret
}

crt_status st_last_error(crt_context* handle, char* buf, std::size_t* len) {
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

crt_status st_list_tokens(crt_context* handle, char* ids, std::size_t* len) {
  DriverContext* ctx = from_handle(handle);
  if (ctx == nullptr) return CRT_ERR_ARGUMENTS;
  return guarded(ctx, [&] {
    if (len == nullptr) bad_arguments("len is NULL");
    std::string list;
    for (const FoundToken& token : scan_tokens(*ctx)) {
      list += token.meta.serial;
      list.push_back('\0');
    }
    list.push_back('\0');
    return copy_out(ctx, list.data(), list.size(), ids, len);
  });
}

crt_status st_get_token_info(crt_context* handle, const char* token_id, crt_token_info* info) {
  DriverContext* ctx = from_handle(handle);
  if (ctx == nullptr) return CRT_ERR_ARGUMENTS;
  return guarded(ctx, [&] {
    if (info == nullptr) bad_arguments("info is NULL");
    const FoundToken token = find_token(*ctx, token_id);
    const TokenMeta& meta = token.meta;
    std::memset(info, 0, sizeof *info);
    copy_text(info->id, sizeof info->id, meta.serial);
    copy_text(info->label, sizeof info->label, meta.label);
    copy_text(info->manufacturer, sizeof info->manufacturer, kManufacturer);
    copy_text(info->model, sizeof info->model, kModel);
    info->flags = CRT_TOKEN_PIN_CHANGE;
    if (meta.retries_left < meta.retries_max) info->flags |= CRT_TOKEN_PIN_COUNT_LOW;
    if (meta.retries_left == 1) info->flags |= CRT_TOKEN_PIN_FINAL_TRY;
    if (meta.retries_left == 0) info->flags |= CRT_TOKEN_PIN_LOCKED;
    info->pin_retries_left = meta.retries_left;
    info->pin_retries_max = meta.retries_max;
    info->pin_min_len = static_cast<std::uint32_t>(kPinMinLen);
    info->pin_max_len = static_cast<std::uint32_t>(kPinMaxLen);
    return CRT_OK;
  });
}

constexpr crt_mechanism_info kMechanisms[] = {
    {CRT_SIG_RSA_PKCS1_SHA256, CRT_INPUT_DATA, CRT_SIGFMT_PLAIN, 1, 2048, 3072, {}},
    {CRT_SIG_ECDSA_P256_SHA256, CRT_INPUT_DATA, CRT_SIGFMT_DER, 1, 256, 256, {}},
    {CRT_SIG_SM2_SM3, CRT_INPUT_DATA, CRT_SIGFMT_DER, 1, 256, 256, {}},
};

crt_status st_get_mechanisms(crt_context* handle, const char* token_id, crt_mechanism_info* mechs,
                             std::size_t* count) {
  DriverContext* ctx = from_handle(handle);
  if (ctx == nullptr) return CRT_ERR_ARGUMENTS;
  return guarded(ctx, [&] {
    if (count == nullptr) bad_arguments("count is NULL");
    find_token(*ctx, token_id);
    return copy_out(ctx, kMechanisms, std::size(kMechanisms), mechs, count);
  });
}

// ---- sessions ------------------------------------------------------------------------------

crt_status st_open_session(crt_context* handle, const char* token_id, crt_session** out) {
  DriverContext* ctx = from_handle(handle);
  if (ctx == nullptr) return CRT_ERR_ARGUMENTS;
  return guarded(ctx, [&] {
    if (out == nullptr) bad_arguments("the output pointer is NULL");
    *out = nullptr;
    const FoundToken token = find_token(*ctx, token_id);
    auto session = std::make_unique<DriverSession>();
    session->ctx = ctx;
    session->dir = token.dir;
    session->serial = token.meta.serial;
    ctx->sessions.push_back(std::move(session));
    *out = to_handle(ctx->sessions.back().get());
    return CRT_OK;
  });
}

void st_close_session(crt_session* handle) {
  DriverSession* session = from_handle(handle);
  if (session == nullptr) return;
  auto& sessions = session->ctx->sessions;
  sessions.erase(std::remove_if(sessions.begin(), sessions.end(),
                                [&](const auto& s) { return s.get() == session; }),
                 sessions.end());
}

// Fills the caller's retries_left when the guarded body is left, whatever the outcome.
struct RetriesOut {
  std::int32_t* out;
  int value = CRT_RETRIES_UNKNOWN;
  ~RetriesOut() {
    if (out != nullptr) *out = value;
  }
};

crt_status st_login(crt_session* handle, const std::uint8_t* pin, std::size_t pin_len,
                    std::int32_t* retries_left) {
  DriverSession* s = from_handle(handle);
  if (s == nullptr) return CRT_ERR_ARGUMENTS;
  RetriesOut retries{retries_left};
  return guarded(s->ctx, [&] {
    if (pin == nullptr) bad_arguments("this token has no PIN pad: a PIN is needed");
    Token token = present_token(*s);
    Secret dek = token.unlock({pin, pin_len}, retries.value);
    s->dek = std::move(dek);
    return CRT_OK;
  });
}

crt_status st_logout(crt_session* handle) {
  DriverSession* s = from_handle(handle);
  if (s == nullptr) return CRT_ERR_ARGUMENTS;
  s->dek.reset();  // logging out of a session that is not logged in is harmless
  return CRT_OK;
}

crt_status st_change_pin(crt_session* handle, const std::uint8_t* old_pin, std::size_t old_len,
                         const std::uint8_t* new_pin, std::size_t new_len,
                         std::int32_t* retries_left) {
  DriverSession* s = from_handle(handle);
  if (s == nullptr) return CRT_ERR_ARGUMENTS;
  RetriesOut retries{retries_left};
  return guarded(s->ctx, [&] {
    if (old_pin == nullptr || new_pin == nullptr) bad_arguments("a PIN is NULL");
    Token token = present_token(*s);
    token.change_pin({old_pin, old_len}, {new_pin, new_len}, retries.value);
    return CRT_OK;
  });
}

// ---- objects -------------------------------------------------------------------------------

crt_object_info object_info(std::uint32_t kind, const ObjectId& id, const KeyKind& key,
                            const std::string& label) {
  crt_object_info info;
  std::memset(&info, 0, sizeof info);
  info.kind = kind;
  std::memcpy(info.id.bytes, id.data(), id.size());
  info.id.len = static_cast<std::uint32_t>(id.size());
  info.key_type = key.type;
  info.key_bits = key.bits;
  copy_text(info.label, sizeof info.label, label);
  return info;
}

crt_status st_list_objects(crt_session* handle, crt_object_info* objects, std::size_t* count) {
  DriverSession* s = from_handle(handle);
  if (s == nullptr) return CRT_ERR_ARGUMENTS;
  return guarded(s->ctx, [&] {
    if (count == nullptr) bad_arguments("count is NULL");
    const Token token = present_token(*s);
    std::vector<crt_object_info> infos;
    for (const KeyRecord& key : token.keys())
      infos.push_back(
          object_info(CRT_OBJ_PRIVATE_KEY, key.id, {key.key_type, key.bits}, key.label));
    for (const CertificateEntry& cert : token.certificates())
      infos.push_back(
          object_info(CRT_OBJ_CERTIFICATE, cert.id, describe_certificate(cert.der), cert.label));
    return copy_out(s->ctx, infos.data(), infos.size(), objects, count);
  });
}

crt_status st_read_object(crt_session* handle, std::uint32_t kind, const crt_object_id* id,
                          std::uint8_t* value, std::size_t* len) {
  DriverSession* s = from_handle(handle);
  if (s == nullptr) return CRT_ERR_ARGUMENTS;
  return guarded(s->ctx, [&] {
    if (len == nullptr) bad_arguments("len is NULL");
    const ObjectId object = object_id(id);
    const Token token = present_token(*s);
    std::vector<std::uint8_t> bytes;
    if (kind == CRT_OBJ_CERTIFICATE) {
      auto cert = token.find_certificate(object);
      if (!cert) throw StoreError(CRT_ERR_OBJECT_NOT_FOUND, "no certificate with that id");
      bytes = std::move(cert->der);
    } else if (kind == CRT_OBJ_PRIVATE_KEY) {
      auto key = token.find_key(object);
      if (!key) throw StoreError(CRT_ERR_OBJECT_NOT_FOUND, "no key with that id");
      bytes = std::move(key->spki);  // the public half only, never the private key
    } else {
      bad_arguments("unknown object kind");
    }
    return copy_out(s->ctx, bytes.data(), bytes.size(), value, len);
  });
}

crt_status st_sign(crt_session* handle, const crt_object_id* key_id, std::uint32_t algorithm,
                   const std::uint8_t* signer_id, std::size_t signer_id_len,
                   const std::uint8_t* input, std::size_t input_len, std::uint8_t* signature,
                   std::size_t* signature_len) {
  DriverSession* s = from_handle(handle);
  if (s == nullptr) return CRT_ERR_ARGUMENTS;
  return guarded(s->ctx, [&] {
    if (signature_len == nullptr) bad_arguments("signature_len is NULL");
    const ObjectId id = object_id(key_id);
    const auto message = byte_span(input, input_len, "input");
    const auto sm2_id = byte_span(signer_id, signer_id_len, "signer_id");
    const Token token = present_token(*s);
    const Secret& dek = logged_in_key(*s);
    const std::optional<KeyRecord> key = token.find_key(id);
    if (!key) throw StoreError(CRT_ERR_OBJECT_NOT_FOUND, "no key with that id");
    check_algorithm_fits_key(algorithm, {key->key_type, key->bits});

    const EvpPkeyPtr public_key = parse_spki(key->spki);
    if (!public_key) throw StoreError(CRT_ERR_DEVICE, "the key's public half is damaged");
    const std::size_t max_size = max_signature_size(public_key.get());
    // ECDSA and SM2 signatures vary in length: announce the largest, report the actual one.
    if (signature == nullptr) {
      *signature_len = max_size;
      return CRT_OK;
    }
    if (*signature_len < max_size) {
      *signature_len = max_size;
      return fail(s->ctx, CRT_ERR_BUFFER_TOO_SMALL,
                  ("buffer too small: " + std::to_string(max_size) + " needed").c_str());
    }
    const EvpPkeyPtr private_key = token.load_private_key(dek, *key);
    const std::vector<std::uint8_t> sig = sign_message(
        private_key.get(), algorithm,
        algorithm == CRT_SIG_SM2_SM3 ? sm2_id : std::span<const std::uint8_t>{}, message);
    std::memcpy(signature, sig.data(), sig.size());
    *signature_len = sig.size();
    return CRT_OK;
  });
}

crt_status st_generate_key(crt_session* handle, std::uint32_t key_type, std::uint32_t bits,
                           const char* label, crt_object_id* id_out, std::uint8_t* spki,
                           std::size_t* spki_len) {
  DriverSession* s = from_handle(handle);
  if (s == nullptr) return CRT_ERR_ARGUMENTS;
  return guarded(s->ctx, [&] {
    if (id_out == nullptr || spki == nullptr || spki_len == nullptr)
      bad_arguments("id_out, spki and spki_len must not be NULL");
    Token token = present_token(*s);
    const Secret& dek = logged_in_key(*s);
    const EvpPkeyPtr key = generate_key_pair(key_type, bits);
    const KeyRecord record = token.add_key(dek, key.get(), label == nullptr ? "" : label);
    std::memset(id_out, 0, sizeof *id_out);
    std::memcpy(id_out->bytes, record.id.data(), record.id.size());
    id_out->len = static_cast<std::uint32_t>(record.id.size());
    std::memcpy(spki, record.spki.data(), record.spki.size());  // <= CRT_SPKI_MAX, checked
    *spki_len = record.spki.size();
    return CRT_OK;
  });
}

crt_status st_write_certificate(crt_session* handle, const crt_object_id* id, const char* label,
                                const std::uint8_t* der, std::size_t der_len) {
  DriverSession* s = from_handle(handle);
  if (s == nullptr) return CRT_ERR_ARGUMENTS;
  return guarded(s->ctx, [&] {
    const ObjectId object = object_id(id);
    if (der == nullptr || der_len == 0) bad_arguments("the certificate is empty");
    Token token = present_token(*s);
    logged_in_key(*s);
    token.add_certificate(object, label == nullptr ? "" : label, {der, der_len});
    return CRT_OK;
  });
}

crt_status st_delete_object(crt_session* handle, std::uint32_t kind, const crt_object_id* id) {
  DriverSession* s = from_handle(handle);
  if (s == nullptr) return CRT_ERR_ARGUMENTS;
  return guarded(s->ctx, [&] {
    const ObjectId object = object_id(id);
    if (kind != CRT_OBJ_CERTIFICATE && kind != CRT_OBJ_PRIVATE_KEY)
      bad_arguments("unknown object kind");
    Token token = present_token(*s);
    logged_in_key(*s);
    if (kind == CRT_OBJ_CERTIFICATE)
      token.delete_certificate(object);
    else
      token.delete_key(object);
    return CRT_OK;
  });
}

constexpr crt_driver_v1 kDriverTable = {
    CRT_DRIVER_ABI_VERSION,
    sizeof(crt_driver_v1),
    "softtoken",
    "CertRenew",
    "1.0.0",
    st_open,
    st_close,
    st_last_error,
    st_list_tokens,
    st_get_token_info,
    st_get_mechanisms,
    st_open_session,
    st_close_session,
    st_login,
    st_logout,
    st_list_objects,
    st_read_object,
    st_sign,
    st_change_pin,
    st_generate_key,
    st_write_certificate,
    st_delete_object,
};

}  // namespace

const crt_driver_v1* driver_table() {
  return &kDriverTable;
}

}  // namespace certrenew::softtoken
