#pragma once

#include <openssl/crypto.h>

#include <cstdint>
#include <vector>

#include "pkcs11.hpp"

namespace certrenew::pkcs11 {

// A copy of a PIN, wiped when cleared, replaced or destroyed. Not copyable: one owner, one wipe.
class Secret {
 public:
  Secret() = default;
  Secret(const std::uint8_t* data, std::size_t len) : bytes_(data, data + len) {}
  Secret(const Secret&) = delete;
  Secret& operator=(const Secret&) = delete;
  Secret(Secret&& other) noexcept : bytes_(std::move(other.bytes_)) { other.clear(); }
  Secret& operator=(Secret&& other) noexcept {
    if (this != &other) {
      clear();
      bytes_ = std::move(other.bytes_);
      other.clear();
    }
    return *this;
  }
  ~Secret() { clear(); }

  void clear() {
    if (!bytes_.empty()) OPENSSL_cleanse(bytes_.data(), bytes_.size());
    bytes_.clear();
  }
  bool empty() const { return bytes_.empty(); }
  std::size_t size() const { return bytes_.size(); }
  // PKCS#11 takes the PIN through a non-const pointer; it only reads it.
  CK_UTF8CHAR_PTR data() { return bytes_.data(); }

 private:
  std::vector<std::uint8_t> bytes_;
};

}  // namespace certrenew::pkcs11
