#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "attributes.hpp"

namespace certrenew::pkcs11 {

// Stores a DER X.509 certificate as CKO_CERTIFICATE / CKC_X_509 with CKA_ID `id` (its key's),
// CKA_SUBJECT, CKA_ISSUER, CKA_SERIAL_NUMBER (DER INTEGER), CKA_VALUE, CKA_LABEL, CKA_TOKEN true,
// CKA_PRIVATE false: what other PKCS#11 applications expect to find. When another object (not of
// this id) has the label already, as the certificate being renewed does, the new one gets
// kit::distinct_label's "<label> (valid until YYYY-MM-DD)", so that labels and object= URIs tell
// the two apart. Refuses (changing nothing) data that is not exactly one certificate
// (CRT_ERR_DATA_INVALID), a certificate whose public key is not the key with that id
// (CRT_ERR_DATA_INVALID), and a second certificate under one id (CRT_ERR_OBJECT_EXISTS).
void store_certificate(SessionRef s, const Bytes& id, const std::string& label,
                       std::span<const std::uint8_t> der);

// Deletes the certificate (CRT_OBJ_CERTIFICATE) or the key pair (CRT_OBJ_PRIVATE_KEY: the
// private key and the public key object of the same id) with this id.
// DriverError(CRT_ERR_OBJECT_NOT_FOUND) when there is none.
void delete_objects(SessionRef s, std::uint32_t kind, const Bytes& id);

}  // namespace certrenew::pkcs11
