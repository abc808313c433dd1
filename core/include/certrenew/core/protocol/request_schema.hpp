#pragma once
// The shape of every request body (docs/protocol.md): field paths and JSON types, declared once.
// Each request decoder checks the body against its schema first, so the first wrong-typed or
// missing field is reported by its path; the tests generate their wrong-typed bodies from the
// same tables.

#include <span>
#include <string_view>

#include <nlohmann/json.hpp>

namespace certrenew::protocol {

enum class JsonType { string, integer, boolean, object, array };
std::string_view name(JsonType type);

// `path`: keys joined by '.', "[]" after a list's key for each of its items
// ("records[].amount"). A parent is listed before its children.
struct SchemaField {
  std::string_view path;
  JsonType type;
  bool required = true;  // optional fields may be absent or null
};

struct RequestSchema {
  std::string_view name;  // "bank_transfers"
  std::span<const SchemaField> fields;
};

extern const RequestSchema kSubmitRequestSchema;
extern const RequestSchema kApplicationContentSchema;
extern const RequestSchema kBankTransfersSchema;
extern const RequestSchema kPaymentNotificationSchema;
extern const RequestSchema kRejectRequestSchema;
extern const RequestSchema kRecoverKeyRequestSchema;
std::span<const RequestSchema* const> request_schemas();

// Throws DecodeError at the first field that is missing or of the wrong type.
void check_shape(const nlohmann::json& body, const RequestSchema& schema);

}  // namespace certrenew::protocol
