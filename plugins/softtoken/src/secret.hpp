#pragma once

// A byte buffer for secrets (DEK, KEK, PIN copies, decrypted PKCS#8) that is wiped with
// OPENSSL_cleanse when destroyed. Move-only, so a secret has one owner and one place to be wiped.

#include <openssl/crypto.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace certrenew::softtoken {

class Secret {
 public:
  Secret() = default;
  explicit Secret(std::size_t size) : bytes_(size) {}
  explicit Secret(std::span<const std::uint8_t> bytes) : bytes_(bytes.begin(), bytes.end()) {}
  Secret(const Secret&) = delete;
  Secret& operator=(const Secret&) = delete;
  Secret(Secret&& other) noexcept : bytes_(std::exchange(other.bytes_, {})) {}
  Secret& operator=(Secret&& other) noexcept {
    if (this != &other) {
      wipe();
      bytes_ = std::exchange(other.bytes_, {});
    }
    return *this;
  }
  ~Secret() { wipe(); }

  std::uint8_t* data() { return bytes_.data(); }
  const std::uint8_t* data() const { return bytes_.data(); }
  std::size_t size() const { return bytes_.size(); }
  bool empty() const { return bytes_.empty(); }
  std::span<const std::uint8_t> view() const { return bytes_; }

  // Shrinks to `size` bytes, wiping the cut-off tail first.
  void truncate(std::size_t size) {
    if (size < bytes_.size()) {
      OPENSSL_cleanse(bytes_.data() + size, bytes_.size() - size);
      bytes_.resize(size);
    }
  }

  void wipe() {
    if (!bytes_.empty()) OPENSSL_cleanse(bytes_.data(), bytes_.size());
    bytes_.clear();
  }

 private:
  std::vector<std::uint8_t> bytes_;
};

}  // namespace certrenew::softtoken
