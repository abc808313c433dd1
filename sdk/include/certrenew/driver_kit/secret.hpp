#pragma once

// The CertRenew driver kit: secret.hpp holds Secret, a byte buffer for PIN copies and key
// material that is wiped when cleared, shrunk, replaced or destroyed. Move-only, so a secret has
// one owner and one place to be wiped. Standard library only (no OpenSSL needed).

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>
#if __has_include(<span>)
#include <span>
#endif

namespace certrenew::driver_kit {

// Overwrites `size` bytes with zeros in a way the optimiser may not drop (the writes go through
// a volatile pointer, and the barrier tells the compiler the memory is read afterwards).
inline void wipe(void* data, std::size_t size) noexcept {
  volatile unsigned char* p = static_cast<volatile unsigned char*>(data);
  for (std::size_t i = 0; i < size; ++i) p[i] = 0;
#if defined(__GNUC__) || defined(__clang__)
  __asm__ __volatile__("" : : "r"(data) : "memory");
#endif
}

class Secret {
 public:
  Secret() = default;
  explicit Secret(std::size_t size) : bytes_(size) {}
  Secret(const std::uint8_t* data, std::size_t size) : bytes_(data, data + size) {}
#if defined(__cpp_lib_span)
  explicit Secret(std::span<const std::uint8_t> bytes) : bytes_(bytes.begin(), bytes.end()) {}
  std::span<const std::uint8_t> view() const {
    return bytes_;
  }
#endif
  Secret(const Secret&) = delete;
  Secret& operator=(const Secret&) = delete;
  Secret(Secret&& other) noexcept : bytes_(std::exchange(other.bytes_, {})) {}
  Secret& operator=(Secret&& other) noexcept {
    if (this != &other) {
      clear();
      bytes_ = std::exchange(other.bytes_, {});
    }
    return *this;
  }
  ~Secret() {
    clear();
  }

  std::uint8_t* data() {
    return bytes_.data();
  }
  const std::uint8_t* data() const {
    return bytes_.data();
  }
  std::size_t size() const {
    return bytes_.size();
  }
  bool empty() const {
    return bytes_.empty();
  }

  // Shrinks to `size` bytes, wiping the cut-off tail first.
  void truncate(std::size_t size) {
    if (size < bytes_.size()) {
      wipe(bytes_.data() + size, bytes_.size() - size);
      bytes_.resize(size);
    }
  }

  void clear() noexcept {
    if (!bytes_.empty()) wipe(bytes_.data(), bytes_.size());
    bytes_.clear();
  }

 private:
  std::vector<std::uint8_t> bytes_;
};

}  // namespace certrenew::driver_kit
