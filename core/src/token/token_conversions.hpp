#pragma once

// Translation between the C ABI's records and the C++ facade's types. Callers hold the lock.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <certrenew/token_driver.h>

#include "certrenew/core/token/token_types.hpp"

namespace certrenew::token::detail {

TokenInfo read_token_info(const crt_driver_v1& table, crt_context* ctx, const std::string& id);
std::vector<Mechanism> read_mechanisms(const crt_driver_v1& table, crt_context* ctx,
                                       const std::string& id);

std::optional<SignatureAlgorithm> algorithm_from_c(std::uint32_t algorithm);
std::uint32_t algorithm_to_c(SignatureAlgorithm algorithm);
KeyType key_type_from_c(std::uint32_t key_type);
std::uint32_t key_type_to_c(KeyType type);  // throws TokenError(arguments) for unknown
std::uint32_t object_kind_to_c(ObjectKind kind);

// Throws TokenError(arguments) when the id is empty or longer than CRT_ID_MAX.
crt_object_id object_id_to_c(const ObjectId& id, std::string_view operation);
// Throws TokenError(general) when the driver gave a length outside 1..CRT_ID_MAX.
ObjectId object_id_from_c(const crt_object_id& id);

}  // namespace certrenew::token::detail
