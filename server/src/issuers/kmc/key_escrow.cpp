#include "issuers/kmc/key_escrow.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <memory>

#include "certrenew/core/pin_input.hpp"
#include "service/digest.hpp"

namespace certrenew::server {
namespace {

constexpr std::size_t kNonceSize = 12;
constexpr std::size_t kTagSize = 16;

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

CipherCtx new_context() {
  CipherCtx ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  if (!ctx) throw std::bad_alloc();
  return ctx;
}

int size_of(std::size_t n) {
  if (n > 1 << 20) throw std::invalid_argument("escrow: input too large");
  return static_cast<int>(n);
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// 64 hex digits -> 32 bytes, wiped by the caller's KeyEscrow; the text stays in a SecureBuffer.
KeyEscrow from_hex_text(const SecureBuffer& text, const std::string& where) {
  std::array<std::uint8_t, KeyEscrow::kMasterKeySize> key{};
  const std::string_view hex = text.view();
  bool ok = hex.size() == 2 * key.size();
  for (std::size_t i = 0; ok && i < key.size(); ++i) {
    const int hi = hex_value(hex[2 * i]), lo = hex_value(hex[2 * i + 1]);
    ok = hi >= 0 && lo >= 0;
    if (ok) key[i] = static_cast<std::uint8_t>(hi << 4 | lo);
  }
  if (!ok) {
    OPENSSL_cleanse(key.data(), key.size());
    throw std::runtime_error(where + ": the KMC master key must be 64 hex digits (32 bytes)");
  }
  KeyEscrow escrow(key);
  OPENSSL_cleanse(key.data(), key.size());
  return escrow;
}

}  // namespace

KeyEscrow KeyEscrow::load(const KmcConfig& config) {
  if (!config.master_key_env.empty()) {
    if (std::getenv(config.master_key_env.c_str()) == nullptr)
      throw std::runtime_error("config.kmc.master_key_env: " + config.master_key_env +
                               " is not set");
    return from_hex_text(pin_from_env(config.master_key_env), "config.kmc.master_key_env");
  }
  struct stat st {};
  if (::stat(config.master_key_file.c_str(), &st) != 0)
    throw std::runtime_error("config.kmc.master_key_file: cannot read " +
                             config.master_key_file.string());
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
    throw std::runtime_error("config.kmc.master_key_file: " + config.master_key_file.string() +
                             " is readable by others; make it owner-only (chmod 600)");
  return from_hex_text(pin_from_file(config.master_key_file), "config.kmc.master_key_file");
}

void KeyEscrow::create_master_key_file(const std::filesystem::path& file) {
  namespace fs = std::filesystem;
  if (fs::exists(file))
    throw std::runtime_error(file.string() + " exists already; not overwritten");
  if (file.has_parent_path()) fs::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary);
  if (!out) throw std::runtime_error("cannot create " + file.string());
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write);
  std::vector<std::uint8_t> key = random_bytes(kMasterKeySize);
  std::string hex = to_hex(key);
  out << hex << "\n";
  OPENSSL_cleanse(key.data(), key.size());
  OPENSSL_cleanse(hex.data(), hex.size());
  if (!out.flush()) throw std::runtime_error("cannot write " + file.string());
}

KeyEscrow::KeyEscrow(ByteView master_key) {
  if (master_key.size() != key_.size())
    throw std::invalid_argument("the KMC master key must be 32 bytes");
  std::copy(master_key.begin(), master_key.end(), key_.begin());
  std::string labelled = "certrenew-kmc-master-key-id-v1:";
  labelled.append(reinterpret_cast<const char*>(key_.data()), key_.size());
  key_id_ = sha256_hex(labelled).substr(0, 16);
  OPENSSL_cleanse(labelled.data(), labelled.size());
}

KeyEscrow::KeyEscrow(KeyEscrow&& other) noexcept : key_(other.key_), key_id_(other.key_id_) {
  OPENSSL_cleanse(other.key_.data(), other.key_.size());
}

KeyEscrow::~KeyEscrow() {
  OPENSSL_cleanse(key_.data(), key_.size());
}

Bytes KeyEscrow::seal(ByteView plaintext, std::string_view aad) const {
  Bytes out(kNonceSize + plaintext.size() + kTagSize);
  if (RAND_bytes(out.data(), static_cast<int>(kNonceSize)) != 1)
    throw std::runtime_error("escrow: no randomness for the nonce");
  CipherCtx ctx = new_context();
  int len = 0;
  if (EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key_.data(), out.data()) != 1 ||
      EVP_EncryptUpdate(ctx.get(), nullptr, &len,
                        reinterpret_cast<const unsigned char*>(aad.data()),
                        size_of(aad.size())) != 1 ||
      EVP_EncryptUpdate(ctx.get(), out.data() + kNonceSize, &len, plaintext.data(),
                        size_of(plaintext.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), out.data() + kNonceSize + len, &len) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(kTagSize),
                          out.data() + kNonceSize + plaintext.size()) != 1)
    throw std::runtime_error("escrow: AES-256-GCM encryption failed");
  return out;
}

SecureBuffer KeyEscrow::open(ByteView sealed, std::string_view aad) const {
  if (sealed.size() < kNonceSize + kTagSize) throw EscrowError("the escrowed key is truncated");
  const std::size_t n = sealed.size() - kNonceSize - kTagSize;
  std::vector<std::uint8_t> plain(n + 16);
  CipherCtx ctx = new_context();
  int len = 0, tail = 0;
  std::array<std::uint8_t, kTagSize> tag{};
  std::copy(sealed.end() - kTagSize, sealed.end(), tag.begin());
  const bool ok =
      EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key_.data(), sealed.data()) == 1 &&
      EVP_DecryptUpdate(ctx.get(), nullptr, &len,
                        reinterpret_cast<const unsigned char*>(aad.data()),
                        size_of(aad.size())) == 1 &&
      EVP_DecryptUpdate(ctx.get(), plain.data(), &len, sealed.data() + kNonceSize, size_of(n)) ==
          1 &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(kTagSize),
                          tag.data()) == 1 &&
      EVP_DecryptFinal_ex(ctx.get(), plain.data() + len, &tail) == 1;
  SecureBuffer out(ok ? std::string_view(reinterpret_cast<const char*>(plain.data()),
                                         static_cast<std::size_t>(len + tail))
                      : std::string_view());
  OPENSSL_cleanse(plain.data(), plain.size());
  if (!ok)
    throw EscrowError("the escrowed key does not open: another master key, or the row was changed");
  return out;
}

}  // namespace certrenew::server
