#pragma once

// Signing, key generation, certificate import and deletion on an SKF session.

#include <certrenew/driver_kit/driver_table.hpp>

#include <string>
#include <vector>

#include "containers.hpp"
#include "session.hpp"

namespace certrenew::skf {

// What the key offers: SM2 with SM3 always (SKF_ECCSignData; the host computes e = SM3(Z || M)
// with the signer ID, the key signs e and answers r || s), RSA PKCS#1 v1.5 with SHA-256 when the
// key says it does RSA (AlgAsymCap) and the library has SKF_RSASignData.
std::vector<crt_mechanism_info> token_mechanisms(const SkfFunctions& api, const DeviceFacts& facts);
// The key type and size of a certificate's public key.
KeyFacts certificate_key_facts(const Bytes& der);
// The container named by an object id, when the configuration shows it; else OBJECT_NOT_FOUND.
std::string shown_container(const DriverSession& s, const Bytes& id);

crt_status sign_digest(DriverSession& s, const kit::SignRequest& r, const kit::SignatureOut& out);

struct GeneratedContainer {
  std::string name;
  Bytes spki;
};
// SKF_CreateContainer + SKF_GenECCKeyPair (SGD_SM2_1) or SKF_GenRSAKeyPair; the container is
// deleted again when the key cannot be made.
GeneratedContainer generate_in_new_container(DriverSession& s, std::uint32_t key_type,
                                             std::uint32_t bits, const std::string& label);
// SKF_ImportCertificate with the signing flag, into the container of the key it certifies.
void import_signing_certificate(DriverSession& s, const std::string& container, const Bytes& der);
// SKF_ImportCertificate of `der` into an open container as its signing or its encryption
// certificate, the device authenticated first.
void write_container_certificate(DriverSession& s, HCONTAINER container, const Bytes& der,
                                 bool signing);
// A key is its container (SKF_DeleteContainer, which takes the certificate along); a
// certificate alone can only go when its container holds no key.
void delete_container_object(DriverSession& s, std::uint32_t kind, const std::string& container);

}  // namespace certrenew::skf
