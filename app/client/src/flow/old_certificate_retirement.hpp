#pragma once
// The retire policy "delete": after the renewed certificate is confirmed, the old signing
// certificate and its key go from the token. Only the old signing certificate and the key under
// the same id are touched; encryption keys never are (they hold data the holder may still need
// to decrypt, and a KMC put them there).

#include "certrenew/core/bytes.hpp"
#include "certrenew/core/token/session.hpp"

namespace certrenew::client {

// Deletes the certificate equal to `old_certificate` (and the key beside it), skipping the new
// key's id. A driver that cannot delete a certificate alone (SKF keeps it in its key's container
// and answers "not supported") is asked to delete the key instead, which takes the certificate
// with it. Returns whether the old certificate is gone afterwards; a refusal or failure keeps it
// (the renewal is complete either way) and is logged.
bool retire_old_certificate(token::Session& session, const token::ObjectId& new_key_id,
                            const Bytes& old_certificate);

}  // namespace certrenew::client
