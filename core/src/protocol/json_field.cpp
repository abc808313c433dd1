#include "certrenew/core/protocol/json_field.hpp"

#include "forms/utf8.hpp"

namespace certrenew::protocol {

using nlohmann::json;

namespace {

std::size_t depth_of(const json& j, std::size_t limit) {
  if (!j.is_structured()) return 0;
  std::size_t deepest = 0;
  for (const auto& child : j) {
    deepest = std::max(deepest, depth_of(child, limit));
    if (deepest > limit) break;
  }
  return deepest + 1;
}

// The nesting depth of the text, counted before parsing so a hostile document of a million '['
// cannot exhaust the stack in the parser.
bool too_deep(std::string_view text) {
  std::size_t depth = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth) return true;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return false;
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
  return forms::detail::decode_utf8(text).has_value();
}

json parse_json(std::string_view text) {
  if (too_deep(text)) throw DecodeError("", "nested too deeply");
  // nlohmann throws parse_error for syntax and invalid UTF-8 and out_of_range for numbers such as
  // 1e999; any of them is the sender's fault.
  try {
    json j = json::parse(text.begin(), text.end());
    if (depth_of(j, kMaxJsonDepth) > kMaxJsonDepth) throw DecodeError("", "nested too deeply");
    return j;
  } catch (const json::out_of_range&) {
    throw DecodeError("", "a number is out of range");
  } catch (const json::exception&) {
    throw DecodeError("", "not valid JSON");
  }
}

std::string encode_json(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string_view json_kind(const json& value) {
  switch (value.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::object:
      return "an object";
    case json::value_t::array:
      return "a list";
    case json::value_t::string:
      return "a string";
    case json::value_t::boolean:
      return "true or false";
    case json::value_t::number_float:
      return "a fractional number";
    default:
      return "a number";
  }
}

void Field::fail(const std::string& problem) const {
  throw DecodeError(path_, problem);
}

void Field::require_object() const {
  if (!value_->is_object()) fail("expected an object, got " + std::string(json_kind(*value_)));
}

Field Field::at(std::string_view key) const {
  require_object();
  const std::string child = path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  auto it = value_->find(key);
  if (it == value_->end()) throw DecodeError(child, "missing");
  return Field(*it, child);
}

std::optional<Field> Field::find(std::string_view key) const {
  require_object();
  auto it = value_->find(key);
  if (it == value_->end() || it->is_null()) return std::nullopt;
  return Field(*it, path_.empty() ? std::string(key) : path_ + "." + std::string(key));
}

std::string Field::text_or_empty(std::string_view key, std::size_t max_bytes) const {
  auto v = find(key);
  return v ? v->text(max_bytes) : std::string();
}

std::vector<Field> Field::items(std::size_t max_items) const {
  if (!value_->is_array()) fail("expected a list, got " + std::string(json_kind(*value_)));
  if (value_->size() > max_items) fail("more than " + std::to_string(max_items) + " items");
  std::vector<Field> out;
  out.reserve(value_->size());
  for (std::size_t i = 0; i < value_->size(); ++i)
    out.emplace_back((*value_)[i], path_ + "[" + std::to_string(i) + "]");
  return out;
}

std::string Field::text(std::size_t max_bytes) const {
  if (!value_->is_string()) fail("expected a string, got " + std::string(json_kind(*value_)));
  const auto& s = value_->get_ref<const std::string&>();
  if (s.size() > max_bytes) fail("longer than " + std::to_string(max_bytes) + " bytes");
  if (!is_valid_utf8(s)) fail("not valid UTF-8");
  return s;
}

std::int64_t Field::integer(std::int64_t min, std::int64_t max) const {
  const auto range = [&] {
    return "out of range (" + std::to_string(min) + ".." + std::to_string(max) + ")";
  };
  if (value_->is_number_unsigned()) {
    const auto v = value_->get<std::uint64_t>();
    if (max < 0 || v > static_cast<std::uint64_t>(max)) fail(range());
    const auto s = static_cast<std::int64_t>(v);
    if (s < min) fail(range());
    return s;
  }
  if (value_->is_number_integer()) {
    const auto v = value_->get<std::int64_t>();
    if (v < min || v > max) fail(range());
    return v;
  }
  fail("expected a whole number, got " + std::string(json_kind(*value_)));
}

bool Field::boolean() const {
  if (!value_->is_boolean()) fail("expected true or false, got " + std::string(json_kind(*value_)));
  return value_->get<bool>();
}

forms::Money Field::money_fen(std::int64_t max_fen) const {
  return forms::Money::from_fen(integer(0, max_fen));
}

UtcTime Field::time() const {
  auto t = UtcTime::parse(text(64));
  if (!t) fail("expected a UTC time yyyy-mm-ddThh:mm:ssZ");
  return *t;
}

Bytes Field::base64(std::size_t max_bytes) const {
  const std::string s = text(max_bytes / 3 * 4 + 8);
  try {
    return from_base64(s);
  } catch (const std::invalid_argument&) {
    fail("not base64");
  }
}

}  // namespace certrenew::protocol
