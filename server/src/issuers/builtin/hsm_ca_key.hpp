#pragma once
// The built-in CA's key on an HSM, through the project's token layer: the pkcs11 driver plugin is
// loaded at run time by core's token host (the server links no plugin), the token is chosen by an
// RFC 7512 URI, and the key by its CKA_ID. The key never leaves the HSM: certificates and CRLs
// are signed there (ca/external_signature). The PIN is read from an environment variable or an
// owner-only file when the session is opened, and wiped after the login.

#include <memory>
#include <string>

#include "certrenew/core/secure_buffer.hpp"
#include "certrenew/core/signer.hpp"
#include "certrenew/core/token/token_types.hpp"
#include "issuers/issuer.hpp"
#include "issuers/issuer_config.hpp"

namespace certrenew::server {

class HsmCaKey {
 public:
  // Loads the driver, opens the one token the URI selects and logs in. Throws
  // std::runtime_error saying which step failed (never with the PIN in it).
  static std::shared_ptr<HsmCaKey> open(const HsmKeyConfig& config);

  // A new key pair on the token (never extractable) for a new CA; its CKA_ID in hex is what
  // the configuration's key_id names. config.key_id_hex is ignored.
  struct Generated {
    std::string key_id_hex;
    std::shared_ptr<HsmCaKey> key;
  };
  static Generated generate(const HsmKeyConfig& config, token::KeyType type,
                            const std::string& label);

  // The key as a Signer (keeps the session, and so the driver, loaded).
  std::shared_ptr<const Signer> signer() const { return signer_; }
  // The token still answers and the session is usable (no signature made).
  IssuerHealth health() const;

  struct State;  // the driver, context and session (hsm_ca_key.cpp)
  explicit HsmCaKey(std::shared_ptr<State> state);

 private:
  std::shared_ptr<State> state_;
  std::shared_ptr<const Signer> signer_;
};

// The PIN from config.pin_env or config.pin_file; a file readable by group or others is refused.
SecureBuffer read_hsm_pin(const HsmKeyConfig& config);

}  // namespace certrenew::server
