#include "old_certificate_retirement.hpp"

#include <spdlog/spdlog.h>

#include "certrenew/core/token/token_error.hpp"

namespace certrenew::client {
namespace {

bool holds_certificate(token::Session& session, const Bytes& der) {
  for (const auto& o : session.objects())
    if (o.certificate && o.certificate->der == der) return true;
  return false;
}

void retire_object(token::Session& session, const token::TokenObject& old) {
  try {
    session.delete_object(token::ObjectKind::certificate, old.id);
  } catch (const token::TokenError& e) {
    if (e.code() != token::TokenErrc::not_supported || !old.key) throw;
    // SKF: a certificate lives in its key's container and goes only with it.
    spdlog::info(
        "install: the token cannot delete the old certificate alone ({}); deleting its "
        "key takes both",
        e.what());
    session.delete_object(token::ObjectKind::private_key, old.id);
    return;
  }
  if (old.key) session.delete_object(token::ObjectKind::private_key, old.id);
}

}  // namespace

bool retire_old_certificate(token::Session& session, const token::ObjectId& new_key_id,
                            const Bytes& old_certificate) {
  try {
    bool found = false;
    for (const auto& o : session.objects()) {
      if (o.id == new_key_id) continue;
      if (!o.certificate || o.certificate->der != old_certificate) continue;
      retire_object(session, o);
      found = true;
    }
    return found && !holds_certificate(session, old_certificate);
  } catch (const token::TokenError& e) {
    // The renewal is complete either way; the old certificate simply stays.
    spdlog::warn("install: the old certificate stays on the token: {}", e.what());
    return false;
  }
}

}  // namespace certrenew::client
