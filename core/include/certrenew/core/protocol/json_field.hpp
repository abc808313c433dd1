#pragma once
// The one strict JSON decoder under every protocol message (client and server). Every byte from
// the network is hostile until it has passed through here:
// - parse_json() turns any problem of the text (syntax, a number out of range such as 1e999,
//   invalid UTF-8, nesting too deep) into DecodeError, never another exception;
// - Field reads one value with the path that leads to it, so the first problem is reported as
//   "records[1].amount: expected a string"; numbers outside the range the caller allows and text
//   that is not valid UTF-8 are refused;
// - encode_json() cannot fail: a string that is not valid UTF-8 (which the decoder would never
//   produce, but an error message might carry) is written with U+FFFD instead of throwing.
// Paths are built from the keys the decoder asked for and array indices, never from the input,
// so they are safe to show and to echo in an error answer.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "certrenew/core/bytes.hpp"
#include "certrenew/core/forms/money.hpp"
#include "certrenew/core/time/utc_time.hpp"

namespace certrenew::protocol {

class DecodeError : public std::runtime_error {
 public:
  DecodeError(std::string path, std::string problem)
      : std::runtime_error(path.empty() ? problem : path + ": " + problem),
        path_(std::move(path)),
        problem_(std::move(problem)) {}
  const std::string& path() const { return path_; }        // "" for the whole document
  const std::string& problem() const { return problem_; }  // "expected a string"

 private:
  std::string path_;
  std::string problem_;
};

inline constexpr std::size_t kMaxJsonDepth = 32;

// Throws DecodeError (path "") for anything that is not one valid JSON document.
nlohmann::json parse_json(std::string_view text);
// Never throws for encoding reasons (see above).
std::string encode_json(const nlohmann::json& value);
// True when `text` is valid UTF-8 (no overlong forms, surrogates, or code points past U+10FFFF).
bool is_valid_utf8(std::string_view text);

// How many elements a decoder reads from any list in a message, unless it says fewer.
inline constexpr std::size_t kMaxListedItems = 1000;

// One JSON value and its path. The value must outlive the Field.
class Field {
 public:
  explicit Field(const nlohmann::json& value, std::string path = {})
      : value_(&value), path_(std::move(path)) {}

  const std::string& path() const { return path_; }
  const nlohmann::json& raw() const { return *value_; }
  bool is_null() const { return value_->is_null(); }

  // The member `key` of this object (this must be an object; the member must be present).
  Field at(std::string_view key) const;
  // The member `key`, or nullopt when it is absent or null.
  std::optional<Field> find(std::string_view key) const;
  // The text of the member `key`, or "" when it is absent or null.
  std::string text_or_empty(std::string_view key, std::size_t max_bytes = 64 * 1024) const;
  // The elements of this array (at most max_items).
  std::vector<Field> items(std::size_t max_items = kMaxListedItems) const;
  void require_object() const;

  std::string text(std::size_t max_bytes = 64 * 1024) const;  // a UTF-8 string
  std::int64_t integer(std::int64_t min, std::int64_t max) const;
  int small_integer(int min, int max) const { return static_cast<int>(integer(min, max)); }
  bool boolean() const;
  forms::Money money_fen(std::int64_t max_fen = kMaxFen) const;  // integer fen, 0..max
  UtcTime time() const;                                          // "yyyy-mm-ddThh:mm:ssZ"
  Bytes base64(std::size_t max_bytes = 256 * 1024) const;

  [[noreturn]] void fail(const std::string& problem) const;

  // 10^12 yuan: larger than any fee, small enough that sums of a few hundred cannot overflow.
  static constexpr std::int64_t kMaxFen = 100'000'000'000'000;

 private:
  const nlohmann::json* value_;
  std::string path_;
};

// What a JSON value is, in the words an error message uses.
std::string_view json_kind(const nlohmann::json& value);

}  // namespace certrenew::protocol
