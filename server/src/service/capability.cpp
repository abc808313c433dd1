#include "service/capability.hpp"

#include "certrenew/core/protocol/states.hpp"
#include "service/api_error.hpp"
#include "service/service_text.hpp"

namespace certrenew::server {

bool capability_live(const ApplicationRecord& application, const Policy& policy, std::int64_t now) {
  auto state = protocol::parse_business_state(application.state);
  if (!state) return false;
  if (!protocol::is_closed(*state)) return true;
  // updated_at is when the application ended: nothing changes a closed application.
  return now - application.updated_at < policy.capability_valid_after_end_seconds;
}

void throw_application_ended(const ApplicationRecord& application) {
  throw service_error(410, "application_ended", "application.ended", {application.business_no},
                      {{"business_no", application.business_no}});
}

}  // namespace certrenew::server
