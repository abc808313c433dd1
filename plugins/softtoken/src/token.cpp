#include "token.hpp"

#include "codec.hpp"
#include "crypto.hpp"

#include <certrenew/token_driver.h>

#include <algorithm>
#include <cctype>

namespace certrenew::softtoken {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxJsonFile = 64 * 1024;
constexpr std::size_t kMaxCertificate = 1024 * 1024;
constexpr std::size_t kSaltSize = 16;

ScryptParams scrypt_params_for(KdfCost cost) {
  ScryptParams params;
  params.n = cost == KdfCost::fast ? (std::uint64_t{1} << 10) : (std::uint64_t{1} << 15);
  params.r = 8;
  params.p = 1;
  params.salt = random_bytes(kSaltSize);
  return params;
}

std::string random_serial() {
  std::string serial = hex_encode(random_bytes(8));
  std::transform(serial.begin(), serial.end(), serial.begin(), [](char c) {
    return static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  });
  return serial;
}

// Every object in `dir` whose file is named <hex id><extension>, as `find` reads it, by id.
template <typename Find>
auto all_objects(const fs::path& dir, const char* extension, Find find) {
  std::vector<typename decltype(find(ObjectId{}))::value_type> objects;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const auto id = id_from_file_name(entry.path().filename(), extension);
    if (!id || !entry.is_regular_file(ec)) continue;  // temporary files, strangers
    if (auto object = find(*id)) objects.push_back(std::move(*object));
  }
  std::sort(objects.begin(), objects.end(),
            [](const auto& a, const auto& b) { return a.id < b.id; });
  return objects;
}

// A file's bytes, or nullopt when there is no such regular file.
std::optional<std::vector<std::uint8_t>> read_if_present(const fs::path& file, std::size_t max) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return std::nullopt;
  return read_file(file, max);
}

bool directory_is_empty(const fs::path& dir) {
  std::error_code ec;
  return fs::is_empty(dir, ec) && !ec;
}

}  // namespace

void check_pin_length(std::span<const std::uint8_t> pin, const char* which) {
  if (pin.size() < kPinMinLen || pin.size() > kPinMaxLen)
    throw StoreError(CRT_ERR_PIN_INVALID, std::string("the ") + which + " must have " +
                                              std::to_string(kPinMinLen) + " to " +
                                              std::to_string(kPinMaxLen) + " characters");
}

std::optional<ObjectId> id_from_file_name(const fs::path& file, const char* extension) {
  if (file.extension() != extension) return std::nullopt;
  const std::string stem = file.stem().string();
  // Only the canonical lower-case form, so one id has exactly one file name.
  if (std::any_of(stem.begin(), stem.end(), [](char c) { return c >= 'A' && c <= 'F'; }))
    return std::nullopt;
  auto id = hex_decode(stem);
  if (!id || id->empty() || id->size() > CRT_ID_MAX) return std::nullopt;
  return id;
}

std::string Token::create(const fs::path& dir, const TokenOptions& options,
                          std::span<const std::uint8_t> pin, FileWriter& writer) {
  check_pin_length(pin);
  if (options.label.empty() || !valid_label(options.label))
    throw StoreError(CRT_ERR_ARGUMENTS,
                     "the token label must be 1 to 127 bytes of UTF-8 without control characters");
  if (!options.serial.empty() && !valid_serial(options.serial))
    throw StoreError(CRT_ERR_ARGUMENTS,
                     "the serial must be 1 to 127 printable ASCII characters without spaces");
  if (options.max_retries < 1 || options.max_retries > kMaxRetriesLimit)
    throw StoreError(CRT_ERR_ARGUMENTS,
                     "the PIN retry count must be 1 to " + std::to_string(kMaxRetriesLimit));
  std::error_code ec;
  if (fs::exists(dir, ec)) {
    if (!fs::is_directory(dir, ec))
      throw StoreError(CRT_ERR_OBJECT_EXISTS, dir.string() + " exists and is not a directory");
    if (!directory_is_empty(dir))
      throw StoreError(CRT_ERR_OBJECT_EXISTS,
                       "refusing to create a token in " + dir.string() +
                           ": the directory is not empty (a token is never overwritten)");
  }

  TokenMeta meta;
  meta.serial = options.serial.empty() ? random_serial() : options.serial;
  meta.label = options.label;
  meta.retries_max = options.max_retries;
  meta.retries_left = options.max_retries;
  meta.kdf = scrypt_params_for(options.cost);
  const Secret dek = random_secret(kAesKeySize);
  const Secret kek = scrypt_derive(pin, meta.kdf);
  meta.wrapped_dek = gcm_seal(kek.view(), dek.view(), as_bytes(dek_aad(meta.serial)));

  for (const char* sub : {kKeysDirName, kCertsDirName}) {
    fs::create_directories(dir / sub, ec);
    if (ec)
      throw StoreError(CRT_ERR_DEVICE,
                       "cannot create " + (dir / sub).string() + ": " + ec.message());
    fs::permissions(dir / sub, fs::perms::owner_all, fs::perm_options::replace, ec);
  }
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);
  // token.json is written last: its presence is what makes the directory a token.
  writer.write(dir / kTokenFileName, serialize_meta(meta), WriteMode::create_new);
  return meta.serial;
}

fs::path Token::token_file() const {
  return dir_ / kTokenFileName;
}
fs::path Token::key_file(const ObjectId& id) const {
  return dir_ / kKeysDirName / (hex_encode(id) + ".json");
}
fs::path Token::cert_file(const ObjectId& id) const {
  return dir_ / kCertsDirName / (hex_encode(id) + ".der");
}
fs::path Token::cert_label_file(const ObjectId& id) const {
  return dir_ / kCertsDirName / (hex_encode(id) + ".json");
}

bool Token::has_token_file() const {
  std::error_code ec;
  return fs::is_regular_file(token_file(), ec);
}

TokenMeta Token::read_meta() const {
  if (!has_token_file())
    throw StoreError(CRT_ERR_TOKEN_NOT_PRESENT, "no token in " + dir_.string());
  return parse_meta(read_file(token_file(), kMaxJsonFile), token_file());
}

void Token::save_meta(const TokenMeta& meta) {
  writer_.write(token_file(), serialize_meta(meta), WriteMode::replace);
}

Secret Token::verify_pin(TokenMeta& meta, std::span<const std::uint8_t> pin, int& retries_left) {
  // Spend the try on disk first: if we crash (or are killed) during the check, it stays spent.
  meta.retries_left -= 1;
  save_meta(meta);
  retries_left = meta.retries_left;

  const Secret kek = scrypt_derive(pin, meta.kdf);
  std::optional<Secret> dek =
      gcm_open(kek.view(), meta.wrapped_dek, as_bytes(dek_aad(meta.serial)));
  if (!dek) {
    if (meta.retries_left == 0)
      throw StoreError(CRT_ERR_PIN_INCORRECT, "wrong PIN; the PIN is now locked");
    throw StoreError(CRT_ERR_PIN_INCORRECT,
                     "wrong PIN; " + std::to_string(meta.retries_left) + " tries left");
  }
  return std::move(*dek);
}

TokenMeta Token::meta_for_pin_check(int& retries_left) const {
  retries_left = CRT_RETRIES_UNKNOWN;
  TokenMeta meta = read_meta();
  retries_left = meta.retries_left;
  if (meta.retries_left == 0)
    throw StoreError(CRT_ERR_PIN_LOCKED, "the PIN is locked (no tries left)");
  return meta;
}

Secret Token::unlock(std::span<const std::uint8_t> pin, int& retries_left) {
  const TokenLock lock(dir_);
  TokenMeta meta = meta_for_pin_check(retries_left);
  check_pin_length(pin);

  Secret dek = verify_pin(meta, pin, retries_left);
  meta.retries_left = meta.retries_max;
  save_meta(meta);
  retries_left = meta.retries_left;
  return dek;
}

void Token::change_pin(std::span<const std::uint8_t> old_pin, std::span<const std::uint8_t> new_pin,
                       int& retries_left) {
  const TokenLock lock(dir_);
  TokenMeta meta = meta_for_pin_check(retries_left);
  check_pin_length(old_pin, "current PIN");
  check_pin_length(new_pin, "new PIN");

  const Secret dek = verify_pin(meta, old_pin, retries_left);
  // Only the DEK is rewrapped (new salt, new nonce); the keys stay encrypted under the same DEK.
  meta.kdf.salt = random_bytes(kSaltSize);
  const Secret kek = scrypt_derive(new_pin, meta.kdf);
  meta.wrapped_dek = gcm_seal(kek.view(), dek.view(), as_bytes(dek_aad(meta.serial)));
  meta.retries_left = meta.retries_max;
  save_meta(meta);
  retries_left = meta.retries_left;
}

std::vector<KeyRecord> Token::keys() const {
  return all_objects(dir_ / kKeysDirName, ".json",
                     [&](const ObjectId& id) { return find_key(id); });
}

std::optional<KeyRecord> Token::find_key(const ObjectId& id) const {
  const fs::path file = key_file(id);
  const auto json = read_if_present(file, kMaxJsonFile);
  if (!json) return std::nullopt;
  KeyRecord record = parse_key(*json, file);
  if (record.id != id)
    throw StoreError(CRT_ERR_DEVICE,
                     "damaged token file " + file.string() + ": id differs from name");
  return record;
}

std::vector<CertificateEntry> Token::certificates() const {
  return all_objects(dir_ / kCertsDirName, ".der",
                     [&](const ObjectId& id) { return find_certificate(id); });
}

std::optional<CertificateEntry> Token::find_certificate(const ObjectId& id) const {
  auto der = read_if_present(cert_file(id), kMaxCertificate);
  if (!der) return std::nullopt;
  CertificateEntry cert{id, std::move(*der), {}};
  const fs::path label_file = cert_label_file(id);
  if (const auto label = read_if_present(label_file, kMaxJsonFile))
    cert.label = parse_cert_label(*label, label_file);
  return cert;
}

KeyRecord Token::add_key(const Secret& dek, const EVP_PKEY* key, const std::string& label,
                         const ObjectId& signing_key) {
  if (!valid_label(label))
    throw StoreError(CRT_ERR_ARGUMENTS,
                     "the label must be at most 127 bytes of UTF-8 without control characters");
  const KeyKind kind = describe_key(key);
  if (kind.type == 0)
    throw StoreError(CRT_ERR_NOT_SUPPORTED,
                     "unsupported key (softtoken holds RSA, EC P-256 and SM2 keys)");
  KeyRecord record;
  record.id = key_id(key);
  record.key_type = kind.type;
  record.bits = kind.bits;
  record.label = label;
  record.spki = spki_der(key);
  if (!signing_key.empty()) {
    record.usage = CRT_USAGE_ENCRYPTION;
    record.signing_key = signing_key;
  }
  if (record.spki.size() > CRT_SPKI_MAX)
    throw StoreError(CRT_ERR_NOT_SUPPORTED, "the public key is too large");
  const Secret pkcs8 = pkcs8_der(key);
  const TokenLock lock(dir_);
  record.private_key = gcm_seal(dek.view(), pkcs8.view(), as_bytes(key_aad(record.id)));
  try {
    writer_.write(key_file(record.id), serialize_key(record), WriteMode::create_new);
  } catch (const StoreError& e) {
    if (e.status() != CRT_ERR_OBJECT_EXISTS) throw;
    throw StoreError(CRT_ERR_OBJECT_EXISTS,
                     "a key with id " + hex_encode(record.id) + " is already on the token");
  }
  return record;
}

void Token::add_certificate(const ObjectId& id, const std::string& label,
                            std::span<const std::uint8_t> der) {
  if (id.empty() || id.size() > CRT_ID_MAX)
    throw StoreError(CRT_ERR_ARGUMENTS, "an object id has 1 to 64 bytes");
  if (!valid_label(label))
    throw StoreError(CRT_ERR_ARGUMENTS,
                     "the label must be at most 127 bytes of UTF-8 without control characters");
  const kit::X509Ptr cert = parse_certificate(der);
  if (!cert)
    throw StoreError(CRT_ERR_DATA_INVALID, "the data is not one DER-encoded X.509 certificate");
  if (const std::optional<KeyRecord> key = find_key(id)) {
    const kit::EvpPkeyPtr key_public = parse_spki(key->spki);
    if (!key_public || EVP_PKEY_eq(key_public.get(), X509_get0_pubkey(cert.get())) != 1)
      throw StoreError(
          CRT_ERR_DATA_INVALID,
          "the certificate's public key does not match the key with id " + hex_encode(id));
  }
  const TokenLock lock(dir_);  // makes the existence check below authoritative
  const std::string exists_text =
      "a certificate with id " + hex_encode(id) + " is already on the token";
  std::error_code ec;
  if (fs::exists(cert_file(id), ec)) throw StoreError(CRT_ERR_OBJECT_EXISTS, exists_text);

  // The label first: a label without its certificate is ignored, so a failure between the two
  // writes leaves no certificate behind (and the stray label is cleaned up).
  const fs::path label_file = cert_label_file(id);
  writer_.write(label_file, serialize_cert_label(label), WriteMode::replace);
  try {
    writer_.write(cert_file(id), der, WriteMode::create_new);
  } catch (const StoreError& e) {
    if (e.status() == CRT_ERR_OBJECT_EXISTS) throw StoreError(CRT_ERR_OBJECT_EXISTS, exists_text);
    FileWriter::discard(label_file);
    throw;
  }
}

void Token::delete_key(const ObjectId& id) {
  const TokenLock lock(dir_);
  if (!writer_.remove(key_file(id)))
    throw StoreError(CRT_ERR_OBJECT_NOT_FOUND, "no key with id " + hex_encode(id));
}

void Token::delete_certificate(const ObjectId& id) {
  const TokenLock lock(dir_);
  if (!writer_.remove(cert_file(id)))
    throw StoreError(CRT_ERR_OBJECT_NOT_FOUND, "no certificate with id " + hex_encode(id));
  FileWriter::discard(cert_label_file(id));  // a stray label is ignored anyway
}

kit::EvpPkeyPtr Token::load_private_key(const Secret& dek, const KeyRecord& key) const {
  const std::optional<Secret> pkcs8 =
      gcm_open(dek.view(), key.private_key, as_bytes(key_aad(key.id)));
  if (!pkcs8)
    throw StoreError(CRT_ERR_DEVICE, "the key " + hex_encode(key.id) +
                                         " does not decrypt: its file is damaged or foreign");
  kit::EvpPkeyPtr private_key = parse_pkcs8(pkcs8->view());
  const kit::EvpPkeyPtr public_key = parse_spki(key.spki);
  if (!private_key || !public_key || EVP_PKEY_eq(private_key.get(), public_key.get()) != 1)
    throw StoreError(CRT_ERR_DEVICE, "the key " + hex_encode(key.id) +
                                         " is damaged: private and public halves differ");
  return private_key;
}

}  // namespace certrenew::softtoken
