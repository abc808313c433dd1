#pragma once
// How long an application's capability token works. The token itself is
// HMAC-SHA256(capability key, business number): nothing is stored per application. What limits
// it is the application's life: once the application has ended (completed, rejected, cancelled),
// the token keeps working for policy.capability_valid_after_end_seconds so the client can read
// the outcome, and then it is refused like a wrong token; re-sending the signed application no
// longer hands it out either.

#include <cstdint>

#include "service/config.hpp"
#include "storage/store.hpp"

namespace certrenew::server {

bool capability_live(const ApplicationRecord& application, const Policy& policy, std::int64_t now);

// For the re-sent signed application whose application's capability has expired:
// 410 application_ended (the sender proved possession of the key, so it may know why).
[[noreturn]] void throw_application_ended(const ApplicationRecord& application);

}  // namespace certrenew::server
