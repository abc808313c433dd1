#pragma once
// Operator passwords, stored as libsodium's Argon2id string (algorithm, parameters, salt and
// hash in one; memory-hard, so a stolen database is slow to attack).

#include <string>
#include <string_view>

namespace certrenew::server::console {

std::string hash_password(std::string_view password);
// Constant-time inside libsodium; false for a malformed stored hash too.
bool verify_password(std::string_view stored_hash, std::string_view password);

}  // namespace certrenew::server::console
