// A test driver whose "token" keeps real OpenSSL keys in memory, so the host's signing path can be
// proved end to end: the host's digests (SHA-256, SM2's e = SM3(Z || M)) and its DER encoding of
// raw r || s signatures are checked by verifying the results with OpenSSL.
//
// Configuration (JSON): {"input": "data" | "digest", "format": "der" | "raw"} selects what sign()
// takes for every algorithm and how ECDSA/SM2 signatures come back. One token, "CRYPTO-TEST-1",
// PIN "123456", three tries. Keys live as long as the context. Written with the SDK's C++ driver
// kit (certrenew/driver_kit), as a vendor would: no exception leaves an entry point.
#include <certrenew/driver_kit.hpp>
#include <certrenew/driver_kit/json_config.hpp>
#include <certrenew/driver_kit/openssl.hpp>

#include <openssl/ec.h>
#include <openssl/rsa.h>

#include <atomic>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace {

namespace kit = certrenew::driver_kit;
using Bytes = kit::Bytes;
using kit::EvpPkeyPtr, kit::EvpPkeyCtxPtr, kit::EvpMdCtxPtr, kit::fail;
using EcdsaSigPtr = kit::OpenSslPtr<ECDSA_SIG, ECDSA_SIG_free>;

constexpr const char* kTokenId = "CRYPTO-TEST-1";
constexpr std::string_view kPin = "123456";
constexpr int kTries = 3;

struct Key {
  EvpPkeyPtr pkey;
  std::uint32_t type;
  std::uint32_t bits;
  std::string label;
};
struct Certificate {
  Bytes der;
  std::string label;
};

void require_our_token(const char* id) {
  if (id == nullptr || std::strcmp(id, kTokenId) != 0)
    fail(CRT_ERR_TOKEN_NOT_PRESENT, "no such token");
}

struct CryptoSession;

struct CryptoContext : kit::ContextBase<CryptoSession> {
  explicit CryptoContext(const char* config_json) : ContextBase(kit::clear_openssl_errors) {
    const kit::JsonConfig config(config_json, "crypto-test");
    const std::string input = config.doc().value("input", "data");
    const std::string format = config.doc().value("format", "der");
    if ((input != "data" && input != "digest") || (format != "der" && format != "raw"))
      fail(CRT_ERR_CONFIG, "input must be data|digest and format der|raw");
    digest_input = input == "digest";
    raw_format = format == "raw";
  }
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

struct CryptoSession : kit::SessionBase<CryptoContext> {
  CryptoSession(CryptoContext& ctx, const char* token_id) : SessionBase(ctx) {
    require_our_token(token_id);
  }
  bool logged_in = false;
};

// Marks a call in progress on a context; `overlapped()` is true when another one was running.
class CallMarker {
 public:
  explicit CallMarker(CryptoContext& ctx) : ctx_(ctx), overlapped_(ctx.calls_in_progress++ != 0) {}
  ~CallMarker() { --ctx_.calls_in_progress; }
  CallMarker(const CallMarker&) = delete;
  CallMarker& operator=(const CallMarker&) = delete;
  bool overlapped() const { return overlapped_; }

 private:
  CryptoContext& ctx_;
  bool overlapped_;
};

// Returned, without touching the shared error text, when calls on one context overlap.
constexpr crt_status kConcurrentCall = CRT_ERR_DEVICE;

void require_login(const CryptoSession& s) {
  if (!s.logged_in) fail(CRT_ERR_NOT_LOGGED_IN, "log in first");
}

// The signature over `input` (a message or a 32-byte digest), DER for ECDSA/SM2.
Bytes raw_sign(EVP_PKEY* key, std::uint32_t algorithm, bool digest_input, const std::uint8_t* sid,
               std::size_t sid_len, const std::uint8_t* input, std::size_t input_len) {
  std::size_t len = 0;
  Bytes sig(static_cast<std::size_t>(EVP_PKEY_get_size(key)));
  if (digest_input) {
    EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new(key, nullptr));
    if (!ctx || EVP_PKEY_sign_init(ctx.get()) != 1) return {};
    if (algorithm == CRT_SIG_RSA_PKCS1_SHA256 &&
        (EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) != 1 ||
         EVP_PKEY_CTX_set_signature_md(ctx.get(), EVP_sha256()) != 1))
      return {};
    len = sig.size();
    if (EVP_PKEY_sign(ctx.get(), sig.data(), &len, input, input_len) != 1) return {};
  } else {
    EvpMdCtxPtr md(EVP_MD_CTX_new());
    if (!md) return {};
    const EVP_MD* hash = EVP_sha256();
    if (algorithm == CRT_SIG_SM2_SM3) {
      // SM2 needs its signer ID on the key context before the digest starts.
      hash = EVP_sm3();
      EvpPkeyCtxPtr pctx(EVP_PKEY_CTX_new(key, nullptr));
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

// Checks a PIN against the token's, counting tries; `retries` gets what is left.
void check_pin(CryptoContext& ctx, const std::uint8_t* pin, std::size_t pin_len,
               kit::RetriesOut& retries) {
  retries.value = ctx.retries_left;
  if (ctx.retries_left == 0) fail(CRT_ERR_PIN_LOCKED, "the PIN is locked");
  if (pin == nullptr || pin_len < 4 || pin_len > 16)
    fail(CRT_ERR_PIN_INVALID, "the PIN must have 4 to 16 characters");
  if (std::string_view(reinterpret_cast<const char*>(pin), pin_len) != ctx.pin) {
    retries.value = --ctx.retries_left;
    fail(CRT_ERR_PIN_INCORRECT, "wrong PIN");
  }
  retries.value = ctx.retries_left = kTries;
}

EvpPkeyPtr new_key(std::uint32_t key_type, std::uint32_t& bits) {
  if (key_type == CRT_KEY_RSA) {
    bits = bits == 0 ? 2048 : bits;
    if (bits < 2048 || bits > 4096)
      fail(CRT_ERR_NOT_SUPPORTED, "RSA keys have 2048 to 4096 bits here");
    return EvpPkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<std::size_t>(bits)));
  }
  bits = 256;
  if (key_type == CRT_KEY_EC_P256)
    return EvpPkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  if (key_type == CRT_KEY_SM2) return EvpPkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "SM2"));
  fail(CRT_ERR_NOT_SUPPORTED, "unknown key type");
}

// The ABI's operations in C++; kit::driver_table makes the C entry points around them.
struct CryptoDriver : kit::DriverTypes<CryptoContext, CryptoSession> {
  static constexpr kit::DriverIdentity identity{"crypto-test", "CertRenew tests", "1.0.0"};

  static std::vector<std::string> list_tokens(CryptoContext&) { return {kTokenId}; }

  static crt_token_info get_token_info(CryptoContext& ctx, const char* id) {
    require_our_token(id);
    crt_token_info info{};
    kit::copy_text(info.id, kTokenId);
    kit::copy_text(info.label, "in-memory OpenSSL keys");
    kit::copy_text(info.manufacturer, "CertRenew tests");
    kit::copy_text(info.model, "crypto test driver");
    info.pin_retries_left = ctx.retries_left;
    info.pin_retries_max = kTries;
    info.pin_min_len = 4;
    info.pin_max_len = 16;
    info.flags = CRT_TOKEN_PIN_CHANGE | kit::retry_flags(ctx.retries_left, kTries);
    return info;
  }

  static std::vector<crt_mechanism_info> get_mechanisms(CryptoContext& ctx, const char* id) {
    require_our_token(id);
    const std::uint32_t input = ctx.digest_input ? CRT_INPUT_DIGEST : CRT_INPUT_DATA;
    const std::uint32_t ec_format = ctx.raw_format ? CRT_SIGFMT_RAW_RS : CRT_SIGFMT_DER;
    return {
        {CRT_SIG_RSA_PKCS1_SHA256, input, CRT_SIGFMT_PLAIN, 1, 2048, 4096, {}},
        {CRT_SIG_ECDSA_P256_SHA256, input, ec_format, 1, 256, 256, {}},
        {CRT_SIG_SM2_SM3, input, ec_format, 1, 256, 256, {}},
    };
  }

  static void login(CryptoSession& s, const std::uint8_t* pin, std::size_t pin_len,
                    kit::RetriesOut& retries) {
    check_pin(*s.ctx, pin, pin_len, retries);
    s.logged_in = true;
  }

  static void logout(CryptoSession& s) { s.logged_in = false; }

  static std::vector<crt_object_info> list_objects(CryptoSession& s) {
    std::vector<crt_object_info> all;
    for (const auto& [id, key] : s.ctx->keys)
      all.push_back(kit::object_info(CRT_OBJ_PRIVATE_KEY, id, key.type, key.bits, key.label));
    for (const auto& [id, cert] : s.ctx->certificates)
      all.push_back(kit::object_info(CRT_OBJ_CERTIFICATE, id, 0, 0, cert.label));
    return all;
  }

  static Bytes read_object(CryptoSession& s, std::uint32_t kind, const Bytes& id) {
    if (kind == CRT_OBJ_CERTIFICATE) {
      const auto it = s.ctx->certificates.find(id);
      if (it == s.ctx->certificates.end())
        fail(CRT_ERR_OBJECT_NOT_FOUND, "no certificate with that id");
      return it->second.der;
    }
    const auto it = s.ctx->keys.find(id);
    if (it == s.ctx->keys.end()) fail(CRT_ERR_OBJECT_NOT_FOUND, "no key with that id");
    return kit::spki_of(it->second.pkey.get());
  }

  static crt_status sign(CryptoSession& s, const kit::SignRequest& r,
                         const kit::SignatureOut& out) {
    kit::require(r.input, "input");
    CryptoContext& ctx = *s.ctx;
    require_login(s);
    const auto it = ctx.keys.find(r.key_id);
    if (it == ctx.keys.end()) fail(CRT_ERR_OBJECT_NOT_FOUND, "no key with that id");
    if (kit::key_type_for(r.algorithm) != it->second.type)
      fail(CRT_ERR_NOT_SUPPORTED, "the key cannot sign with that algorithm");
    if (ctx.digest_input && r.input_len != 32)
      fail(CRT_ERR_DATA_INVALID, "a digest must have 32 bytes");
    const bool raw = r.algorithm != CRT_SIG_RSA_PKCS1_SHA256 && ctx.raw_format;
    EVP_PKEY* key = it->second.pkey.get();
    if (!out.room_for(raw ? 64 : static_cast<std::size_t>(EVP_PKEY_get_size(key)))) return CRT_OK;
    Bytes sig = raw_sign(key, r.algorithm, ctx.digest_input, r.signer_id, r.signer_id_len, r.input,
                         r.input_len);
    if (!sig.empty() && raw) sig = der_to_raw(sig);
    if (sig.empty()) fail(CRT_ERR_GENERAL, "OpenSSL could not sign");
    return out.put(sig);
  }

  static void change_pin(CryptoSession& s, const kit::Secret& old_pin, const kit::Secret& new_pin,
                         kit::RetriesOut& retries) {
    if (new_pin.size() < 4 || new_pin.size() > 16)
      fail(CRT_ERR_PIN_INVALID, "the new PIN must have 4 to 16 characters");
    check_pin(*s.ctx, old_pin.data(), old_pin.size(), retries);
    s.ctx->pin.assign(reinterpret_cast<const char*>(new_pin.data()), new_pin.size());
  }

  static crt_status generate_key(CryptoSession& s, std::uint32_t key_type, std::uint32_t bits,
                                 const std::string& label, const kit::GeneratedKeyOut& out) {
    require_login(s);
    EvpPkeyPtr key = new_key(key_type, bits);
    if (!key) fail(CRT_ERR_GENERAL, "OpenSSL could not generate the key");
    const Bytes id{0xC7, s.ctx->next_id++};
    out.put(id, kit::spki_of(key.get()));
    s.ctx->keys[id] = Key{std::move(key), key_type, bits, label};
    return CRT_OK;
  }

  static void write_certificate(CryptoSession& s, const Bytes& id, const std::string& label,
                                const Bytes& der) {
    require_login(s);
    if (s.ctx->certificates.count(id)) fail(CRT_ERR_OBJECT_EXISTS, "certificate exists");
    if (!kit::decode_certificate(der.data(), der.size()))
      fail(CRT_ERR_DATA_INVALID, "not a DER certificate");
    s.ctx->certificates[id] = Certificate{der, label};
  }

  static void delete_object(CryptoSession& s, std::uint32_t kind, const Bytes& id) {
    require_login(s);
    const std::size_t erased =
        kind == CRT_OBJ_CERTIFICATE ? s.ctx->certificates.erase(id) : s.ctx->keys.erase(id);
    if (erased == 0) fail(CRT_ERR_OBJECT_NOT_FOUND, "no such object");
  }
};

// The context an entry point's handle belongs to (NULL for a NULL handle).
CryptoContext* context_of(crt_context* h) {
  return kit::Entries<CryptoDriver>::context(h);
}
CryptoContext* context_of(crt_session* h) {
  CryptoSession* s = kit::Entries<CryptoDriver>::session(h);
  return s == nullptr ? nullptr : s->ctx;
}

// An entry point that first marks its call on the context, and refuses (kConcurrentCall, without
// touching the shared error text) a call that overlaps another one on the same context.
template <auto Entry, typename = decltype(Entry)>
struct Marked;
template <auto Entry, typename Handle, typename... Args>
struct Marked<Entry, crt_status (*)(Handle, Args...) noexcept> {
  static crt_status call(Handle h, Args... args) noexcept {
    CryptoContext* ctx = context_of(h);
    if (ctx == nullptr) return Entry(h, args...);
    const CallMarker marker(*ctx);
    return marker.overlapped() ? kConcurrentCall : Entry(h, args...);
  }
};

constexpr crt_driver_v1 kTable = [] {
  using E = kit::Entries<CryptoDriver>;
  crt_driver_v1 table = kit::driver_table<CryptoDriver>();
  table.get_token_info = &Marked<&E::get_token_info>::call;
  table.list_objects = &Marked<&E::list_objects>::call;
  table.read_object = &Marked<&E::read_object>::call;
  table.sign = &Marked<&E::sign>::call;
  return table;
}();

}  // namespace

extern "C" CRT_DRIVER_EXPORT const crt_driver_v1* certrenew_driver_v1(void) {
  return &kTable;
}
