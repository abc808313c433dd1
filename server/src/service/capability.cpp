#include "service/capability.hpp"

#include "certrenew/core/protocol/states.hpp"
#include "service/api_error.hpp"

namespace certrenew::server {

bool capability_live(const ApplicationRecord& application, const Policy& policy, std::int64_t now) {
  auto state = protocol::parse_business_state(application.state);
  if (!state) return false;
  if (!protocol::is_closed(*state)) return true;
  // updated_at is when the application ended: nothing changes a closed application.
  return now - application.updated_at < policy.capability_valid_after_end_seconds;
}

void throw_application_ended(const ApplicationRecord& application) {
  throw ApiError(
      410, "application_ended",
      "application " + application.business_no + " has ended and its capability token has expired",
      "申请" + application.business_no + "已结束，访问凭据已失效",
      {{"business_no", application.business_no}});
}

}  // namespace certrenew::server
