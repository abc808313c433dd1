// Issue 21 against a real certrenew-server: an SM2 dual-certificate holder's approval issues the
// signing and the encryption certificate, the KMC escrows the encryption key under its master key
// and delivers it sealed to the new signing key; bad encryption certificates change nothing.
#include <doctest/doctest.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>

#include <algorithm>

#include "dual_holder.hpp"
#include "postgres_cluster.hpp"
#include "service/dual_certificates.hpp"
#include "skip_without_postgres.hpp"
#include "storage/store.hpp"
#include "test_pki.hpp"

using namespace certrenew;
using namespace certrenew::testing;
using nlohmann::json;

namespace {

Bytes private_scalar(EVP_PKEY* key) {
  BIGNUM* d = nullptr;
  REQUIRE(EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_PRIV_KEY, &d) == 1);
  Bytes out(32);
  BN_bn2binpad(d, out.data(), 32);
  BN_clear_free(d);
  return out;
}

bool contains(const Bytes& haystack, const Bytes& needle) {
  return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end()) !=
         haystack.end();
}

// The whole dual renewal on one instance (SQLite, or PostgreSQL when `database` is its URI).
void dual_renewal(const std::string& database) {
  ServerProcess s({.ca_key = "sm2", .database = database});
  CHECK(s.get("/api/v1/info").body["dual_certificates"] == "when-present");
  DualHolder h = DualHolder::of(s);
  const Submitted app = submit(s, h.applicant, h.content(s));
  pay_and_approve(s, app, kDualFee);

  const json answer = download_answer(s, app);
  const auto dual = dual_part(answer);
  REQUIRE(dual.encryption.has_value());
  CHECK(dual.recovered.empty());
  const auto signing =
      x509::parse_certificate(from_base64(answer["certificate"].get<std::string>()));
  const x509::Certificate& encryption = dual.encryption->certificate;

  // Two certificates of one holder, each for its use.
  CHECK(encryption.subject.der == signing.subject.der);
  CHECK(encryption.not_after == signing.not_after);
  CHECK(encryption.serial_hex != signing.serial_hex);
  CHECK(encryption.key_usage == std::vector<std::string>{"keyEncipherment", "dataEncipherment"});
  CHECK(encryption.extended_key_usage.empty());
  CHECK(encryption.public_key.type == x509::KeyType::sm2);
  CHECK(encryption.der != h.encryption_cert_der);  // a new encryption key pair, not the old one
  std::string out;
  CHECK_MESSAGE(openssl_verify(s, signing.der, &out) == 0, out);
  CHECK_MESSAGE(openssl_verify(s, encryption.der, &out) == 0, out);

  // The envelope opens with the new signing key (the holder's token) to the certificate's key,
  // which decrypts what a relying party seals to the certificate.
  auto key = open_envelope(dual.encryption->envelope, h.applicant.new_key.get());
  REQUIRE(key);
  CHECK(is_key_of(key.get(), encryption.der));
  CHECK(sealed_and_opened(s, encryption.der, key.get(), "tender bid 2026-17") ==
        "tender bid 2026-17");
  // Not with any other key, the old signing key included.
  CHECK_THROWS(open_envelope(dual.encryption->envelope, h.applicant.old_key.get()));
  // Downloading again gives the same bytes.
  CHECK(download_answer(s, app) == answer);

  // The escrow row holds the key only encrypted: not the private scalar, not under another master
  // key, not for another application; the configured master key opens it to the same key.
  const Bytes scalar = private_scalar(key.get());
  s.stop();
  auto store = database.empty() ? server::open_sqlite_store(s.dir() / "server.db")
                                : server::open_postgres_store(database);
  std::optional<server::EscrowedKeyRecord> row;
  std::int64_t application_id = 0;
  store->transact([&](server::StoreTx& tx) {
    application_id = tx.application_by_business_no(app.business_no)->id;
    row = tx.escrowed_key_of(application_id);
    CHECK(tx.encryption_request(application_id) == h.encryption_cert_der);
  });
  REQUIRE(row.has_value());
  CHECK(row->serial_hex == encryption.serial_hex);
  CHECK(row->certificate_der == encryption.der);
  CHECK_FALSE(contains(row->sealed_private_key, scalar));
  CHECK_FALSE(contains(row->envelope, scalar));
  const auto config = server::ServerConfig::load(s.config_file());
  const server::KeyManagementCentre kmc(config.kmc);
  auto escrowed = kmc.open(*row);
  CHECK(EVP_PKEY_eq(escrowed.get(), key.get()) == 1);
  CHECK(private_scalar(escrowed.get()) == scalar);
  const server::KeyEscrow other_master(Bytes(32, 0x5a));
  CHECK_THROWS_AS(other_master.open(row->sealed_private_key, server::KeyManagementCentre::binding(
                                                                 application_id, row->serial_hex)),
                  server::EscrowError);
  server::EscrowedKeyRecord moved = *row;
  moved.application_id = application_id + 1;  // the row copied to another application
  CHECK_THROWS_AS(kmc.open(moved), server::EscrowError);
}

}  // namespace

TEST_CASE("a dual-certificate approval issues both certificates and the envelope (SQLite)") {
  dual_renewal("");
}

TEST_CASE("a dual-certificate approval issues both certificates and the envelope (PostgreSQL)") {
  if (skip_without_postgres()) return;
  PostgresCluster cluster;
  dual_renewal(cluster.create_database("kmc_dual_renewal"));
}

TEST_CASE("which renewals are dual follows the policy") {
  ServerProcess s({.ca_key = "sm2"});
  // A single-certificate holder (no encryption certificate), SM2 or not: one certificate.
  Applicant sm2 = Applicant::of(s, KeyKind::sm2);
  Submitted single = submit(s, sm2, sm2.content(s, 12));
  pay_and_approve(s, single, kDualFee);
  json answer = download_answer(s, single);
  CHECK_FALSE(answer.contains("encryption"));
  CHECK_FALSE(answer.contains("recovered"));

  // always-sm2: every SM2 renewal gets its encryption certificate; an EC one still does not.
  s.reconfigure([](json& c) { c["kmc"]["dual_certificates"] = "always-sm2"; });
  CHECK(s.get("/api/v1/info").body["dual_certificates"] == "always-sm2");
  Applicant sm2_again = Applicant::of(s, KeyKind::sm2);
  Submitted always = submit(s, sm2_again, sm2_again.content(s, 12));
  pay_and_approve(s, always, kDualFee);
  CHECK(dual_part(download_answer(s, always)).encryption.has_value());
  Applicant ec = Applicant::of(s, KeyKind::ec_p256);
  Submitted ec_app = submit(s, ec, ec.content(s, 12));
  pay_and_approve(s, ec_app, kDualFee);
  CHECK_FALSE(download_answer(s, ec_app).contains("encryption"));

  // never: the encryption certificate is checked, then left alone.
  s.reconfigure([](json& c) { c["kmc"]["dual_certificates"] = "never"; });
  DualHolder h = DualHolder::of(s);
  Submitted kept = submit(s, h.applicant, h.content(s));
  pay_and_approve(s, kept, kDualFee);
  CHECK_FALSE(download_answer(s, kept).contains("encryption"));

  // No "kmc" at all: no KMC, no dual certificates.
  s.reconfigure([](json& c) { c.erase("kmc"); });
  CHECK(s.get("/api/v1/info").body["dual_certificates"] == "never");
}

TEST_CASE("a bad encryption certificate in the application is refused and nothing is stored") {
  ServerProcess s({.ca_key = "sm2"});
  DualHolder h = DualHolder::of(s);
  auto ca =
      server::CertificateAuthority::load(s.dir() / "ca" / "ca.crt", s.dir() / "ca" / "ca.key");
  auto refused = [&](const json& pem, const Applicant& who = Applicant()) {
    const Applicant& a = who.old_key ? who : h.applicant;
    json c = a.content(s, 12);
    c["encryption_certificate"] = pem;
    return s.post(kApps, a.body(c));
  };
  auto field_of = [](const ServerProcess::Reply& r) {
    return r.body["error"]["details"]["field"].get<std::string>();
  };

  // Not one PEM SM2 certificate: 400 malformed_application naming the field.
  for (const json& bad :
       {json("garbage"), json(42), json(to_base64(h.encryption_cert_der)),
        json(h.encryption_pem() + h.encryption_pem()),
        json(h.encryption_pem() + "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"),
        json(protocol::certificate_pem(Applicant::of(s, KeyKind::ec_p256).old_cert_der))}) {
    auto r = refused(bad);
    CHECK_MESSAGE(r.status == 400, r.body.dump());
    CHECK(r.body["error"]["code"] == "malformed_application");
    CHECK(field_of(r) == "encryption_certificate");
  }
  // Tampered: one bit of its signature changed, so this CA never signed it.
  Bytes tampered = h.encryption_cert_der;
  tampered[tampered.size() - 5] ^= 0x01;
  auto r = refused(protocol::certificate_pem(tampered));
  CHECK(r.status == 403);
  CHECK(r.body["error"]["code"] == "encryption_certificate_not_ours");
  // Another CA's certificate with the holder's subject.
  EvpKey other_ca_key = make_key(KeyKind::sm2);
  CertSpec spec;
  spec.subject = {{"C", "CN"}, {"O", "广州某某贸易有限公司"}, {"CN", "胡某"}};
  spec.not_before = std::chrono::system_clock::now() - std::chrono::hours(1);
  spec.not_after = spec.not_before + std::chrono::days(300);
  spec.key_usage = "keyEncipherment,dataEncipherment";
  auto foreign = issue_cert(spec, other_ca_key.get(), nullptr, other_ca_key.get());
  r = refused(cert_pem(foreign.get()));
  CHECK(r.status == 403);
  CHECK(r.body["error"]["code"] == "encryption_certificate_not_ours");
  // This CA's encryption certificate of another holder.
  server::CertificateAuthority::EndEntityProfile other;
  other.subject = {{"C", "CN"}, {"O", "另一家公司"}, {"CN", "王某"}};
  other.key_usage = "critical,keyEncipherment,dataEncipherment";
  EvpKey other_key = make_key(KeyKind::sm2);
  const auto now = std::chrono::system_clock::now();
  r = refused(protocol::certificate_pem(ca.issue_end_entity(
      other_key.get(), other, now - std::chrono::hours(1), now + std::chrono::days(30))));
  CHECK(r.status == 400);
  CHECK(r.body["error"]["code"] == "encryption_subject_mismatch");
  // A new signing key that is not SM2: the envelope could not be sealed to it.
  Applicant to_ec;  // the holder, asking for an EC signing key
  to_ec.old_key.reset(EVP_PKEY_dup(h.applicant.old_key.get()));
  to_ec.old_cert_der = h.applicant.old_cert_der;
  to_ec.new_key = make_key(KeyKind::ec_p256);
  r = refused(h.encryption_pem(), to_ec);
  CHECK(r.status == 400);
  CHECK(r.body["error"]["code"] == "encryption_needs_sm2_key");

  // Nothing was stored: no application exists.
  auto list = s.get("/api/v1/admin/applications", s.operator_token());
  REQUIRE(list.status == 200);
  CHECK(list.body["applications"].empty());
  // The good one still goes through afterwards.
  submit(s, h.applicant, h.content(s));
}
