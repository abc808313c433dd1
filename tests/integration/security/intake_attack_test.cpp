// Issue 15, intake: what the renewal service refuses before anything is stored, attacked through
// a real certrenew-server process. Each refusal is checked to change nothing.
#include <doctest/doctest.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/x509v3.h>

#include "ca/authority.hpp"
#include "certrenew/core/x509/certificate.hpp"
#include "security_support.hpp"
#include "service/api_error.hpp"
#include "service/intake_policy.hpp"
#include "storage/store.hpp"

using namespace certrenew;
using namespace certrenew::testing;
using namespace certrenew::testing::security;
using nlohmann::json;

namespace {

server::CertificateAuthority ca_of(const ServerProcess& s) {
  return server::CertificateAuthority::load(s.dir() / "ca" / "ca.crt", s.dir() / "ca" / "ca.key");
}

// A certificate from the instance's CA with the given extensions (OpenSSL config syntax), valid
// for 20 more days: what a careless enrollment desk could have issued.
Bytes issue_with(const ServerProcess& s, EVP_PKEY* key,
                 const std::vector<std::pair<int, std::string>>& extensions) {
  auto ca = ca_of(s);
  server::X509Ptr cert(X509_new());
  X509_set_version(cert.get(), X509_VERSION_3);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 0x5EC0001 + std::rand() % 100000);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>("胡某"), -1, -1, 0);
  X509_set_issuer_name(cert.get(), X509_get_subject_name(ca.certificate()));
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -86400L * 300);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 86400L * 20);
  X509_set_pubkey(cert.get(), key);
  for (const auto& [nid, value] : extensions) {
    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, ca.certificate(), cert.get(), nullptr, nullptr, 0);
    server::X509ExtPtr ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str()));
    REQUIRE(ext);
    X509_add_ext(cert.get(), ext.get(), -1);
  }
  server::sign_with(ca.key(), cert.get());
  return server::der_of(cert.get());
}

// An applicant with EC P-256 keys whose old certificate carries the given extensions.
Applicant applicant_with(const ServerProcess& s,
                         const std::vector<std::pair<int, std::string>>& extensions) {
  Applicant a;
  a.old_key = make_key(KeyKind::ec_p256);
  a.new_key = make_key(KeyKind::ec_p256);
  a.old_cert_der = issue_with(s, a.old_key.get(), extensions);
  return a;
}

// A PKCS#10 request for `key` as written (OpenSSL signs it; core's builder refuses some of these
// encodings, an attacker's tool need not).
std::string raw_csr(EVP_PKEY* key, const Bytes& old_cert_der) {
  server::X509ReqPtr req(X509_REQ_new());
  auto old = server::parse_certificate_der(old_cert_der);
  REQUIRE(X509_REQ_set_subject_name(req.get(), X509_get_subject_name(old.get())) == 1);
  REQUIRE(X509_REQ_set_pubkey(req.get(), key) == 1);
  REQUIRE(X509_REQ_sign(req.get(), key, EVP_sha256()) > 0);
  int len = i2d_X509_REQ(req.get(), nullptr);
  Bytes der(static_cast<std::size_t>(len));
  unsigned char* p = der.data();
  i2d_X509_REQ(req.get(), &p);
  return to_base64(der);
}

// The same key pair, written another way.
EvpKey reencoded(const EVP_PKEY* key, const char* param, const char* value) {
  EvpKey copy(EVP_PKEY_dup(const_cast<EVP_PKEY*>(key)));
  REQUIRE(copy);
  REQUIRE(EVP_PKEY_set_utf8_string_param(copy.get(), param, value) == 1);
  return copy;
}

std::size_t application_count(const ServerProcess& s) {
  return s.get(kAdmin + "?limit=500", s.operator_token()).body["applications"].size();
}

}  // namespace

TEST_CASE("only end-entity certificates of this CA with digitalSignature may apply") {
  ServerProcess s;
  EvpKey key = make_key(KeyKind::ec_p256);

  SUBCASE("a CA certificate issued by this CA (basicConstraints CA:TRUE)") {
    Applicant a =
        applicant_with(s, {{NID_basic_constraints, "critical,CA:TRUE"},
                           {NID_key_usage, "critical,keyCertSign,cRLSign,digitalSignature"}});
    auto r = s.post(kApps, a.body(a.content(s)));
    CHECK(r.status == 403);
    CHECK(code_of(r) == "certificate_not_end_entity");
  }
  SUBCASE("an end-entity certificate without digitalSignature (encipherment only)") {
    Applicant a = applicant_with(s, {{NID_basic_constraints, "critical,CA:FALSE"},
                                     {NID_key_usage, "critical,keyAgreement"}});
    // core/pki's verifier refuses a signer without digitalSignature already; either way it is
    // refused at intake with a 4xx, never at issuance.
    auto r = s.post(kApps, a.body(a.content(s)));
    CHECK((r.status == 403 || r.status == 400));
    CHECK((code_of(r) == "certificate_not_for_signing" || code_of(r) == "malformed_signed_data"));
  }
  SUBCASE("a certificate without any key usage") {
    Applicant a = applicant_with(s, {{NID_basic_constraints, "critical,CA:FALSE"}});
    auto r = s.post(kApps, a.body(a.content(s)));
    CHECK(r.status == 403);
    CHECK(code_of(r) == "certificate_not_for_signing");
  }
  CHECK(application_count(s) == 0);

  // The control: the same construction with digitalSignature is accepted.
  Applicant ok = applicant_with(s, {{NID_basic_constraints, "critical,CA:FALSE"},
                                    {NID_key_usage, "critical,digitalSignature"}});
  CHECK(s.post(kApps, ok.body(ok.content(s))).status == 201);
}

TEST_CASE("the old key in another encoding is the old key: refused as key_reused") {
  ServerProcess s;
  Applicant a = Applicant::of(s);
  SUBCASE("compressed EC point") {
    a.new_key =
        reencoded(a.old_key.get(), OSSL_PKEY_PARAM_EC_POINT_CONVERSION_FORMAT, "compressed");
  }
  SUBCASE("explicit curve parameters") {
    a.new_key = reencoded(a.old_key.get(), OSSL_PKEY_PARAM_EC_ENCODING, "explicit");
  }
  // The attack only means something if the encoding really differs.
  REQUIRE(spki_der(a.new_key.get()) != spki_der(a.old_key.get()));
  json content = a.content(s);
  content["csr"] = raw_csr(a.new_key.get(), a.old_cert_der);
  auto r = s.post(kApps, a.body(content));
  CHECK(r.status == 400);
  CHECK(code_of(r) == "key_reused");
  CHECK(application_count(s) == 0);
}

TEST_CASE("the old RSA key under RSA-PSS is the old key too") {
  ServerProcess s;
  Applicant a = Applicant::of(s, KeyKind::rsa2048);
  // Same modulus and exponent, RSA-PSS algorithm identifier.
  EVP_PKEY* pss = nullptr;
  {
    BIGNUM *n = nullptr, *e = nullptr;
    REQUIRE(EVP_PKEY_get_bn_param(a.old_key.get(), OSSL_PKEY_PARAM_RSA_N, &n) == 1);
    REQUIRE(EVP_PKEY_get_bn_param(a.old_key.get(), OSSL_PKEY_PARAM_RSA_E, &e) == 1);
    OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
    OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, n);
    OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, e);
    OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(bld);
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, "RSA-PSS", nullptr);
    REQUIRE(EVP_PKEY_fromdata_init(ctx) == 1);
    REQUIRE(EVP_PKEY_fromdata(ctx, &pss, EVP_PKEY_PUBLIC_KEY, params) == 1);
    EVP_PKEY_CTX_free(ctx);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(bld);
    BN_free(n);
    BN_free(e);
  }
  EvpKey pss_key(pss);
  const Bytes pss_spki = spki_der(pss_key.get());
  REQUIRE(pss_spki != spki_der(a.old_key.get()));
  // A CSR carrying that SPKI cannot be signed by a public key; the identity check itself is what
  // the server runs on the CSR's key, so it is asked directly here.
  CHECK_THROWS_WITH_AS(server::check_new_key(server::Policy{}, a.old_cert_der, pss_spki),
                       doctest::Contains("reuses the old key"), server::ApiError);
}

TEST_CASE("the issued certificate carries the canonical encoding of the new key") {
  ServerProcess s;
  Applicant a = Applicant::of(s);
  EvpKey canonical_twin(EVP_PKEY_dup(a.new_key.get()));
  a.new_key = reencoded(a.new_key.get(), OSSL_PKEY_PARAM_EC_POINT_CONVERSION_FORMAT, "compressed");
  REQUIRE(spki_der(a.new_key.get()) != spki_der(canonical_twin.get()));
  Submitted app = submit(s, a);
  pay_and_approve(s, app);
  auto issued = x509::parse_certificate(download(s, app));
  CHECK(issued.public_key.spki_der == spki_der(canonical_twin.get()));  // uncompressed, named
}

TEST_CASE("a renewed certificate cannot renew again; a revoked one can never apply") {
  ServerProcess s;
  Applicant a = Applicant::of(s);
  Submitted first = submit(s, a);

  SUBCASE("approved, not yet installed") {
    pay_and_approve(s, first);
  }
  SUBCASE("installed") {
    pay_and_approve(s, first);
    REQUIRE(s.post(kApps + "/" + first.business_no + "/installed", nullptr, first.token).status ==
            200);
  }
  Applicant again = Applicant::of(s);  // another new key, same old certificate and key
  again.old_key = std::move(a.old_key);
  again.old_cert_der = a.old_cert_der;
  auto r = s.post(kApps, again.body(again.content(s)));
  CHECK(r.status == 409);
  CHECK(code_of(r) == "already_renewed");
  CHECK(r.body["error"]["details"]["business_no"] == first.business_no);
  CHECK(application_count(s) == 1);
}

TEST_CASE("a revoked certificate can never apply") {
  ServerProcess s;
  Applicant a = Applicant::of(s);
  // The operator revoked it (key compromise): the record as the store keeps it.
  s.stop();
  {
    auto store = server::open_sqlite_store(s.dir() / "server.db");
    store->transact([&](server::StoreTx& tx) {
      tx.put_revocation(
          {x509::parse_certificate(a.old_cert_der).serial_hex, 1, "key_compromise", "", 1});
    });
  }
  s.start();
  auto r = s.post(kApps, a.body(a.content(s)));
  CHECK(r.status == 403);
  CHECK(code_of(r) == "certificate_revoked");
  CHECK(application_count(s) == 0);
}

TEST_CASE("applications per certificate per day are limited: 429 with Retry-After") {
  ServerProcess s;
  s.reconfigure([](json& c) { c["policy"]["max_applications_per_certificate_per_day"] = 3; });
  Applicant a = Applicant::of(s);
  std::string last_business_no;
  for (int i = 0; i < 3; ++i) {
    Submitted app = submit(s, a);
    CHECK(app.business_no.size() == 17);
    CHECK(app.application["order"]["order_no"].get<std::string>().size() == 15);
    // The order number counts with the business number: the same day, the same 7 digits.
    CHECK(app.application["order"]["order_no"] == app.business_no.substr(2));
    REQUIRE(s.post(kApps + "/" + app.business_no + "/cancel", nullptr, app.token).status == 200);
    last_business_no = app.business_no;
  }
  auto res = s.client()->Post(kApps.c_str(), a.body(a.content(s)).dump(), "application/json");
  REQUIRE(res);
  CHECK(res->status == 429);
  auto body = json::parse(res->body);
  CHECK(body["error"]["code"] == "too_many_applications");
  REQUIRE(res->has_header("Retry-After"));
  const long wait = std::stol(res->get_header_value("Retry-After"));
  CHECK(wait > 0);
  CHECK(wait <= 25 * 3600);
  CHECK(body["error"]["details"]["retry_after_seconds"] == wait);
  CHECK(application_count(s) == 3);

  // Another certificate is not held back by this one.
  Applicant b = Applicant::of(s);
  Submitted other = submit(s, b);
  CHECK(other.business_no > last_business_no);
}

TEST_CASE("capability tokens stop working a while after the application ends") {
  ServerProcess s;
  Applicant a = Applicant::of(s);
  json body = a.body(a.content(s));
  auto created = s.post(kApps, body);
  REQUIRE(created.status == 201);
  const std::string no = created.body["application"]["business_no"];
  const std::string token = created.body["capability_token"];
  REQUIRE(s.post(kApps + "/" + no + "/cancel", nullptr, token).status == 200);
  // Within the configured time after the end, the outcome can still be read.
  CHECK(s.get(kApps + "/" + no, token).status == 200);

  s.reconfigure([](json& c) { c["policy"]["capability_valid_after_end_seconds"] = 0; });
  auto status = s.get(kApps + "/" + no, token);
  CHECK(status.status == 404);
  CHECK(code_of(status) == "not_found");
  CHECK(s.post(kApps + "/" + no + "/cancel", nullptr, token).status == 404);
  // Re-sending the signed application does not hand the token out again.
  auto resent = s.post(kApps, body);
  CHECK(resent.status == 410);
  CHECK(code_of(resent) == "application_ended");
  CHECK_FALSE(resent.body.dump().find(token) != std::string::npos);
  // An application still open keeps its token whatever the setting.
  Submitted open = submit(s, a);
  CHECK(s.get(kApps + "/" + open.business_no, open.token).status == 200);
}
