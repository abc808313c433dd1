// The console's issuer status line (issue 22): which issuer issues (built-in with a key file or
// on an HSM, or an existing CA over CMP), its health as /readyz judges it, and how many jobs
// (issuing, revoking at the issuer) are waiting. Any signed-in operator may read it.
#include "console/console_api.hpp"

namespace certrenew::server::console {

void ConsoleApi::add_issuer_routes() {
  add("GET", "issuer", [this](ConsoleCall&, const auto&) {
    Issuer& issuer = service_.issuer();
    const IssuerHealth health = issuer.health();
    std::int64_t waiting = 0;
    service_.store().transact([&](StoreTx& tx) { waiting = tx.pending_issuer_jobs(); });
    return json_response(200, {{"type", std::string(issuer.type())},
                               {"ok", health.ok},
                               {"reason", health.reason},
                               {"pending_jobs", waiting}});
  });
}

}  // namespace certrenew::server::console
