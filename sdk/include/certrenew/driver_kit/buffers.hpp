#pragma once

// The CertRenew driver kit: buffers.hpp fills the caller's memory the way the ABI says — the
// two-call size pattern, fixed text fields cut at a UTF-8 boundary, object ids and records.
// Failures throw DriverError; the boundary (boundary.hpp) turns them into status + last_error.

#include <certrenew/token_driver.h>
#include <certrenew/driver_kit/error.hpp>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace certrenew::driver_kit {

using Bytes = std::vector<std::uint8_t>;

// Where a caller's buffer stands in the two-call pattern for `needed` items.
enum class Room {
  size_query,  // buf is NULL: *len now holds `needed`
  too_small,   // *len was less than `needed`: *len now holds `needed`
  fits,        // buf has room; *len is unchanged
};

inline Room check_room(std::size_t needed, const void* buf, std::size_t* len) noexcept {
  if (buf != nullptr && *len >= needed) return Room::fits;
  *len = needed;
  return buf == nullptr ? Room::size_query : Room::too_small;
}

// For outputs whose size is known before the work (a signature's largest size): true when the
// caller's buffer has room and the work should go on; false after answering a size query (the
// entry point then returns CRT_OK). A buffer that is too small throws
// DriverError(CRT_ERR_BUFFER_TOO_SMALL) with the needed size already in *len.
inline bool room_for(std::size_t needed, const void* buf, std::size_t* len) {
  require(len, "the length pointer");
  const Room room = check_room(needed, buf, len);
  if (room == Room::too_small)
    fail(CRT_ERR_BUFFER_TOO_SMALL, "buffer too small: " + std::to_string(needed) + " needed");
  return room == Room::fits;
}

// The two-call pattern for `count` records of T (bytes for T = uint8_t or char): a size query, a
// refusal of a small buffer (see room_for), or the copy with *len = count.
template <typename T>
crt_status copy_out(const T* data, std::size_t count, T* buf, std::size_t* len) {
  if (!room_for(count, buf, len)) return CRT_OK;
  if (count > 0) std::memcpy(buf, data, count * sizeof(T));
  *len = count;
  return CRT_OK;
}

template <typename T>
crt_status copy_out(const std::vector<T>& items, T* buf, std::size_t* len) {
  return copy_out(items.data(), items.size(), buf, len);
}

// Token ids as list_tokens returns them: each NUL-terminated, the list ended by one more NUL.
inline crt_status copy_id_list(const std::vector<std::string>& ids, char* buf, std::size_t* len) {
  std::string list;
  for (const std::string& id : ids) list.append(id).push_back('\0');
  list.push_back('\0');
  return copy_out(list.data(), list.size(), buf, len);
}

// Copies text into a fixed field of `capacity` bytes, cut at a UTF-8 character boundary,
// NUL-terminated. A NULL or empty field is left alone.
inline void copy_text(char* dst, std::size_t capacity, const std::string& text) noexcept {
  if (dst == nullptr || capacity == 0) return;
  std::size_t n = std::min(text.size(), capacity - 1);
  if (n < text.size())
    while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  std::memcpy(dst, text.data(), n);
  dst[n] = '\0';
}

template <std::size_t N>
void copy_text(char (&field)[N], const std::string& text) noexcept {
  copy_text(field, N, text);
}

// A label argument: NULL means no label.
inline std::string text_or_empty(const char* text) {
  return text == nullptr ? std::string() : std::string(text);
}

// The bytes of an object id from the caller, checked: 1 to CRT_ID_MAX bytes.
inline Bytes object_id(const crt_object_id* id) {
  const crt_object_id& checked = *require(id, "the object id");
  if (checked.len == 0 || checked.len > CRT_ID_MAX) bad_arguments("an object id has 1 to 64 bytes");
  return Bytes(checked.bytes, checked.bytes + checked.len);
}

// An ABI object id from bytes (1 to CRT_ID_MAX of them).
inline crt_object_id to_object_id(const Bytes& bytes) {
  if (bytes.empty() || bytes.size() > CRT_ID_MAX)
    fail(CRT_ERR_GENERAL, "an object id must have 1 to 64 bytes");
  crt_object_id id;
  std::memset(&id, 0, sizeof id);
  std::memcpy(id.bytes, bytes.data(), bytes.size());
  id.len = static_cast<std::uint32_t>(bytes.size());
  return id;
}

// One list_objects record, reserved words zero.
inline crt_object_info object_info(std::uint32_t kind, const Bytes& id, std::uint32_t key_type,
                                   std::uint32_t key_bits, const std::string& label) {
  crt_object_info info;
  std::memset(&info, 0, sizeof info);
  info.kind = kind;
  info.id = to_object_id(id);
  info.key_type = key_type;
  info.key_bits = key_bits;
  copy_text(info.label, label);
  return info;
}

// generate_key's outputs: checked for NULL before any key is made, filled after.
class GeneratedKeyOut {
 public:
  GeneratedKeyOut(crt_object_id* id, std::uint8_t* spki, std::size_t* spki_len)
      : id_(id), spki_(spki), spki_len_(spki_len) {
    if (id == nullptr || spki == nullptr || spki_len == nullptr)
      bad_arguments("id_out, spki and spki_len must not be NULL");
  }
  // The new key's id and its SPKI (into the caller's CRT_SPKI_MAX bytes).
  crt_status put(const Bytes& id, const Bytes& spki) const {
    if (spki.size() > CRT_SPKI_MAX)
      fail(CRT_ERR_NOT_SUPPORTED, "the public key is larger than CRT_SPKI_MAX bytes");
    *id_ = to_object_id(id);
    std::memcpy(spki_, spki.data(), spki.size());
    *spki_len_ = spki.size();
    return CRT_OK;
  }

 private:
  crt_object_id* id_;
  std::uint8_t* spki_;
  std::size_t* spki_len_;
};

// sign's output: the two-call pattern with the largest signature announced first (ECDSA and SM2
// signatures vary in length), the actual one reported after signing.
class SignatureOut {
 public:
  SignatureOut(std::uint8_t* buf, std::size_t* len) : buf_(buf), len_(len) {
    require(len, "signature_len");
  }
  // See room_for: false after answering a size query with `max_size`.
  bool room_for(std::size_t max_size) const { return driver_kit::room_for(max_size, buf_, len_); }
  crt_status put(const Bytes& signature) const {
    if (signature.size() > *len_)
      fail(CRT_ERR_DEVICE, "the signature is longer than the size announced for this key");
    std::memcpy(buf_, signature.data(), signature.size());
    *len_ = signature.size();
    return CRT_OK;
  }

 private:
  std::uint8_t* buf_;
  std::size_t* len_;
};

// The PIN retry flags of crt_token_info from a known count (tokens that keep one).
inline std::uint32_t retry_flags(int retries_left, int retries_max) {
  std::uint32_t flags = 0;
  if (retries_left < retries_max) flags |= CRT_TOKEN_PIN_COUNT_LOW;
  if (retries_left == 1) flags |= CRT_TOKEN_PIN_FINAL_TRY;
  if (retries_left == 0) flags |= CRT_TOKEN_PIN_LOCKED;
  return flags;
}

}  // namespace certrenew::driver_kit
