#pragma once

// Containers → the ABI's objects. A container holding a signing key pair is a private key whose
// id is the container's name (bytes); its signing certificate is the certificate with the same
// id. The encryption pair (delivered by the CA's KMC, dual certificates) and its certificate are
// listed with usage CRT_USAGE_ENCRYPTION under encryption_id(name) (encryption_keys.hpp).

#include <certrenew/token_driver.h>

#include <optional>
#include <string>
#include <vector>

#include "driver_config.hpp"
#include "skf_handle.hpp"
#include "vendor_library.hpp"

namespace certrenew::skf {

class ContainerConnection {
 public:
  // Opens an existing container: DriverError(CRT_ERR_OBJECT_NOT_FOUND) when there is none.
  ContainerConnection(const SkfFunctions& api, HAPPLICATION app, const std::string& name);
  // Adopts a handle SKF_CreateContainer returned.
  ContainerConnection(const SkfFunctions& api, HCONTAINER handle) : handle_(api, handle) {}
  HCONTAINER handle() const { return handle_.get(); }

 private:
  OwnedHandle<HCONTAINER, &SkfFunctions::SKF_CloseContainer> handle_;
};

struct KeyFacts {
  std::uint32_t type = 0;  // CRT_KEY_*
  std::uint32_t bits = 0;
};

// The key type and size of a SubjectPublicKeyInfo (0, 0 when it is not one the ABI knows).
KeyFacts spki_facts(const Bytes& spki);

struct ContainerContents {
  std::string name;
  std::optional<Bytes> key_spki;  // the signing key pair's public half
  KeyFacts key;
  std::optional<Bytes> certificate;          // the signing certificate (DER as stored)
  std::optional<Bytes> encryption_key_spki;  // the encryption key pair's public half
  KeyFacts encryption_key;
  std::optional<Bytes> encryption_certificate;
};

std::vector<std::string> container_names(const SkfFunctions& api, HAPPLICATION app,
                                         const DriverConfig& config);
ContainerContents read_container(const SkfFunctions& api, HAPPLICATION app,
                                 const std::string& name);
// The signing public key of an open container, or nullopt when the container is empty.
std::optional<Bytes> signing_public_key(const SkfFunctions& api, HCONTAINER container);
// The signing certificate of an open container, or nullopt.
std::optional<Bytes> signing_certificate(const SkfFunctions& api, HCONTAINER container);
// The same for either pair of the container (signing: TRUE in SKF's bSignFlag).
std::optional<Bytes> public_key_of(const SkfFunctions& api, HCONTAINER container, bool signing);
std::optional<Bytes> certificate_of(const SkfFunctions& api, HCONTAINER container, bool signing);
// The SM2 public key blob as the device wrote it, or nullopt (no such pair, or not SM2).
std::optional<ECCPUBLICKEYBLOB> ecc_public_key_blob(const SkfFunctions& api, HCONTAINER container,
                                                    bool signing);

// Whether an open container may hold an encryption key pair or certificate. An answer other than
// "found" or the standard's "not found" (or an empty certificate) counts as "may": deleting the
// container would lose what a KMC put there, so the caller keeps it.
bool may_hold_encryption_half(const SkfFunctions& api, HCONTAINER container);

// A container name for a new key: the label when it is free and fits, else the label (or
// "CertRenew") with a random suffix.
std::string new_container_name(const std::vector<std::string>& taken, const std::string& label);

}  // namespace certrenew::skf
