// A test driver whose "token" keeps real OpenSSL keys in memory, so the host's signing path can be
// proved end to end: the host's digests (SHA-256, SM2's e = SM3(Z || M)) and its DER encoding of
// raw r || s signatures are checked by verifying the results with OpenSSL.
//
// Configuration (JSON): {"input": "data" | "digest", "format": "der" | "raw"} selects what sign()
// takes for every algorithm and how ECDSA/SM2 signatures come back. One token, "CRYPTO-TEST-1",
// PIN "123456", three tries. Keys live as long as the context. Written in C++ inside, C at the
// boundary: no exception leaves an entry point.
#include <certrenew/token_driver.h>

#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace {

constexpr const char* kTokenId = "CRYPTO-TEST-1";
constexpr std::string_view kPin = "123456";
constexpr int kTries = 3;

using Bytes = std::vector<std::uint8_t>;

template <auto Free>
struct OsslFree {
  template <typename T>
  void operator()(T* p) const {
    Free(p);
  }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, OsslFree<EVP_PKEY_free>>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, OsslFree<EVP_PKEY_CTX_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, OsslFree<EVP_MD_CTX_free>>;
using EcdsaSigPtr = std::unique_ptr<ECDSA_SIG, OsslFree<ECDSA_SIG_free>>;
using X509Ptr = std::unique_ptr<X509, OsslFree<X509_free>>;

struct Key {
  PkeyPtr pkey;
  std::uint32_t type;
  std::uint32_t bits;
  std::string label;
};
struct Certificate {
  Bytes der;
  std::string label;
};

}  // namespace

struct crt_context {
  std::string error;
  bool digest_input = false;
  bool raw_format = false;
  int retries_left = kTries;
  std::string pin{kPin};
  std::map<Bytes, Key> keys;
  std::map<Bytes, Certificate> certificates;
  std::uint8_t next_id = 1;
  // Counts calls in progress, so that two at once on this context (which the host promises never
  // to make) are detected and refused.
  std::atomic<int> calls_in_progress{0};
};

struct crt_session {
  crt_context* ctx;
  bool logged_in = false;
};

namespace {

// Marks a call in progress on a context; `overlapped()` is true when another one was running.
class CallMarker {
 public:
  explicit CallMarker(crt_context* ctx) : ctx_(ctx), overlapped_(ctx->calls_in_progress++ != 0) {}
  ~CallMarker() { --ctx_->calls_in_progress; }
  CallMarker(const CallMarker&) = delete;
  CallMarker& operator=(const CallMarker&) = delete;
  bool overlapped() const { return overlapped_; }

 private:
  crt_context* ctx_;
  bool overlapped_;
};

// Returned, without touching the shared error text, when calls on one context overlap.
constexpr crt_status kConcurrentCall = CRT_ERR_DEVICE;

crt_status fail(crt_context* ctx, crt_status status, std::string text) {
  ctx->error = std::move(text);
  return status;
}

template <typename T>
crt_status copy_out(const T* data, std::size_t count, T* buf, std::size_t* len) {
  if (len == nullptr) return CRT_ERR_ARGUMENTS;
  if (buf == nullptr) {
    *len = count;
    return CRT_OK;
  }
  if (*len < count) {
    *len = count;
    return CRT_ERR_BUFFER_TOO_SMALL;
  }
  std::copy(data, data + count, buf);
  *len = count;
  return CRT_OK;
}

Bytes id_bytes(const crt_object_id* id) {
  return Bytes(id->bytes, id->bytes + id->len);
}
bool id_valid(const crt_object_id* id) {
  return id != nullptr && id->len > 0 && id->len <= CRT_ID_MAX;
}

Bytes spki_of(EVP_PKEY* key) {
  const int len = i2d_PUBKEY(key, nullptr);
  Bytes out(static_cast<std::size_t>(std::max(len, 0)));
  unsigned char* p = out.data();
  i2d_PUBKEY(key, &p);
  return out;
}

// The signature over `input` (a message or a 32-byte digest), DER for ECDSA/SM2.
Bytes raw_sign(EVP_PKEY* key, std::uint32_t algorithm, bool digest_input, const std::uint8_t* sid,
               std::size_t sid_len, const std::uint8_t* input, std::size_t input_len) {
  std::size_t len = 0;
  Bytes sig(static_cast<std::size_t>(EVP_PKEY_get_size(key)));
  if (digest_input) {
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new(key, nullptr));
    if (!ctx || EVP_PKEY_sign_init(ctx.get()) != 1) return {};
    if (algorithm == CRT_SIG_RSA_PKCS1_SHA256 &&
        (EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) != 1 ||
         EVP_PKEY_CTX_set_signature_md(ctx.get(), EVP_sha256()) != 1))
      return {};
    len = sig.size();
    if (EVP_PKEY_sign(ctx.get(), sig.data(), &len, input, input_len) != 1) return {};
  } else {
    MdCtxPtr md(EVP_MD_CTX_new());
    if (!md) return {};
    const EVP_MD* hash = EVP_sha256();
    if (algorithm == CRT_SIG_SM2_SM3) {
      // SM2 needs its signer ID on the key context before the digest starts.
      hash = EVP_sm3();
      PkeyCtxPtr pctx(EVP_PKEY_CTX_new(key, nullptr));
      if (!pctx || EVP_PKEY_CTX_set1_id(pctx.get(), sid, sid_len) != 1) return {};
      EVP_MD_CTX_set_pkey_ctx(md.get(), pctx.get());
      if (EVP_DigestSignInit(md.get(), nullptr, hash, nullptr, key) != 1) return {};
      len = sig.size();
      const int ok = EVP_DigestSign(md.get(), sig.data(), &len, input, input_len);
      EVP_MD_CTX_set_pkey_ctx(md.get(), nullptr);  // pctx is ours to free
      if (ok != 1) return {};
    } else {
      if (EVP_DigestSignInit(md.get(), nullptr, hash, nullptr, key) != 1) return {};
      len = sig.size();
      if (EVP_DigestSign(md.get(), sig.data(), &len, input, input_len) != 1) return {};
    }
  }
  sig.resize(len);
  return sig;
}

Bytes der_to_raw(const Bytes& der) {
  const unsigned char* p = der.data();
  EcdsaSigPtr sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size())));
  if (!sig) return {};
  Bytes raw(64);
  if (BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), raw.data(), 32) != 32 ||
      BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), raw.data() + 32, 32) != 32)
    return {};
  return raw;
}

std::uint32_t key_type_for(std::uint32_t algorithm) {
  switch (algorithm) {
    case CRT_SIG_RSA_PKCS1_SHA256:
      return CRT_KEY_RSA;
    case CRT_SIG_ECDSA_P256_SHA256:
      return CRT_KEY_EC_P256;
    case CRT_SIG_SM2_SM3:
      return CRT_KEY_SM2;
    default:
      return 0;
  }
}

crt_status check_pin(crt_context* ctx, const std::uint8_t* pin, std::size_t pin_len,
                     std::int32_t* retries_left) {
  if (retries_left != nullptr) *retries_left = ctx->retries_left;
  if (ctx->retries_left == 0) return fail(ctx, CRT_ERR_PIN_LOCKED, "the PIN is locked");
  if (pin == nullptr || pin_len < 4 || pin_len > 16)
    return fail(ctx, CRT_ERR_PIN_INVALID, "the PIN must have 4 to 16 characters");
  if (std::string_view(reinterpret_cast<const char*>(pin), pin_len) != ctx->pin) {
    --ctx->retries_left;
    if (retries_left != nullptr) *retries_left = ctx->retries_left;
    return fail(ctx, CRT_ERR_PIN_INCORRECT, "wrong PIN");
  }
  ctx->retries_left = kTries;
  if (retries_left != nullptr) *retries_left = ctx->retries_left;
  return CRT_OK;
}

crt_status ct_open(const char* config_json, crt_context** out, char* error, std::size_t error_len) {
  if (out == nullptr) return CRT_ERR_ARGUMENTS;
  *out = nullptr;
  try {
    const auto config = nlohmann::json::parse(config_json && *config_json ? config_json : "{}");
    auto ctx = std::make_unique<crt_context>();
    const std::string input = config.value("input", "data");
    const std::string format = config.value("format", "der");
    if ((input != "data" && input != "digest") || (format != "der" && format != "raw")) {
      if (error != nullptr && error_len > 0)
        std::snprintf(error, error_len, "input must be data|digest and format der|raw");
      return CRT_ERR_CONFIG;
    }
    ctx->digest_input = input == "digest";
    ctx->raw_format = format == "raw";
    *out = ctx.release();
    return CRT_OK;
  } catch (const std::exception& e) {
    if (error != nullptr && error_len > 0) std::snprintf(error, error_len, "%s", e.what());
    return CRT_ERR_CONFIG;
  }
}

void ct_close(crt_context* ctx) {
  delete ctx;
}

crt_status ct_last_error(crt_context* ctx, char* buf, std::size_t* len) {
  if (ctx == nullptr) return CRT_ERR_ARGUMENTS;
  return copy_out(ctx->error.c_str(), ctx->error.size() + 1, buf, len);
}

crt_status ct_list_tokens(crt_context* ctx, char* ids, std::size_t* len) {
  if (ctx == nullptr) return CRT_ERR_ARGUMENTS;
  static const char list[] = "CRYPTO-TEST-1\0";
  return copy_out(list, sizeof list, ids, len);
}

crt_status ct_token_info(crt_context* ctx, const char* id, crt_token_info* info) {
  if (ctx == nullptr || info == nullptr) return CRT_ERR_ARGUMENTS;
  const CallMarker marker(ctx);
  if (marker.overlapped()) return kConcurrentCall;
  if (id == nullptr || std::strcmp(id, kTokenId) != 0)
    return fail(ctx, CRT_ERR_TOKEN_NOT_PRESENT, "no such token");
  *info = crt_token_info{};
  std::snprintf(info->id, sizeof info->id, "%s", kTokenId);
  std::snprintf(info->label, sizeof info->label, "in-memory OpenSSL keys");
  std::snprintf(info->manufacturer, sizeof info->manufacturer, "CertRenew tests");
  std::snprintf(info->model, sizeof info->model, "crypto test driver");
  info->pin_retries_left = ctx->retries_left;
  info->pin_retries_max = kTries;
  info->pin_min_len = 4;
  info->pin_max_len = 16;
  info->flags = CRT_TOKEN_PIN_CHANGE;
  if (ctx->retries_left == 0)
    info->flags |= CRT_TOKEN_PIN_LOCKED;
  else if (ctx->retries_left == 1)
    info->flags |= CRT_TOKEN_PIN_FINAL_TRY;
  if (ctx->retries_left < kTries) info->flags |= CRT_TOKEN_PIN_COUNT_LOW;
  return CRT_OK;
}

crt_status ct_mechanisms(crt_context* ctx, const char* id, crt_mechanism_info* mechs,
                         std::size_t* count) {
  if (ctx == nullptr || count == nullptr) return CRT_ERR_ARGUMENTS;
  if (id == nullptr || std::strcmp(id, kTokenId) != 0)
    return fail(ctx, CRT_ERR_TOKEN_NOT_PRESENT, "no such token");
  const std::uint32_t input = ctx->digest_input ? CRT_INPUT_DIGEST : CRT_INPUT_DATA;
  const std::uint32_t ec_format = ctx->raw_format ? CRT_SIGFMT_RAW_RS : CRT_SIGFMT_DER;
  const crt_mechanism_info offered[] = {
      {CRT_SIG_RSA_PKCS1_SHA256, input, CRT_SIGFMT_PLAIN, 1, 2048, 4096, {}},
      {CRT_SIG_ECDSA_P256_SHA256, input, ec_format, 1, 256, 256, {}},
      {CRT_SIG_SM2_SM3, input, ec_format, 1, 256, 256, {}},
  };
  return copy_out(offered, std::size(offered), mechs, count);
}

crt_status ct_open_session(crt_context* ctx, const char* id, crt_session** out) {
  if (ctx == nullptr || out == nullptr) return CRT_ERR_ARGUMENTS;
  if (id == nullptr || std::strcmp(id, kTokenId) != 0)
    return fail(ctx, CRT_ERR_TOKEN_NOT_PRESENT, "no such token");
  *out = new (std::nothrow) crt_session{ctx};
  return *out ? CRT_OK : CRT_ERR_GENERAL;
}

void ct_close_session(crt_session* s) {
  delete s;
}

crt_status ct_login(crt_session* s, const std::uint8_t* pin, std::size_t pin_len,
                    std::int32_t* retries_left) {
  if (s == nullptr) return CRT_ERR_ARGUMENTS;
  const crt_status status = check_pin(s->ctx, pin, pin_len, retries_left);
  if (status == CRT_OK) s->logged_in = true;
  return status;
}

crt_status ct_logout(crt_session* s) {
  if (s == nullptr) return CRT_ERR_ARGUMENTS;
  s->logged_in = false;
  return CRT_OK;
}

crt_status ct_list_objects(crt_session* s, crt_object_info* objects, std::size_t* count) {
  if (s == nullptr || count == nullptr) return CRT_ERR_ARGUMENTS;
  const CallMarker marker(s->ctx);
  if (marker.overlapped()) return kConcurrentCall;
  std::vector<crt_object_info> all;
  auto add = [&](std::uint32_t kind, const Bytes& id, std::uint32_t type, std::uint32_t bits,
                 const std::string& label) {
    crt_object_info info{};
    info.kind = kind;
    std::copy(id.begin(), id.end(), info.id.bytes);
    info.id.len = static_cast<std::uint32_t>(id.size());
    info.key_type = type;
    info.key_bits = bits;
    std::snprintf(info.label, sizeof info.label, "%s", label.c_str());
    all.push_back(info);
  };
  for (const auto& [id, key] : s->ctx->keys)
    add(CRT_OBJ_PRIVATE_KEY, id, key.type, key.bits, key.label);
  for (const auto& [id, cert] : s->ctx->certificates)
    add(CRT_OBJ_CERTIFICATE, id, 0, 0, cert.label);
  return copy_out(all.data(), all.size(), objects, count);
}

crt_status ct_read_object(crt_session* s, std::uint32_t kind, const crt_object_id* id,
                          std::uint8_t* value, std::size_t* len) {
  if (s == nullptr || !id_valid(id)) return CRT_ERR_ARGUMENTS;
  const CallMarker marker(s->ctx);
  if (marker.overlapped()) return kConcurrentCall;
  const Bytes key_id = id_bytes(id);
  if (kind == CRT_OBJ_CERTIFICATE) {
    const auto it = s->ctx->certificates.find(key_id);
    if (it == s->ctx->certificates.end())
      return fail(s->ctx, CRT_ERR_OBJECT_NOT_FOUND, "no certificate with that id");
    return copy_out(it->second.der.data(), it->second.der.size(), value, len);
  }
  if (kind == CRT_OBJ_PRIVATE_KEY) {
    const auto it = s->ctx->keys.find(key_id);
    if (it == s->ctx->keys.end())
      return fail(s->ctx, CRT_ERR_OBJECT_NOT_FOUND, "no key with that id");
    const Bytes spki = spki_of(it->second.pkey.get());
    return copy_out(spki.data(), spki.size(), value, len);
  }
  return fail(s->ctx, CRT_ERR_ARGUMENTS, "unknown object kind");
}

crt_status ct_sign(crt_session* s, const crt_object_id* key_id, std::uint32_t algorithm,
                   const std::uint8_t* signer_id, std::size_t signer_id_len,
                   const std::uint8_t* input, std::size_t input_len, std::uint8_t* signature,
                   std::size_t* signature_len) {
  if (s == nullptr || !id_valid(key_id) || signature_len == nullptr || input == nullptr)
    return CRT_ERR_ARGUMENTS;
  crt_context* ctx = s->ctx;
  const CallMarker marker(ctx);
  if (marker.overlapped()) return kConcurrentCall;
  if (!s->logged_in) return fail(ctx, CRT_ERR_NOT_LOGGED_IN, "log in first");
  const auto it = ctx->keys.find(id_bytes(key_id));
  if (it == ctx->keys.end()) return fail(ctx, CRT_ERR_OBJECT_NOT_FOUND, "no key with that id");
  if (key_type_for(algorithm) != it->second.type)
    return fail(ctx, CRT_ERR_NOT_SUPPORTED, "the key cannot sign with that algorithm");
  if (ctx->digest_input && input_len != 32)
    return fail(ctx, CRT_ERR_DATA_INVALID, "a digest must have 32 bytes");
  const bool ec = algorithm != CRT_SIG_RSA_PKCS1_SHA256;
  if (signature == nullptr) {  // size query: the most a signature can take
    *signature_len = ec && ctx->raw_format
                         ? 64
                         : static_cast<std::size_t>(EVP_PKEY_get_size(it->second.pkey.get()));
    return CRT_OK;
  }
  Bytes sig = raw_sign(it->second.pkey.get(), algorithm, ctx->digest_input, signer_id,
                       signer_id_len, input, input_len);
  if (!sig.empty() && ec && ctx->raw_format) sig = der_to_raw(sig);
  if (sig.empty()) return fail(ctx, CRT_ERR_GENERAL, "OpenSSL could not sign");
  return copy_out(sig.data(), sig.size(), signature, signature_len);
}

crt_status ct_change_pin(crt_session* s, const std::uint8_t* old_pin, std::size_t old_len,
                         const std::uint8_t* new_pin, std::size_t new_len,
                         std::int32_t* retries_left) {
  if (s == nullptr) return CRT_ERR_ARGUMENTS;
  if (new_pin == nullptr || new_len < 4 || new_len > 16)
    return fail(s->ctx, CRT_ERR_PIN_INVALID, "the new PIN must have 4 to 16 characters");
  const crt_status status = check_pin(s->ctx, old_pin, old_len, retries_left);
  if (status == CRT_OK) s->ctx->pin.assign(reinterpret_cast<const char*>(new_pin), new_len);
  return status;
}

crt_status ct_generate_key(crt_session* s, std::uint32_t key_type, std::uint32_t bits,
                           const char* label, crt_object_id* id_out, std::uint8_t* spki,
                           std::size_t* spki_len) {
  if (s == nullptr || id_out == nullptr || spki == nullptr || spki_len == nullptr)
    return CRT_ERR_ARGUMENTS;
  crt_context* ctx = s->ctx;
  if (!s->logged_in) return fail(ctx, CRT_ERR_NOT_LOGGED_IN, "log in first");
  PkeyPtr key;
  std::uint32_t key_bits = 256;
  if (key_type == CRT_KEY_RSA) {
    key_bits = bits == 0 ? 2048 : bits;
    if (key_bits < 2048 || key_bits > 4096)
      return fail(ctx, CRT_ERR_NOT_SUPPORTED, "RSA keys have 2048 to 4096 bits here");
    key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<std::size_t>(key_bits)));
  } else if (key_type == CRT_KEY_EC_P256) {
    key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  } else if (key_type == CRT_KEY_SM2) {
    key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "SM2"));
  } else {
    return fail(ctx, CRT_ERR_NOT_SUPPORTED, "unknown key type");
  }
  if (!key) return fail(ctx, CRT_ERR_GENERAL, "OpenSSL could not generate the key");
  const Bytes public_key = spki_of(key.get());
  if (*spki_len < public_key.size()) return fail(ctx, CRT_ERR_BUFFER_TOO_SMALL, "SPKI too large");
  const Bytes id{0xC7, ctx->next_id++};
  *id_out = crt_object_id{};
  std::copy(id.begin(), id.end(), id_out->bytes);
  id_out->len = static_cast<std::uint32_t>(id.size());
  std::copy(public_key.begin(), public_key.end(), spki);
  *spki_len = public_key.size();
  ctx->keys[id] = Key{std::move(key), key_type, key_bits, label ? label : ""};
  return CRT_OK;
}

crt_status ct_write_certificate(crt_session* s, const crt_object_id* id, const char* label,
                                const std::uint8_t* der, std::size_t der_len) {
  if (s == nullptr || !id_valid(id) || der == nullptr) return CRT_ERR_ARGUMENTS;
  crt_context* ctx = s->ctx;
  if (!s->logged_in) return fail(ctx, CRT_ERR_NOT_LOGGED_IN, "log in first");
  const Bytes key = id_bytes(id);
  if (ctx->certificates.count(key)) return fail(ctx, CRT_ERR_OBJECT_EXISTS, "certificate exists");
  const unsigned char* p = der;
  X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(der_len)));
  if (!cert || p != der + der_len) return fail(ctx, CRT_ERR_DATA_INVALID, "not a DER certificate");
  ctx->certificates[key] = Certificate{Bytes(der, der + der_len), label ? label : ""};
  return CRT_OK;
}

crt_status ct_delete_object(crt_session* s, std::uint32_t kind, const crt_object_id* id) {
  if (s == nullptr || !id_valid(id)) return CRT_ERR_ARGUMENTS;
  crt_context* ctx = s->ctx;
  if (!s->logged_in) return fail(ctx, CRT_ERR_NOT_LOGGED_IN, "log in first");
  const Bytes key = id_bytes(id);
  const std::size_t erased = kind == CRT_OBJ_CERTIFICATE   ? ctx->certificates.erase(key)
                             : kind == CRT_OBJ_PRIVATE_KEY ? ctx->keys.erase(key)
                                                           : 0;
  return erased ? CRT_OK : fail(ctx, CRT_ERR_OBJECT_NOT_FOUND, "no such object");
}

// Every entry point is noexcept at the boundary: an escaping exception becomes CRT_ERR_GENERAL.
template <auto Fn, typename... Args>
crt_status guarded(Args... args) noexcept {
  try {
    return Fn(args...);
  } catch (...) {
    return CRT_ERR_GENERAL;
  }
}

const crt_driver_v1 table = {
    CRT_DRIVER_ABI_VERSION,
    sizeof(crt_driver_v1),
    "crypto-test",
    "CertRenew tests",
    "1.0.0",
    ct_open,
    ct_close,
    guarded<ct_last_error, crt_context*, char*, std::size_t*>,
    guarded<ct_list_tokens, crt_context*, char*, std::size_t*>,
    guarded<ct_token_info, crt_context*, const char*, crt_token_info*>,
    guarded<ct_mechanisms, crt_context*, const char*, crt_mechanism_info*, std::size_t*>,
    guarded<ct_open_session, crt_context*, const char*, crt_session**>,
    ct_close_session,
    guarded<ct_login, crt_session*, const std::uint8_t*, std::size_t, std::int32_t*>,
    guarded<ct_logout, crt_session*>,
    guarded<ct_list_objects, crt_session*, crt_object_info*, std::size_t*>,
    guarded<ct_read_object, crt_session*, std::uint32_t, const crt_object_id*, std::uint8_t*,
            std::size_t*>,
    guarded<ct_sign, crt_session*, const crt_object_id*, std::uint32_t, const std::uint8_t*,
            std::size_t, const std::uint8_t*, std::size_t, std::uint8_t*, std::size_t*>,
    guarded<ct_change_pin, crt_session*, const std::uint8_t*, std::size_t, const std::uint8_t*,
            std::size_t, std::int32_t*>,
    guarded<ct_generate_key, crt_session*, std::uint32_t, std::uint32_t, const char*,
            crt_object_id*, std::uint8_t*, std::size_t*>,
    guarded<ct_write_certificate, crt_session*, const crt_object_id*, const char*,
            const std::uint8_t*, std::size_t>,
    guarded<ct_delete_object, crt_session*, std::uint32_t, const crt_object_id*>,
};

}  // namespace

extern "C" CRT_DRIVER_EXPORT const crt_driver_v1* certrenew_driver_v1(void) {
  return &table;
}
