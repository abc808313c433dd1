// The C ABI of the softtoken (sdk/include/certrenew/token_driver.h) over the Token class. The
// boundary plumbing (handles, guarded calls, last_error, the two-call pattern) is the driver
// kit's (sdk/include/certrenew/driver_kit): no exception crosses the boundary.

#include <certrenew/softtoken/driver.hpp>

#include <certrenew/driver_kit/openssl.hpp>
#include "driver_config.hpp"
#include "encryption_keys.hpp"
#include "file_io.hpp"
#include "key_material.hpp"
#include "secret.hpp"
#include "signing.hpp"
#include "token.hpp"

#include <certrenew/driver_kit.hpp>
#include <certrenew/softtoken/store.hpp>

#include <algorithm>
#include <cstring>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace certrenew::softtoken {

namespace {

// The driver's own context and session types, seen by the host only as the opaque crt_context /
// crt_session handles (internal linkage: another driver in the process may use the same names).
struct DriverSession;

struct DriverContext : kit::ContextBase<DriverSession> {
  explicit DriverContext(const char* config_json)
      : ContextBase(kit::clear_openssl_errors),
        config(parse_driver_config(config_json)),
        writer(config.fail_write) {}
  DriverConfig config;
  FileWriter writer;
};

// A session is one token in use; it holds the data-encryption key while logged in.
struct DriverSession : kit::SessionBase<DriverContext> {
  DriverSession(DriverContext& ctx, const char* token_id);
  fs::path dir;
  std::string serial;
  std::optional<Secret> dek;
  bool removed = false;  // the token was seen unplugged: this session stays dead
};

using kit::bad_arguments;

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
  kit::require(token_id, "the token id");
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

// A renewal asks for the old certificate's label: kit::distinct_label tells the new one apart
// from every other object of the token (not from the key it is paired with).
std::string label_for_new_certificate(const Token& token, const ObjectId& id,
                                      const std::string& wanted, const kit::Bytes& der) {
  std::vector<std::string> taken;
  for (const KeyRecord& key : token.keys())
    if (key.id != id) taken.push_back(key.label);
  for (const CertificateEntry& cert : token.certificates())
    if (cert.id != id) taken.push_back(cert.label);
  return kit::distinct_label(wanted, kit::not_after_date(parse_certificate(der).get()), taken);
}

DriverSession::DriverSession(DriverContext& ctx, const char* token_id) : SessionBase(ctx) {
  FoundToken token = find_token(ctx, token_id);
  dir = std::move(token.dir);
  serial = std::move(token.meta.serial);
}

constexpr crt_mechanism_info kMechanisms[] = {
    {CRT_SIG_RSA_PKCS1_SHA256, CRT_INPUT_DATA, CRT_SIGFMT_PLAIN, 1, 2048, 3072, {}},
    {CRT_SIG_ECDSA_P256_SHA256, CRT_INPUT_DATA, CRT_SIGFMT_DER, 1, 256, 256, {}},
    {CRT_SIG_SM2_SM3, CRT_INPUT_DATA, CRT_SIGFMT_DER, 1, 256, 256, {}},
};

// The ABI's operations in C++; kit::driver_table makes the C entry points around them.
struct Softtoken : kit::DriverTypes<DriverContext, DriverSession> {
  static constexpr kit::DriverIdentity identity{"softtoken", "CertRenew", "1.0.0"};

  static std::vector<std::string> list_tokens(DriverContext& ctx) {
    std::vector<std::string> serials;
    for (const FoundToken& token : scan_tokens(ctx)) serials.push_back(token.meta.serial);
    return serials;
  }

  static crt_token_info get_token_info(DriverContext& ctx, const char* token_id) {
    const TokenMeta meta = find_token(ctx, token_id).meta;
    crt_token_info info{};
    kit::copy_text(info.id, meta.serial);
    kit::copy_text(info.label, meta.label);
    kit::copy_text(info.manufacturer, kManufacturer);
    kit::copy_text(info.model, kModel);
    info.flags = CRT_TOKEN_PIN_CHANGE | kit::retry_flags(meta.retries_left, meta.retries_max);
    info.pin_retries_left = meta.retries_left;
    info.pin_retries_max = meta.retries_max;
    info.pin_min_len = static_cast<std::uint32_t>(kPinMinLen);
    info.pin_max_len = static_cast<std::uint32_t>(kPinMaxLen);
    return info;
  }

  static std::vector<crt_mechanism_info> get_mechanisms(DriverContext& ctx, const char* token_id) {
    find_token(ctx, token_id);
    return {std::begin(kMechanisms), std::end(kMechanisms)};
  }

  static void login(DriverSession& s, const std::uint8_t* pin, std::size_t pin_len,
                    kit::RetriesOut& retries) {
    if (pin == nullptr) bad_arguments("this token has no PIN pad: a PIN is needed");
    Token token = present_token(s);
    s.dek = token.unlock({pin, pin_len}, retries.value);
  }

  static void logout(DriverSession& s) {
    s.dek.reset();  // logging out of a session that is not logged in is harmless
  }

  static void change_pin(DriverSession& s, const Secret& old_pin, const Secret& new_pin,
                         kit::RetriesOut& retries) {
    Token token = present_token(s);
    token.change_pin(old_pin.view(), new_pin.view(), retries.value);
  }

  static std::vector<crt_object_info> list_objects(DriverSession& s) {
    const Token token = present_token(s);
    std::vector<crt_object_info> infos;
    for (const KeyRecord& key : token.keys()) {
      infos.push_back(
          kit::object_info(CRT_OBJ_PRIVATE_KEY, key.id, key.key_type, key.bits, key.label));
      infos.back().usage = key.usage;
    }
    for (const CertificateEntry& cert : token.certificates()) {
      const KeyKind kind = describe_certificate(cert.der);
      infos.push_back(
          kit::object_info(CRT_OBJ_CERTIFICATE, cert.id, kind.type, kind.bits, cert.label));
      infos.back().usage = usage_of(token, cert.id);
    }
    return infos;
  }

  static kit::Bytes read_object(DriverSession& s, std::uint32_t kind, const ObjectId& id) {
    const Token token = present_token(s);
    if (kind == CRT_OBJ_CERTIFICATE) {
      auto cert = token.find_certificate(id);
      if (!cert) throw StoreError(CRT_ERR_OBJECT_NOT_FOUND, "no certificate with that id");
      return std::move(cert->der);
    }
    auto key = token.find_key(id);
    if (!key) throw StoreError(CRT_ERR_OBJECT_NOT_FOUND, "no key with that id");
    return std::move(key->spki);  // the public half only, never the private key
  }

  static crt_status sign(DriverSession& s, const kit::SignRequest& r,
                         const kit::SignatureOut& out) {
    const Token token = present_token(s);
    const Secret& dek = logged_in_key(s);
    const std::optional<KeyRecord> key = token.find_key(r.key_id);
    if (!key) throw StoreError(CRT_ERR_OBJECT_NOT_FOUND, "no key with that id");
    kit::check_key_fits(r.algorithm, key->key_type);

    const kit::EvpPkeyPtr public_key = parse_spki(key->spki);
    if (!public_key) throw StoreError(CRT_ERR_DEVICE, "the key's public half is damaged");
    // ECDSA and SM2 signatures vary in length: announce the largest, report the actual one.
    if (!out.room_for(max_signature_size(public_key.get()))) return CRT_OK;
    const kit::EvpPkeyPtr private_key = token.load_private_key(dek, *key);
    const bool sm2 = r.algorithm == CRT_SIG_SM2_SM3;
    return out.put(sign_message(private_key.get(), r.algorithm,
                                {sm2 ? r.signer_id : nullptr, sm2 ? r.signer_id_len : 0},
                                {r.input, r.input_len}));
  }

  static crt_status generate_key(DriverSession& s, std::uint32_t key_type, std::uint32_t bits,
                                 const std::string& label, const kit::GeneratedKeyOut& out) {
    Token token = present_token(s);
    const Secret& dek = logged_in_key(s);
    const kit::EvpPkeyPtr key = generate_key_pair(key_type, bits);
    const KeyRecord record = token.add_key(dek, key.get(), label);
    return out.put(record.id, record.spki);
  }

  static void write_certificate(DriverSession& s, const ObjectId& id, const std::string& label,
                                const kit::Bytes& der) {
    write_certificate_for(s, id, CRT_USAGE_SIGNING, label, der);
  }

  static ObjectId import_enveloped_key(DriverSession& s, const ObjectId& signing_key_id,
                                       const crt_sm2_enveloped_key& envelope,
                                       const std::string& label) {
    Token token = present_token(s);
    return softtoken::import_enveloped_key(token, logged_in_key(s), signing_key_id, envelope,
                                           label);
  }

  static void write_certificate_for(DriverSession& s, const ObjectId& id, std::uint32_t usage,
                                    const std::string& label, const kit::Bytes& der) {
    Token token = present_token(s);
    logged_in_key(s);
    require_key_usage(token, id, usage);
    token.add_certificate(id, label_for_new_certificate(token, id, label, der), der);
  }

  static Secret open_sealed(DriverSession& s, const ObjectId& key_id,
                            const crt_sm2_cipher& wrapped_key, const kit::Bytes& data) {
    const Token token = present_token(s);
    return softtoken::open_sealed(token, logged_in_key(s), key_id, wrapped_key, data);
  }

  static void delete_object(DriverSession& s, std::uint32_t kind, const ObjectId& id) {
    Token token = present_token(s);
    logged_in_key(s);
    if (kind == CRT_OBJ_CERTIFICATE)
      token.delete_certificate(id);
    else
      token.delete_key(id);
  }
};

constexpr crt_driver_v1 kDriverTable = kit::driver_table<Softtoken>();

}  // namespace

const crt_driver_v1* driver_table() {
  return &kDriverTable;
}

}  // namespace certrenew::softtoken
