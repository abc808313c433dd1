#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace certrenew {

// Holds a secret (a PIN, a passphrase) and wipes it when destroyed or cleared. Not copyable, so a
// secret has one owner and one place where it is wiped; move it to hand it on.
class SecureBuffer {
 public:
  SecureBuffer() = default;
  explicit SecureBuffer(std::string_view text);
  SecureBuffer(const SecureBuffer&) = delete;
  SecureBuffer& operator=(const SecureBuffer&) = delete;
  SecureBuffer(SecureBuffer&& other) noexcept;
  SecureBuffer& operator=(SecureBuffer&& other) noexcept;
  ~SecureBuffer();

  void clear();                 // wipes and empties
  void push_back(char c);       // for reading a PIN key by key
  void pop_back();              // wipes the removed character
  bool empty() const { return data_.empty(); }
  std::size_t size() const { return data_.size(); }
  std::span<const std::uint8_t> bytes() const { return {data_.data(), data_.size()}; }
  std::string_view view() const {
    return {reinterpret_cast<const char*>(data_.data()), data_.size()};
  }

 private:
  void wipe();
  std::vector<std::uint8_t> data_;
};

}  // namespace certrenew
