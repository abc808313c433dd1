#pragma once
// Issue 21 end to end: the token of an SM2 dual-certificate holder — a softtoken, or an SKF key
// through the SKF bridge over the SKF test double — as the CA's enrollment left it (an SM2 signing
// key and certificate; an encryption key pair the KMC sealed to the signing key, and its
// certificate), configured for certrenew-cli in a CliWorld. The test reaches the same token
// in process through the same driver the CLI loads, to look at it and to open sealed bids on it.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "certrenew/core/bytes.hpp"
#include "certrenew/core/token/session.hpp"
#include "cli_world.hpp"
#include "skf_test_support.hpp"

namespace certrenew::testing {

enum class Holder { softtoken, skf };

// A bid a relying party sealed to an encryption certificate with the openssl command line:
// `openssl pkeyutl -encrypt` of a fresh SM4 key to the certificate, `openssl enc -sm4-ecb` of the
// bid (whole blocks) under it.
struct SealedBid {
  Bytes plain;
  Bytes wrapped_key;  // DER SM2Cipher, as openssl writes it
  Bytes data;
};
SealedBid seal_bid_with_openssl(const std::filesystem::path& dir, const Bytes& certificate_der,
                                const std::string& text);

class DualToken {
 public:
  // Enrolls the holder on a new token of that kind (certificate valid 20 more days from the
  // world's CA, encryption pair beside it) and configures the world's client to see only it.
  DualToken(CliWorld& world, Holder holder);

  Holder holder() const { return holder_; }
  const std::string& serial() const { return serial_; }
  const Bytes& signing_certificate() const { return signing_der_; }
  const Bytes& encryption_certificate() const { return encryption_der_; }  // the enrolled one

  // The holder lost the token: a new one, enrolled with a signing key and certificate only (no
  // encryption pair), replaces it; the old one is gone for the client.
  void replace_with_blank_token();

  // A logged-in session on the current token (drop it before running the CLI).
  token::Session session() const;
  // What the token holds, one line per object (id, usage, certificate, key), sorted: equal
  // snapshots mean an unchanged token.
  std::vector<std::string> snapshot() const;
  // Whether the token holds the private key of this certificate.
  bool holds_key_of(const Bytes& certificate_der) const;
  // The bid opened on the token with the key of `certificate_der` (throws TokenError when the
  // key is missing or does not open it).
  Bytes open_on_token(const Bytes& certificate_der, const SealedBid& bid) const;

 private:
  void enroll(const std::string& serial, bool with_encryption_pair);

  CliWorld& world_;
  Holder holder_;
  std::unique_ptr<SkfKeys> skf_;
  std::filesystem::path softtoken_root_;
  std::string serial_;
  Bytes signing_der_;
  Bytes encryption_der_;
  int tokens_made_ = 0;
};

}  // namespace certrenew::testing
