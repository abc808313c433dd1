#include "certrenew/core/protocol/request_schema.hpp"

#include <array>
#include <limits>
#include <utility>

#include "certrenew/core/lookup_table.hpp"
#include "certrenew/core/protocol/json_field.hpp"

namespace certrenew::protocol {
namespace {

using T = JsonType;

constexpr std::array kSubmitFields{SchemaField{"signed_application", T::string}};

constexpr std::array kContentFields{
    SchemaField{"type", T::string},
    SchemaField{"version", T::integer},
    SchemaField{"period_months", T::integer},
    SchemaField{"operator", T::object},
    SchemaField{"operator.id_type", T::string},
    SchemaField{"operator.id_number", T::string},
    SchemaField{"operator.name", T::string},
    SchemaField{"operator.mobile", T::string},
    SchemaField{"operator.email", T::string},
    SchemaField{"recipient", T::object},
    SchemaField{"recipient.name", T::string},
    SchemaField{"recipient.mobile", T::string},
    SchemaField{"recipient.address", T::string},
    SchemaField{"agreement", T::object},
    SchemaField{"agreement.version", T::string},
    SchemaField{"agreement.sha256", T::string},
    SchemaField{"csr", T::string},
    SchemaField{"nonce", T::string},
    SchemaField{"time", T::string},
    SchemaField{"encryption_certificate", T::string, false},  // issue 21: dual certificates
    SchemaField{"notify", T::object, false},                  // issue 19: opt-out
    SchemaField{"notify.email", T::boolean, false},
    SchemaField{"notify.sms", T::boolean, false},
};

constexpr std::array kBankTransferFields{
    SchemaField{"records", T::array},
    SchemaField{"records[]", T::object},
    SchemaField{"records[].payer_account", T::string},
    SchemaField{"records[].payer_name", T::string},
    SchemaField{"records[].amount", T::string},
    SchemaField{"records[].paid_on", T::string},
    SchemaField{"records[].remarks", T::string, false},
};

constexpr std::array kNotificationFields{
    SchemaField{"payment_id", T::string},
    SchemaField{"amount_fen", T::integer},
    SchemaField{"gateway_ref", T::string},
};

constexpr std::array kRejectFields{SchemaField{"reason", T::string}};

// Issue 21: an operator re-delivers an escrowed encryption key (service/key_recovery.cpp).
constexpr std::array kRecoverKeyFields{SchemaField{"serial", T::string}};

void check_type(const Field& f, JsonType type) {
  switch (type) {
    case T::string:
      f.text(std::numeric_limits<std::size_t>::max());
      break;
    case T::integer:
      f.integer(std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max());
      break;
    case T::boolean:
      f.boolean();
      break;
    case T::object:
      f.require_object();
      break;
    case T::array:
      f.items(std::numeric_limits<std::size_t>::max());
      break;
  }
}

// Follows `rest` (the part of the path below `f`) and checks the value(s) it names.
void check_at(const Field& f, std::string_view rest, const SchemaField& spec) {
  const std::size_t dot = rest.find('.');
  std::string_view head = rest.substr(0, dot);
  const std::string_view tail = dot == std::string_view::npos ? "" : rest.substr(dot + 1);
  const bool each = head.ends_with("[]");
  if (each) head.remove_suffix(2);

  std::optional<Field> child;
  // An optional field's absent parent ("notify" for "notify.sms") is absent too: fine.
  if (spec.required || each) {
    child = f.at(head);
  } else {
    child = f.find(head);
    if (!child) return;
  }
  if (!each) {
    if (tail.empty())
      check_type(*child, spec.type);
    else
      check_at(*child, tail, spec);
    return;
  }
  for (const Field& item : child->items(std::numeric_limits<std::size_t>::max())) {
    if (tail.empty())
      check_type(item, spec.type);
    else
      check_at(item, tail, spec);
  }
}

}  // namespace

constexpr auto kJsonTypeNames = std::to_array<std::pair<JsonType, std::string_view>>({
    {T::string, "string"},
    {T::integer, "integer"},
    {T::boolean, "boolean"},
    {T::object, "object"},
    {T::array, "array"},
});

std::string_view name(JsonType type) {
  return lookup(kJsonTypeNames, type).value_or("?");
}

const RequestSchema kSubmitRequestSchema{"submit", kSubmitFields};
const RequestSchema kApplicationContentSchema{"application_content", kContentFields};
const RequestSchema kBankTransfersSchema{"bank_transfers", kBankTransferFields};
const RequestSchema kPaymentNotificationSchema{"payment_notification", kNotificationFields};
const RequestSchema kRejectRequestSchema{"reject", kRejectFields};
const RequestSchema kRecoverKeyRequestSchema{"recover_encryption_key", kRecoverKeyFields};

std::span<const RequestSchema* const> request_schemas() {
  static const std::array<const RequestSchema*, 6> all{
      &kSubmitRequestSchema,       &kApplicationContentSchema, &kBankTransfersSchema,
      &kPaymentNotificationSchema, &kRejectRequestSchema,      &kRecoverKeyRequestSchema};
  return all;
}

void check_shape(const nlohmann::json& body, const RequestSchema& schema) {
  const Field root(body);
  root.require_object();
  for (const SchemaField& spec : schema.fields) {
    // A list's items: a parent ("records", array) precedes "records[]" whose check is per item.
    check_at(root, spec.path, spec);
  }
}

}  // namespace certrenew::protocol
