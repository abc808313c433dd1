#include "token_conversions.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "certrenew/core/lookup_table.hpp"
#include "certrenew/core/token/token_error.hpp"
#include "driver_call.hpp"

namespace certrenew::token::detail {

namespace {

// The C ABI's CRT_SIG_* and CRT_KEY_* values of each algorithm and key type.
constexpr auto kAlgorithmsInC = std::to_array<std::pair<SignatureAlgorithm, std::uint32_t>>({
    {SignatureAlgorithm::rsa_pkcs1_sha256, CRT_SIG_RSA_PKCS1_SHA256},
    {SignatureAlgorithm::ecdsa_p256_sha256, CRT_SIG_ECDSA_P256_SHA256},
    {SignatureAlgorithm::sm2_sm3, CRT_SIG_SM2_SM3},
});
constexpr auto kKeyTypesInC = std::to_array<std::pair<KeyType, std::uint32_t>>({
    {KeyType::rsa, CRT_KEY_RSA},
    {KeyType::ec_p256, CRT_KEY_EC_P256},
    {KeyType::sm2, CRT_KEY_SM2},
});

std::optional<int> retries(std::int32_t value) {
  return value < 0 ? std::nullopt : std::optional<int>(value);
}

}  // namespace

TokenInfo read_token_info(const crt_driver_v1& table, crt_context* ctx, const std::string& id) {
  crt_token_info raw{};
  check(table, ctx, table.get_token_info(ctx, id.c_str(), &raw),
        "read information of token '" + id + "'");
  TokenInfo info;
  info.id = bounded_text(raw.id, sizeof raw.id);
  info.label = bounded_text(raw.label, sizeof raw.label);
  info.manufacturer = bounded_text(raw.manufacturer, sizeof raw.manufacturer);
  info.model = bounded_text(raw.model, sizeof raw.model);
  info.pin.retries_left = retries(raw.pin_retries_left);
  info.pin.retries_max = retries(raw.pin_retries_max);
  info.pin.count_low = (raw.flags & CRT_TOKEN_PIN_COUNT_LOW) != 0;
  info.pin.final_try = (raw.flags & CRT_TOKEN_PIN_FINAL_TRY) != 0;
  info.pin.locked = (raw.flags & CRT_TOKEN_PIN_LOCKED) != 0;
  info.pin.is_default = (raw.flags & CRT_TOKEN_PIN_DEFAULT) != 0;
  info.pin.min_len = raw.pin_min_len;
  info.pin.max_len = raw.pin_max_len;
  info.pin_pad = (raw.flags & CRT_TOKEN_PIN_PAD) != 0;
  info.write_protected = (raw.flags & CRT_TOKEN_WRITE_PROTECTED) != 0;
  info.can_change_pin = (raw.flags & CRT_TOKEN_PIN_CHANGE) != 0 && table.change_pin != nullptr;
  info.can_unblock_pin = CRT_DRIVER_HAS(&table, unblock_pin);
  info.can_hold_encryption_keys = CRT_DRIVER_HAS(&table, import_enveloped_key) &&
                                  CRT_DRIVER_HAS(&table, write_certificate_for) &&
                                  CRT_DRIVER_HAS(&table, open_sealed);
  return info;
}

std::vector<Mechanism> read_mechanisms(const crt_driver_v1& table, crt_context* ctx,
                                       const std::string& id) {
  const auto raw =
      two_call<crt_mechanism_info>(table, ctx, "list mechanisms of token '" + id + "'",
                                   [&](crt_mechanism_info* buf, std::size_t* count) {
                                     return table.get_mechanisms(ctx, id.c_str(), buf, count);
                                   });
  std::vector<Mechanism> out;
  for (const auto& m : raw) {
    const auto algorithm = algorithm_from_c(m.algorithm);
    if (!algorithm) continue;  // a newer driver may offer what this host cannot use
    Mechanism mech{*algorithm};
    mech.input = m.input == CRT_INPUT_DIGEST ? SignatureInput::digest : SignatureInput::data;
    mech.format = m.signature_format == CRT_SIGFMT_RAW_RS ? SignatureFormat::raw_rs
                  : m.signature_format == CRT_SIGFMT_DER  ? SignatureFormat::der
                                                          : SignatureFormat::plain;
    mech.can_generate = m.can_generate != 0;
    mech.min_bits = m.min_bits;
    mech.max_bits = m.max_bits;
    out.push_back(mech);
  }
  return out;
}

std::optional<SignatureAlgorithm> algorithm_from_c(std::uint32_t algorithm) {
  return lookup_key(kAlgorithmsInC, algorithm);
}

std::uint32_t algorithm_to_c(SignatureAlgorithm algorithm) {
  return lookup(kAlgorithmsInC, algorithm).value_or(0);
}

KeyType key_type_from_c(std::uint32_t key_type) {
  return lookup_key(kKeyTypesInC, key_type).value_or(KeyType::unknown);
}

std::uint32_t key_type_to_c(KeyType type) {
  if (const auto value = lookup(kKeyTypesInC, type)) return *value;
  throw TokenError(TokenErrc::arguments, "generate key", "the key type is unknown");
}

std::uint32_t object_kind_to_c(ObjectKind kind) {
  return kind == ObjectKind::certificate ? CRT_OBJ_CERTIFICATE : CRT_OBJ_PRIVATE_KEY;
}

crt_object_id object_id_to_c(const ObjectId& id, std::string_view operation) {
  if (id.empty() || id.size() > CRT_ID_MAX)
    throw TokenError(TokenErrc::arguments, operation,
                     "an object id must have 1 to " + std::to_string(CRT_ID_MAX) + " bytes");
  crt_object_id out{};
  std::copy(id.begin(), id.end(), out.bytes);
  out.len = static_cast<std::uint32_t>(id.size());
  return out;
}

ObjectId object_id_from_c(const crt_object_id& id) {
  if (id.len == 0 || id.len > CRT_ID_MAX)
    throw TokenError(TokenErrc::general, "list objects",
                     "the driver returned an object id of " + std::to_string(id.len) + " bytes");
  return ObjectId(id.bytes, id.bytes + id.len);
}

}  // namespace certrenew::token::detail
