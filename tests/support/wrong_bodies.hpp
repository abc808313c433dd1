#pragma once
// Wrong-typed request bodies generated from core/protocol's request schemas, not hand-listed:
// each field of a valid body replaced in turn by a value of each other JSON type (and by null
// when the field is required). Used against the decoders (unit) and a running server
// (integration).

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "certrenew/core/protocol/request_schema.hpp"

namespace certrenew::testing {

// A value of `type`.
inline nlohmann::json value_of_type(protocol::JsonType type) {
  switch (type) {
    case protocol::JsonType::string:
      return "x";
    case protocol::JsonType::integer:
      return 7;
    case protocol::JsonType::boolean:
      return true;
    case protocol::JsonType::object:
      return nlohmann::json::object();
    case protocol::JsonType::array:
      return nlohmann::json::array();
  }
  return nullptr;
}

// "records[].amount" -> the first item's field as an error names it: "records[0].amount".
inline std::string shown_path(std::string_view schema_path) {
  std::string p(schema_path);
  for (auto at = p.find("[]"); at != std::string::npos; at = p.find("[]")) p.replace(at, 2, "[0]");
  return p;
}

// "records[0].amount" -> /records/0/amount.
inline nlohmann::json::json_pointer pointer_to(const std::string& shown) {
  std::string p = "/" + shown;
  for (auto at = p.find("[0]"); at != std::string::npos; at = p.find("[0]")) p.replace(at, 3, "/0");
  for (auto& c : p)
    if (c == '.') c = '/';
  return nlohmann::json::json_pointer(p);
}

// Calls `send(body, field)` for every (field, wrong value) pair of `schema`, starting from `valid`.
inline void for_each_wrong_body(
    const protocol::RequestSchema& schema, const nlohmann::json& valid,
    const std::function<void(const nlohmann::json&, const std::string&)>& send) {
  using T = protocol::JsonType;
  for (const protocol::SchemaField& field : schema.fields) {
    const std::string shown = shown_path(field.path);
    std::vector<nlohmann::json> values;
    for (T t : {T::string, T::integer, T::boolean, T::object, T::array})
      if (t != field.type) values.push_back(value_of_type(t));
    if (field.required) values.push_back(nullptr);
    for (const nlohmann::json& v : values) {
      nlohmann::json body = valid;
      body[pointer_to(shown)] = v;
      send(body, shown);
    }
  }
}

}  // namespace certrenew::testing
