// Issue 21, key recovery against a real certrenew-server: an admin re-delivers a holder's escrowed
// encryption key to the holder's application on a new token; reviewers may not; each recovery is
// audited once; the key arrives sealed to the new token's signing key.
#include <doctest/doctest.h>

#include <fstream>

#include "ca/authority.hpp"
#include "certrenew/core/protocol/back_office_answers.hpp"
#include "certrenew/core/protocol/requests.hpp"
#include "dual_holder.hpp"
#include "run_program.hpp"

using namespace certrenew;
using namespace certrenew::testing;
using nlohmann::json;

namespace {

ServerProcess::Reply recover(const ServerProcess& s, const std::string& business_no,
                             const std::string& serial, const std::string& token) {
  return s.post(kAdmin + "/" + business_no + "/recover-encryption-key",
                protocol::encode(protocol::RecoverKeyRequest{serial}), token);
}

// GET …/escrowed-keys, strictly decoded.
protocol::EscrowedKeys escrowed_keys(const ServerProcess& s, const std::string& business_no,
                                     const std::string& token) {
  auto r = s.get(kAdmin + "/" + business_no + "/escrowed-keys", token);
  REQUIRE_MESSAGE(r.status == 200, r.body.dump());
  return protocol::decode_escrowed_keys(protocol::Field(r.body));
}

int admin_cli(const ServerProcess& s, const std::string& token, const std::string& action,
              std::string* out) {
  const auto token_file = s.dir() / "cli.token";
  std::ofstream(token_file) << token << "\n";
  return run_program(
      {"/bin/sh", "-c",
       std::string(CERTRENEW_SERVER_BINARY) + " admin --config '" + s.config_file().string() +
           "' --listen 127.0.0.1:" + std::to_string(s.port()) + " --token-file '" +
           token_file.string() + "' " + action + " 2>&1"},
      out);
}

}  // namespace

TEST_CASE("key recovery delivers an escrowed key to the holder's new token, audited, admins only") {
  ServerProcess s({.ca_key = "sm2"});
  const std::string reviewer = operator_with_role(s, "rev", "reviewer");
  const std::string admin = operator_with_role(s, "kmcadmin", "admin");

  // The first dual renewal escrows an encryption key.
  DualHolder h = DualHolder::of(s);
  const Submitted first = submit(s, h.applicant, h.content(s));
  pay_and_approve(s, first, kDualFee);
  const auto issued = dual_part(download_answer(s, first));
  REQUIRE(issued.encryption.has_value());
  const std::string serial = issued.encryption->certificate.serial_hex;
  auto original = open_envelope(issued.encryption->envelope, h.applicant.new_key.get());

  // The holder lost that token: a new token, a certificate of the same subject, a new application
  // (it carries no encryption certificate: the token is blank).
  Applicant fresh = Applicant::of(s, KeyKind::sm2);
  const Submitted second = submit(s, fresh, fresh.content(s, 12));
  // Before payment the application is not ready for a key.
  auto early = recover(s, second.business_no, serial, admin);
  CHECK(early.status == 409);
  CHECK(early.body["error"]["code"] == "invalid_state");
  pay_by_transfer(s, second, kDualFee);

  // The holder's escrowed keys, as operators see them.
  const auto listed = escrowed_keys(s, second.business_no, reviewer);
  CHECK(listed.business_no == second.business_no);
  REQUIRE(listed.keys.size() == 1);
  CHECK(listed.keys[0].serial == serial);
  CHECK(listed.keys[0].issued_with == first.business_no);
  CHECK_FALSE(listed.keys[0].delivered_here);

  // Refused: a reviewer; a key that does not exist; a serial that is not hex; the application's
  // own key; another holder's application. None of these changes anything.
  auto by_reviewer = recover(s, second.business_no, serial, reviewer);
  CHECK(by_reviewer.status == 403);
  CHECK(by_reviewer.body["error"]["code"] == "forbidden_role");
  CHECK(by_reviewer.body["error"]["details"]["needed_role"] == "admin");
  CHECK(recover(s, second.business_no, "0123ABCD", admin).status == 404);
  CHECK(recover(s, second.business_no, "'; DROP TABLE x", admin).status == 400);
  CHECK(
      s.post(kAdmin + "/" + second.business_no + "/recover-encryption-key", {{"serial", 7}}, admin)
          .status == 400);
  CHECK(recover(s, first.business_no, serial, admin).status == 409);  // approved, its own key
  Applicant stranger = Applicant::of(s, KeyKind::sm2);
  stranger.old_cert_der = [&] {
    auto ca =
        server::CertificateAuthority::load(s.dir() / "ca" / "ca.crt", s.dir() / "ca" / "ca.key");
    server::CertificateAuthority::EndEntityProfile p;
    p.subject = {{"C", "CN"}, {"O", "另一家公司"}, {"CN", "王某"}};
    const auto now = std::chrono::system_clock::now();
    return ca.issue_end_entity(stranger.old_key.get(), p, now - std::chrono::days(300),
                               now + std::chrono::days(20));
  }();
  const Submitted other = submit(s, stranger, stranger.content(s, 12));
  pay_by_transfer(s, other, kDualFee);
  auto mismatch = recover(s, other.business_no, serial, admin);
  CHECK(mismatch.status == 409);
  CHECK(mismatch.body["error"]["code"] == "subject_mismatch");
  CHECK_FALSE(escrowed_keys(s, second.business_no, admin).keys.at(0).delivered_here);

  // An admin recovers it through the command line; doing it again changes nothing.
  std::string out;
  REQUIRE_MESSAGE(
      admin_cli(s, admin, "recover-key " + second.business_no + " " + serial, &out) == 0, out);
  CHECK(out.find(serial) != std::string::npos);
  auto again = recover(s, second.business_no, serial, admin);
  REQUIRE(again.status == 200);
  const auto recovered_keys = protocol::decode_recovered_keys(protocol::Field(again.body));
  REQUIRE(recovered_keys.recovered.size() == 1);
  CHECK(recovered_keys.recovered[0].recovered_by == "operator:kmcadmin");
  CHECK(escrowed_keys(s, second.business_no, admin).keys.at(0).delivered_here);

  // Approved, the new token downloads its own signing certificate and the recovered key, sealed
  // to its new signing key: the same key pair the first token received.
  auto approved = s.admin_action(second.business_no, "approve");
  REQUIRE_MESSAGE(approved.status == 200, approved.body.dump());
  const json answer = download_answer(s, second);
  const auto dual = dual_part(answer);
  CHECK_FALSE(dual.encryption.has_value());  // this application carried no encryption certificate
  REQUIRE(dual.recovered.size() == 1);
  CHECK(dual.recovered[0].certificate.serial_hex == serial);
  CHECK_THROWS(open_envelope(dual.recovered[0].envelope, h.applicant.new_key.get()));
  auto recovered = open_envelope(dual.recovered[0].envelope, fresh.new_key.get());
  REQUIRE(recovered);
  CHECK(EVP_PKEY_eq(recovered.get(), original.get()) == 1);
  CHECK(sealed_and_opened(s, issued.encryption->certificate.der, recovered.get(),
                          "bid sealed before the token was lost") ==
        "bid sealed before the token was lost");

  // One audit entry, naming the admin and the key; the application's history says it too.
  auto shown = s.get(kAdmin + "/" + second.business_no, admin);
  CHECK(count_where(shown.body["events"], "kind", "encryption_key_recovered") == 1);
  s.stop();
  const server::AuditEntry audited = only_audit_entry_of(s, "recover_encryption_key");
  CHECK(audited.actor == "kmcadmin");
  CHECK(audited.role == "admin");
  CHECK(audited.business_no == second.business_no);
  CHECK(audited.detail.find(serial) != std::string::npos);
}
