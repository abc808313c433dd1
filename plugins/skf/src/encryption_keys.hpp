#pragma once

// Dual certificates over SKF (issue 21): the encryption key pair the CA's KMC sealed to a
// container's signing key goes in with SKF_ImportECCKeyPair (ENVELOPEDKEYBLOB), its certificate
// with SKF_ImportCertificate(bSignFlag = FALSE), and data sealed to it opens with
// SKF_ImportSessionKey + SKF_DecryptInit/SKF_Decrypt. A container holds one encryption pair, and
// SKF removes it only with the whole container: the bridge never deletes a container that holds
// one (documents sealed to it must still open after a renewal).

#include <certrenew/token_driver.h>

#include <string>

#include "bridge_error.hpp"
#include "session.hpp"

namespace certrenew::skf {

// The id of a container's encryption pair and certificate: the name, a NUL, "enc". A container
// name holds no NUL, so no signing id looks like it.
Bytes encryption_id(const std::string& container);

// What an object id names: a shown container, and which of its pairs.
struct ObjectAddress {
  std::string container;
  bool encryption = false;
};
// OBJECT_NOT_FOUND when the id names no shown container.
ObjectAddress address_of(const DriverSession& s, const Bytes& id);

// True when the library exports the five functions dual certificates need.
bool offers_encryption_keys(const SkfFunctions& api);

// Imports the envelope into the container of the SM2 signing key `signing_id`; returns the
// encryption id. CRT_ERR_DATA_INVALID when the device refuses it (nothing imported);
// CRT_ERR_OBJECT_EXISTS when the container holds an encryption pair already.
Bytes import_envelope(DriverSession& s, const Bytes& signing_id,
                      const crt_sm2_enveloped_key& envelope);
// SKF_ImportCertificate for the pair `usage` says, after checking that the id names that pair.
void import_certificate_for(DriverSession& s, const Bytes& id, std::uint32_t usage,
                            const Bytes& der);
// The plaintext of SM4-ECB `data` whose key is wrapped to the encryption pair `id`.
Secret open_sealed_on_device(DriverSession& s, const Bytes& id, const crt_sm2_cipher& wrapped,
                             const Bytes& data);
// Refuses (CRT_ERR_NOT_SUPPORTED) to delete an encryption pair or certificate alone.
void refuse_encryption_loss(const ObjectAddress& address);

}  // namespace certrenew::skf
