// With --allow-writes: for every algorithm the driver can generate keys for, generate a key, sign
// through the host and verify with OpenSSL, store a certificate and read it back, then delete
// both. Whatever fails, the objects made here are removed again.
#include <algorithm>
#include <string>

#include "certrenew/core/token/token_error.hpp"
#include "checks.hpp"
#include "openssl_support.hpp"
#include "refusals.hpp"

namespace certrenew::driver_check {

namespace {

constexpr std::string_view kMessage = "certrenew-driver-check: a message to sign";

// Deletes what a lifecycle check created, if it is still there; errors are ignored because the
// check that failed has reported already.
class Cleanup {
 public:
  Cleanup(token::Session& session, token::ObjectId id) : session_(session), id_(std::move(id)) {}
  Cleanup(const Cleanup&) = delete;
  Cleanup& operator=(const Cleanup&) = delete;
  ~Cleanup() {
    if (!armed_) return;
    for (auto kind : {token::ObjectKind::certificate, token::ObjectKind::private_key}) {
      try {
        session_.delete_object(kind, id_);
      } catch (const std::exception&) {  // not there, or the driver cannot: nothing more to do
      }
    }
  }
  void disarm() { armed_ = false; }

 private:
  token::Session& session_;
  token::ObjectId id_;
  bool armed_ = true;
};

const token::TokenObject* find_object(const std::vector<token::TokenObject>& objects,
                                      const token::ObjectId& id) {
  const auto it = std::find_if(objects.begin(), objects.end(),
                               [&](const token::TokenObject& o) { return o.id == id; });
  return it == objects.end() ? nullptr : &*it;
}

unsigned rsa_bits(const token::Mechanism& m) {
  return std::clamp(2048u, m.min_bits, std::max(m.min_bits, m.max_bits));
}

}  // namespace

void CheckRun::check_writes() {
  const std::string name = "writes";
  if (!options_.allow_writes) {
    report_.skip(name,
                 "key generation, signing and certificate storage need --allow-writes "
                 "(they create and delete objects on the token)");
    return;
  }
  if (!logged_in_) {
    report_.skip(name, "not logged in");
    return;
  }
  if (token_->write_protected) {
    report_.skip(name, "the token is write-protected");
    return;
  }
  std::vector<token::Mechanism> generating;
  try {
    for (const auto& m : session_->mechanisms())
      if (m.can_generate) generating.push_back(m);
  } catch (const token::TokenError& e) {
    report_.fail(name, e.what());
    return;
  }
  if (generating.empty()) {
    report_.skip(name, "the driver claims no algorithm it can generate keys for");
    return;
  }
  for (const auto& m : generating) check_key_lifecycle(m);
}

void CheckRun::check_key_lifecycle(const token::Mechanism& mechanism) {
  const std::string alg(token::to_string(mechanism.algorithm));
  const token::KeyType type = token::key_type_for(mechanism.algorithm);
  const std::string gen = "generate:" + alg, sign = "sign:" + alg, cert = "certificate:" + alg,
                    del = "delete:" + alg;

  token::GeneratedKey key;
  try {
    key = session_->generate_key(type, type == token::KeyType::rsa ? rsa_bits(mechanism) : 0,
                                 kObjectLabel);
  } catch (const token::TokenError& e) {
    report_.fail(gen, e.what());
    report_.skip(sign + ", " + cert + ", " + del, "no key");
    return;
  }
  Cleanup cleanup(*session_, key.id);
  const std::string id = to_hex(key.id);

  // generate: a real public key of the right type, listed under the returned id.
  const auto facts = inspect_spki(key.spki);
  std::string problem;
  if (!facts)
    problem = "the returned public key is not a DER SubjectPublicKeyInfo";
  else if (facts->type != type)
    problem = "asked for " + std::string(to_string(type)) + ", got " +
              std::string(to_string(facts->type));
  if (problem.empty()) {
    try {
      const auto objects = session_->objects();
      const auto* listed = find_object(objects, key.id);
      if (!listed || !listed->key)
        problem = "the new key " + id + " is not listed";
      else if (listed->key->spki != key.spki)
        problem = "the listed public key differs from the one returned";
    } catch (const token::TokenError& e) {
      problem = e.what();
    }
  }
  if (!problem.empty()) {
    report_.fail(gen, problem);
    report_.skip(sign + ", " + cert, "the key is not usable");
  } else {
    report_.pass(gen, "id " + id + ", " + std::to_string(facts->bits) + "-bit " +
                          std::string(to_string(type)) + " key, listed with the same public key");

    // sign: through the host (which hashes and DER-encodes as the driver needs), verified by
    // OpenSSL over the whole message.
    try {
      const Bytes signature = session_->sign(key.id, mechanism.algorithm, as_bytes(kMessage));
      const std::string bad =
          verify_signature(key.spki, mechanism.algorithm, as_bytes(kMessage), signature);
      const std::string how =
          std::string(mechanism.input == token::SignatureInput::digest ? "digest" : "data") +
          " in, " +
          (mechanism.format == token::SignatureFormat::raw_rs ? "raw r||s"
           : mechanism.format == token::SignatureFormat::der  ? "DER"
                                                              : "plain") +
          " out";
      if (bad.empty())
        report_.pass(sign,
                     how + "; verified with OpenSSL" +
                         (type == token::KeyType::sm2 ? " (signer ID 1234567812345678)" : ""));
      else
        report_.fail(sign, how + ": " + bad);
    } catch (const token::TokenError& e) {
      report_.fail(sign, e.what());
    }

    // certificate: stored next to the key, read back byte for byte, a second one refused.
    try {
      const Bytes der = certificate_for(key.spki, std::string(kObjectLabel) + " " + alg);
      session_->write_certificate(key.id, kObjectLabel, der);
      const auto objects = session_->objects();
      const auto* listed = find_object(objects, key.id);
      if (!listed || !listed->certificate) {
        report_.fail(cert, "written, but no certificate is listed under id " + id);
      } else if (listed->certificate->der != der) {
        report_.fail(cert, "read back " + std::to_string(listed->certificate->der.size()) +
                               " bytes that differ from the " + std::to_string(der.size()) +
                               " written");
      } else {
        const std::string again = refused_as_existing(
            [&] { session_->write_certificate(key.id, kObjectLabel, der); },
            "a second certificate with the same id was accepted", "a second write");
        if (again.empty())
          report_.pass(cert, "written and read back byte-identical (" + std::to_string(der.size()) +
                                 " bytes); a second write refused with CRT_ERR_OBJECT_EXISTS");
        else
          report_.fail(cert, again);
      }
    } catch (const std::exception& e) {
      report_.fail(cert, e.what());
    }
  }

  // delete: the certificate (if any) and the key, then neither is listed. A device that keeps a
  // certificate inside its key's container (SKF) may refuse to delete the certificate alone with
  // CRT_ERR_NOT_SUPPORTED, as long as deleting the key then takes the certificate along.
  try {
    const auto before = session_->objects();
    const auto* listed = find_object(before, key.id);
    bool bound = false;
    if (listed && listed->certificate) {
      try {
        session_->delete_object(token::ObjectKind::certificate, key.id);
      } catch (const token::TokenError& e) {
        if (e.code() != token::TokenErrc::not_supported) throw;
        bound = true;
      }
    }
    session_->delete_object(token::ObjectKind::private_key, key.id);
    const auto after = session_->objects();
    if (find_object(after, key.id)) {
      report_.fail(del, "objects with id " + id + " are still listed after deletion");
    } else {
      report_.pass(del, bound ? "the certificate cannot go alone (CRT_ERR_NOT_SUPPORTED); deleting "
                                "the key removed both; nothing left under id " +
                                    id
                              : "certificate and key deleted; nothing left under id " + id);
      cleanup.disarm();
    }
  } catch (const token::TokenError& e) {
    report_.fail(del, e.what());
  }
}

}  // namespace certrenew::driver_check
