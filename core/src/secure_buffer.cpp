#include <openssl/crypto.h>

#include "certrenew/core/secure_buffer.hpp"

namespace certrenew {

SecureBuffer::SecureBuffer(std::string_view text) : data_(text.begin(), text.end()) {}

SecureBuffer::SecureBuffer(SecureBuffer&& other) noexcept : data_(std::move(other.data_)) {
  other.data_.clear();
}

SecureBuffer& SecureBuffer::operator=(SecureBuffer&& other) noexcept {
  if (this != &other) {
    wipe();
    data_ = std::move(other.data_);
    other.data_.clear();
  }
  return *this;
}

SecureBuffer::~SecureBuffer() { wipe(); }

void SecureBuffer::clear() {
  wipe();
  data_.clear();
}

void SecureBuffer::push_back(char c) {
  // Growing may reallocate and leave the old copy behind, so grow by hand and wipe the old block.
  if (data_.size() == data_.capacity()) {
    std::vector<std::uint8_t> bigger;
    bigger.reserve(data_.capacity() < 32 ? 64 : data_.capacity() * 2);
    bigger.assign(data_.begin(), data_.end());
    wipe();
    data_.swap(bigger);
  }
  data_.push_back(static_cast<std::uint8_t>(c));
}

void SecureBuffer::pop_back() {
  if (data_.empty()) return;
  data_.back() = 0;
  data_.pop_back();
}

void SecureBuffer::wipe() {
  if (data_.capacity() > 0) OPENSSL_cleanse(data_.data(), data_.capacity());
}

}  // namespace certrenew
