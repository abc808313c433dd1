// With --allow-writes, for a driver offering dual certificates (import_enveloped_key,
// write_certificate_for, open_sealed): a fresh SM2 signing key receives an encryption key pair
// sealed to it the way a CA's KMC seals it (GM/T 0009 SM2EnvelopedKey); a tampered envelope and
// one sealed to another key are refused with CRT_ERR_DATA_INVALID and change nothing; the pair is
// listed as an encryption key, takes its certificate, and opens data sealed to it (and only to
// it). What was made is removed again where the driver allows; a driver that keeps encryption
// keys (SKF removes them only with their container) is reported as keeping them.
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "certrenew/core/openssl_ptr.hpp"
#include "certrenew/core/pki/error.hpp"
#include "certrenew/core/pki/sm2_envelope.hpp"
#include "certrenew/core/token/token_error.hpp"
#include "checks.hpp"
#include "openssl_support.hpp"
#include "refusals.hpp"

namespace certrenew::driver_check {

namespace {

Bytes spki_of(const EVP_PKEY* key) {
  const int len = i2d_PUBKEY(key, nullptr);
  Bytes der(len > 0 ? static_cast<std::size_t>(len) : 0);
  unsigned char* out = der.data();
  if (len <= 0 || i2d_PUBKEY(key, &out) != len) throw std::runtime_error("encode a public key");
  return der;
}

Bytes random_blocks(std::size_t size) {
  Bytes bytes(size);
  if (RAND_bytes(bytes.data(), static_cast<int>(size)) != 1) throw std::runtime_error("random");
  return bytes;
}

// The objects of the token as (id, usage, key spki, certificate der) for before/after compares.
std::vector<std::string> snapshot(token::Session& session) {
  std::vector<std::string> lines;
  for (const auto& o : session.objects())
    lines.push_back(to_hex(o.id) + (o.usage == token::KeyUsage::encryption ? " enc" : " sig") +
                    (o.key ? " key " + to_hex(o.key->spki) : "") +
                    (o.certificate ? " cert " + to_hex(o.certificate->der) : ""));
  std::sort(lines.begin(), lines.end());
  return lines;
}

// What a refused operation must be: CRT_ERR_DATA_INVALID, and nothing changed.
std::string refused_cleanly(token::Session& session, const std::function<void()>& action) {
  const auto before = snapshot(session);
  try {
    action();
    return "accepted";
  } catch (const token::TokenError& e) {
    if (e.code() != token::TokenErrc::data_invalid)
      return std::string("refused, but not with CRT_ERR_DATA_INVALID: ") + e.what();
  }
  return snapshot(session) == before ? "" : "refused, but the token's objects changed";
}

}  // namespace

void CheckRun::check_encryption_keys() {
  const std::string name = "encryption-keys";
  if (!token_ || !token_->can_hold_encryption_keys) {
    report_.skip(name,
                 "the driver offers no import_enveloped_key / write_certificate_for / open_sealed "
                 "(dual certificates)");
    return;
  }
  if (!options_.allow_writes || !logged_in_) {
    report_.skip(name, options_.allow_writes ? "not logged in" : "needs --allow-writes");
    return;
  }
  const std::string imp = "envelope:import", tamper = "envelope:tampered",
                    cert = "envelope:certificate", open = "envelope:open-sealed",
                    cleanup = "envelope:cleanup";
  token::GeneratedKey signing;
  try {
    signing = session_->generate_key(token::KeyType::sm2, 0, kObjectLabel);
  } catch (const token::TokenError& e) {
    report_.fail(imp, std::string("an SM2 signing key to import next to: ") + e.what());
    return;
  }
  std::optional<token::ObjectId> encryption_id;
  try {
    const ossl::EvpPkeyPtr pair(EVP_PKEY_Q_keygen(nullptr, nullptr, "SM2"));
    const ossl::EvpPkeyPtr other(EVP_PKEY_Q_keygen(nullptr, nullptr, "SM2"));
    if (!pair || !other) throw std::runtime_error("make SM2 keys with OpenSSL");
    const Bytes encryption_spki = spki_of(pair.get());
    const pki::Sm2EnvelopedKey envelope =
        pki::decode_sm2_enveloped_key(pki::seal_sm2_envelope(signing.spki, pair.get()));

    // tampered: a changed private key, and an envelope sealed to another signing key.
    pki::Sm2EnvelopedKey changed = envelope;
    changed.encrypted_private_key[7] ^= 0x01;
    const pki::Sm2EnvelopedKey misdirected =
        pki::decode_sm2_enveloped_key(pki::seal_sm2_envelope(spki_of(other.get()), pair.get()));
    std::string bad = refused_cleanly(
        *session_, [&] { session_->import_enveloped_key(signing.id, changed, kObjectLabel); });
    if (bad.empty())
      bad = refused_cleanly(*session_, [&] {
        session_->import_enveloped_key(signing.id, misdirected, kObjectLabel);
      });
    if (bad.empty())
      report_.pass(tamper,
                   "a changed envelope and one sealed to another key: both refused with "
                   "CRT_ERR_DATA_INVALID, the token unchanged");
    else
      report_.fail(tamper, bad);

    // import: listed as an encryption key with the envelope's public key; a second refused.
    encryption_id = session_->import_enveloped_key(signing.id, envelope, kObjectLabel);
    const auto objects = session_->objects();
    const auto listed = std::find_if(objects.begin(), objects.end(),
                                     [&](const auto& o) { return o.id == *encryption_id; });
    if (listed == objects.end() || !listed->key || listed->key->spki != encryption_spki ||
        listed->usage != token::KeyUsage::encryption) {
      report_.fail(imp,
                   "imported, but not listed as an encryption key with the envelope's "
                   "public key under id " +
                       to_hex(*encryption_id));
    } else {
      const std::string again = refused_as_existing(
          [&] { session_->import_enveloped_key(signing.id, envelope, kObjectLabel); },
          "a second envelope for the same signing key was accepted", "a second import");
      if (again.empty())
        report_.pass(imp, "listed as an encryption key under id " + to_hex(*encryption_id) +
                              "; a second one refused with CRT_ERR_OBJECT_EXISTS");
      else
        report_.fail(imp, again);
    }

    // certificate: written as an encryption certificate and read back; as a signing one refused.
    const Bytes der = certificate_for(encryption_spki, std::string(kObjectLabel) + " encryption");
    std::string wrong = refused_cleanly(*session_, [&] {
      session_->write_certificate(*encryption_id, token::KeyUsage::signing, kObjectLabel, der);
    });
    session_->write_certificate(*encryption_id, token::KeyUsage::encryption, kObjectLabel, der);
    const auto after = session_->objects();
    const auto with_cert = std::find_if(after.begin(), after.end(),
                                        [&](const auto& o) { return o.id == *encryption_id; });
    if (with_cert == after.end() || !with_cert->certificate || with_cert->certificate->der != der)
      report_.fail(cert, "written, but not read back byte-identical under the encryption id");
    else if (!wrong.empty())
      report_.fail(cert, "writing it as a signing certificate: " + wrong);
    else
      report_.pass(cert, "read back byte-identical; as a signing certificate refused");

    // open-sealed: what is sealed to the pair opens; with the signing key, or changed, it does not.
    const Bytes message = random_blocks(48);
    const pki::SealedData sealed = pki::seal_data(encryption_spki, message);
    const Bytes plain = session_->open_sealed(*encryption_id, sealed.wrapped_key, sealed.data);
    pki::Sm2Cipher changed_key = sealed.wrapped_key;
    changed_key.ciphertext[0] ^= 0x01;
    std::string refusal = refused_cleanly(
        *session_, [&] { session_->open_sealed(signing.id, sealed.wrapped_key, sealed.data); });
    if (refusal.empty())
      refusal = refused_cleanly(
          *session_, [&] { session_->open_sealed(*encryption_id, changed_key, sealed.data); });
    if (plain != message)
      report_.fail(open, "the plaintext differs from what was sealed");
    else if (!refusal.empty())
      report_.fail(open, "the signing key, or a changed wrapped key: " + refusal);
    else
      report_.pass(open,
                   "48 bytes sealed to the pair opened; the signing key and a changed "
                   "wrapped key refused with CRT_ERR_DATA_INVALID");
  } catch (const std::exception& e) {
    report_.fail(imp, e.what());
  }

  // cleanup: whatever the driver lets go.
  std::vector<std::string> kept;
  for (const auto& id : {encryption_id.value_or(token::ObjectId{}), signing.id}) {
    if (id.empty()) continue;
    for (auto kind : {token::ObjectKind::certificate, token::ObjectKind::private_key}) {
      try {
        session_->delete_object(kind, id);
      } catch (const token::TokenError& e) {
        if (e.code() == token::TokenErrc::not_supported) kept.push_back(to_hex(id));
      }
    }
  }
  if (kept.empty())
    report_.pass(cleanup, "the objects made were deleted");
  else
    report_.pass(cleanup, "the driver keeps encryption keys (and what holds them): objects " +
                              to_hex(signing.id) + " stay on the token");
}

}  // namespace certrenew::driver_check
