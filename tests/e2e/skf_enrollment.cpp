#include "skf_enrollment.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <memory>

#include "ca/authority.hpp"
#include "certrenew/core/pki/sm2_envelope.hpp"

namespace certrenew::testing {

x509::Certificate enroll_skf_customer(const ServerProcess& server, SkfKeys& keys,
                                      const std::string& serial, const std::string& container) {
  const EvpKey key = make_key(KeyKind::sm2);
  auto ca = server::CertificateAuthority::load(server.dir() / "ca" / "ca.crt",
                                               server.dir() / "ca" / "ca.key");
  server::CertificateAuthority::EndEntityProfile profile;
  profile.subject = {{"C", "CN"}, {"O", "广州某某贸易有限公司"}, {"CN", "胡某"}};
  const auto now = std::chrono::system_clock::now();
  const Bytes der = ca.issue_end_entity(key.get(), profile, now - std::chrono::days(345),
                                        now + std::chrono::days(20));
  keys.add_container(serial, container, private_key_pem(key.get()), der);
  return x509::parse_certificate(der);
}

Bytes give_encryption_pair(token::Session& session, const ServerProcess& server,
                           const token::ObjectId& signing_id, const Bytes& signing_der) {
  const EvpKey key = make_key(KeyKind::sm2);
  const auto envelope = pki::decode_sm2_enveloped_key(
      pki::seal_sm2_envelope(x509::parse_certificate(signing_der).public_key.spki_der, key.get()));
  const token::ObjectId id = session.import_enveloped_key(signing_id, envelope, "enc");
  auto ca = server::CertificateAuthority::load(server.dir() / "ca" / "ca.crt",
                                               server.dir() / "ca" / "ca.key");
  const Bytes der = ca.issue_encryption_certificate(signing_der, key.get());
  session.write_certificate(id, token::KeyUsage::encryption, "enc", der);
  return der;
}

}  // namespace certrenew::testing
