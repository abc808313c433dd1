#pragma once
// A record's members as a JSON object, each under its own name and as nlohmann::json converts
// it, with the names written once instead of as one {"name", r.name} line a member:
//
//   CERTRENEW_JSON_MEMBERS(OperatorInfo, id_type, id_number, name)
//   json_members(info) -> {"id_number": ..., "id_type": ..., "name": ...}
//
// This is the to_json half of nlohmann_json's NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE, built from the
// same macros (nlohmann_json 3.12 has it as NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_ONLY_SERIALIZE;
// Debian 12 ships 3.11.2). Encoding only, on purpose: bytes from outside are read by the strict
// decoders of json_field.hpp, never by a generated from_json. Members that go out converted
// (money as fen, Unix seconds as ISO text, nested objects) or under another name are added to
// the object afterwards; members left out of the list do not go out at all.
//
// Defines `nlohmann::json json_members(const Type&)` where it stands: in the anonymous namespace
// of the one .cpp that encodes Type. The object's keys are sorted (nlohmann::json is a std::map),
// so the output is the same bytes as the object written out by hand.

#include <nlohmann/json.hpp>

#define CERTRENEW_JSON_MEMBERS(Type, ...)                                    \
  inline nlohmann::json json_members(const Type& nlohmann_json_t) {          \
    nlohmann::json nlohmann_json_j = nlohmann::json::object();               \
    NLOHMANN_JSON_EXPAND(NLOHMANN_JSON_PASTE(NLOHMANN_JSON_TO, __VA_ARGS__)) \
    return nlohmann_json_j;                                                  \
  }
