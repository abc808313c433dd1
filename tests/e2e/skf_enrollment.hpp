#pragma once
// A CA's enrollment desk for an SKF key (the SKF test double's device files): an SM2 key pair in
// a container of the key's first application and its certificate issued by a test server's own
// CA; the encryption key pair of an SM2 dual-certificate holder. Shared by the SKF and dual
// certificate end-to-end tests and the GUI's SKF walks.

#include <openssl/evp.h>

#include <string>

#include "certrenew/core/bytes.hpp"
#include "certrenew/core/token/session.hpp"
#include "certrenew/core/x509/certificate.hpp"
#include "server_process.hpp"
#include "skf_test_support.hpp"

namespace certrenew::testing {

// Puts container `container` (an SM2 signing pair and a certificate for "CN=胡某,
// O=广州某某贸易有限公司, C=CN" from `server`'s CA, issued 345 days ago and valid 20 more days) on
// the key `serial`, which must exist. Returns the certificate.
x509::Certificate enroll_skf_customer(const ServerProcess& server, SkfKeys& keys,
                                      const std::string& serial,
                                      const std::string& container = "enrolled");

// The KMC's side of a dual-certificate enrollment (issue 21), on a token of any kind: a new SM2
// encryption key pair sealed to the signing key `signing_id` (certificate `signing_der`) of the
// logged-in `session` and imported next to it, and its certificate from `server`'s CA written
// beside it. Returns that certificate (DER).
Bytes give_encryption_pair(token::Session& session, const ServerProcess& server,
                           const token::ObjectId& signing_id, const Bytes& signing_der);

}  // namespace certrenew::testing
