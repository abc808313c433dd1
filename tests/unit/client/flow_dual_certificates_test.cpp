// SM2 dual certificates through the whole client flow (issue 21), in process: the real
// RenewalService with an SM2 CA, a real softtoken through the plugin host, and, until the
// service's KMC lands on main, a TEST DOUBLE for the KMC's part of the download answer
// (KmcStandIn: it makes the encryption key pair, has the service's CA certify it and seals it to
// the new signing key with pki::seal_sm2_envelope, as docs/protocol.md "Dual certificates" says).
// The holder starts with an encryption pair next to the signing key; after the renewal the new
// pair is next to the new signing key, the self-test passes, and the old pair still opens what
// was sealed to it, also with the delete retire policy.
#include <doctest/doctest.h>

#include <openssl/evp.h>

#include <algorithm>

#include "certrenew/client/flow/renewal_flow.hpp"
#include "certrenew/client/flow/self_test.hpp"
#include "certrenew/client/flow/token_inventory.hpp"
#include "certrenew/client/store/application_store.hpp"
#include "certrenew/core/pki/sm2_envelope.hpp"
#include "certrenew/core/protocol/dual_certificates.hpp"
#include "demo_customer.hpp"
#include "in_process_service.hpp"
#include "instance/init.hpp"
#include "sample_form.hpp"
#include "skf_test_support.hpp"
#include "test_pki.hpp"  // TempDir
#include "text_file.hpp"

using namespace certrenew;
using namespace certrenew::client;
namespace fs = std::filesystem;

namespace {

const std::string kPin = "123456";
using Clock = std::chrono::system_clock;

struct KeyPair {
  ossl::EvpPkeyPtr key{EVP_PKEY_Q_keygen(nullptr, nullptr, "SM2")};
};

// An encryption certificate for `key` from the service's CA, with the holder's subject.
Bytes encryption_certificate(const server::CertificateAuthority& ca, EVP_PKEY* key,
                             const x509::Certificate& holder, int days = 730) {
  server::CertificateAuthority::EndEntityProfile profile;
  for (const auto& a : holder.subject.attributes)
    profile.subject.push_back({a.short_name, a.value});
  profile.key_usage = "critical,keyEncipherment,dataEncipherment";
  profile.extended_key_usage.clear();
  return ca.issue_end_entity(key, profile, Clock::now() - std::chrono::hours(1),
                             Clock::now() + std::chrono::days(days));
}

// TEST DOUBLE of the service's KMC: adds the "encryption" part to the download answer.
class KmcStandIn final : public ServiceApi {
 public:
  KmcStandIn(ServiceApi& inner, const server::CertificateAuthority& ca) : inner_(inner), ca_(ca) {}
  bool tamper = false;
  std::string base_url() const override { return inner_.base_url(); }
  ServiceInfo info() override { return inner_.info(); }
  AgreementText agreement(const std::string& l) override { return inner_.agreement(l); }
  FeeSchedule fees() override { return inner_.fees(); }
  SubmitAnswer submit(ByteView a) override { return inner_.submit(a); }
  ApplicationView status(const std::string& n, const std::string& c) override {
    return inner_.status(n, c);
  }
  ApplicationView cancel(const std::string& n, const std::string& c) override {
    return inner_.cancel(n, c);
  }
  ApplicationView save_bank_transfers(const std::string& n, const std::string& c,
                                      const std::vector<BankTransferRecord>& r) override {
    return inner_.save_bank_transfers(n, c, r);
  }
  OnlinePayment start_online_payment(const std::string& n, const std::string& c) override {
    return inner_.start_online_payment(n, c);
  }
  ApplicationView confirm_installed(const std::string& n, const std::string& c) override {
    return inner_.confirm_installed(n, c);
  }
  CertificateDownload certificate(const std::string& n, const std::string& c) override {
    CertificateDownload d = inner_.certificate(n, c);
    const x509::Certificate signing = x509::parse_certificate(d.certificate);
    // The same pair on every download (the KMC escrowed it at approval).
    if (!der_) der_ = encryption_certificate(ca_, pair_.key.get(), signing);
    const Bytes& der = *der_;
    Bytes envelope = pki::seal_sm2_envelope(signing.public_key.spki_der, pair_.key.get());
    if (tamper) envelope[envelope.size() - 5] ^= 0x01;  // inside the encrypted private key
    d.encryption = protocol::EncryptionKeyDelivery{x509::parse_certificate(der), envelope};
    return d;
  }
  const KeyPair& pair() const { return pair_; }

 private:
  ServiceApi& inner_;
  const server::CertificateAuthority& ca_;
  KeyPair pair_;
  std::optional<Bytes> der_;  // issued once, as the service keeps it
};

// Where the holder's keys are: a softtoken, or an SKF key (the bridge over the SKF test double).
enum class Holder { softtoken, skf };

struct World {
  testing::TempDir dir;
  std::unique_ptr<testing::SkfKeys> skf;
  std::unique_ptr<server::RenewalService> service;
  std::unique_ptr<testing::InProcessService> api;
  std::unique_ptr<KmcStandIn> kmc;
  std::unique_ptr<TokenInventory> inventory;
  std::unique_ptr<ApplicationStore> store;
  KeyPair old_encryption;
  Bytes old_encryption_der;

  explicit World(Holder holder = Holder::softtoken) {
    service = testing::fresh_service(dir.path() / "instance", server::CaKeyType::sm2);
    api = std::make_unique<testing::InProcessService>(*service);
    kmc = std::make_unique<KmcStandIn>(*api, service->authority());
    ClientConfig client_config;
    client_config.service_url = api->base_url();
    fs::create_directories(dir.path() / "tokens");
    client_config.drivers["softtoken"] = {{"root", (dir.path() / "tokens").string()}};
    if (holder == Holder::softtoken) {
      server::CustomerEnrollment enrollment;
      enrollment.key_type = token::KeyType::sm2;
      enrollment.pin_cost = softtoken::KdfCost::fast;
      enrollment.driver_file = CERTRENEW_SOFTTOKEN_DRIVER;
      server::enroll_softtoken_customer(dir.path() / "tokens", service->authority(), kPin,
                                        enrollment);
    } else {
      enroll_on_skf();
      client_config.drivers["skf"] = {{"library", testing::skf_test_double_file().string()}};
    }
    inventory = std::make_unique<TokenInventory>(
        client_config, std::vector<fs::path>{fs::path(CERTRENEW_SOFTTOKEN_DRIVER).parent_path()});
    store = std::make_unique<ApplicationStore>(dir.path() / "data");
    give_old_encryption_pair();
  }

  // The CA's enrollment desk on an SKF key: an SM2 key pair and its certificate in a container.
  void enroll_on_skf() {
    skf = std::make_unique<testing::SkfKeys>();
    testing::SkfApplication app;
    app.user_pin = kPin;
    skf->add_key("SKF-DUAL-0001", {app});
    const KeyPair signing;
    server::CertificateAuthority::EndEntityProfile profile;
    profile.subject = {{"C", "CN"}, {"O", "广州某某贸易有限公司"}, {"CN", "胡某"}};
    const Bytes der = service->authority().issue_end_entity(signing.key.get(), profile,
                                                            Clock::now() - std::chrono::days(345),
                                                            Clock::now() + std::chrono::days(20));
    skf->add_container("SKF-DUAL-0001", "enrolled", testing::private_key_pem(signing.key.get()),
                       der);
  }

  // The CA's enrollment of the encryption side: a pair sealed to the enrolled signing key.
  void give_old_encryption_pair() {
    const CertificateEntry signing = inventory->select_certificate("");
    token::Session session = inventory->open_session(signing.token.id);
    session.login(SecureBuffer(kPin));
    const auto envelope = pki::decode_sm2_enveloped_key(
        pki::seal_sm2_envelope(signing.certificate.public_key.spki_der, old_encryption.key.get()));
    const token::ObjectId id = session.import_enveloped_key(signing.id, envelope, "enc");
    old_encryption_der = encryption_certificate(service->authority(), old_encryption.key.get(),
                                                signing.certificate, 20);
    session.write_certificate(id, token::KeyUsage::encryption, "enc", old_encryption_der);
  }

  FlowContext context(RetirePolicy retire = RetirePolicy::keep) {
    FlowContext ctx;
    ctx.service = kmc.get();
    ctx.store = store.get();
    ctx.inventory = inventory.get();
    ctx.retire_policy = retire;
    return ctx;
  }

  // Steps 1-8 for the one certificate: the flow ready to install.
  std::string approved(RenewalFlow& flow) {
    const CertificateEntry old = inventory->select_certificate("");
    flow.choose(old);
    flow.start_application();
    flow.load_agreement(Language::zh_CN);
    flow.accept_agreement(true);
    flow.load_fees();
    REQUIRE(flow.submit_form(sample::good_form()).empty());
    flow.sign_and_submit(SecureBuffer(kPin));
    const std::string no = flow.record()->business_no;
    flow.save_bank_transfers({{"6222 0202 0000 1234 567", "广州某某贸易有限公司", "200.00",
                               UtcTime::now().date(), "证书续期"}});
    service->admin_confirm_payment(no, "finance");
    service->admin_approve(no, "reviewer");
    flow.refresh();
    REQUIRE(flow.step() == FlowStep::ready_to_install);
    return no;
  }

  // Opens data sealed to `certificate` with the key holding its public key on the token.
  bool opens(const Bytes& certificate) {
    token::Session session = inventory->open_session(inventory->tokens().front().info.id);
    session.login(SecureBuffer(kPin));
    const x509::Certificate c = x509::parse_certificate(certificate);
    for (const auto& o : session.objects()) {
      if (!o.key || o.key->spki != c.public_key.spki_der) continue;
      const Bytes message(32, 0x42);
      const auto sealed = pki::seal_data(c.public_key.spki_der, message);
      return session.open_sealed(o.id, sealed.wrapped_key, sealed.data) == message;
    }
    return false;
  }
};

}  // namespace

TEST_CASE("the inventory pairs the encryption certificate with the signing one") {
  World w;
  const auto certificates = w.inventory->certificates();
  REQUIRE(certificates.size() == 1);  // the encryption certificate is not offered on its own
  REQUIRE(certificates.front().encryption_certificate);
  CHECK(*certificates.front().encryption_certificate == w.old_encryption_der);
}

namespace {

// `signing_retired`: a softtoken deletes the old signing pair under the delete policy; an SKF key
// keeps the old container, because it also holds the old encryption pair.
void renew_dual(World& w, bool signing_retired) {
  RenewalFlow flow(w.context(RetirePolicy::remove));
  w.approved(flow);
  const InstallResult installed = flow.install(SecureBuffer(kPin));
  CHECK(flow.step() == FlowStep::done);
  REQUIRE(installed.new_encryption_certificate);
  REQUIRE(installed.new_encryption_key_id);
  REQUIRE(installed.old_encryption_certificate);
  CHECK(*installed.old_encryption_certificate == w.old_encryption_der);
  CHECK(installed.old_retired == signing_retired);
  CHECK(w.opens(*installed.new_encryption_certificate));
  CHECK(w.opens(w.old_encryption_der));  // the old encryption pair stayed (key history)

  const auto results = flow.self_test(SecureBuffer(kPin), installed);
  REQUIRE(results.size() == 3);
  for (const auto& r : results) {
    INFO(code(r.check) << ": " << r.detail);
    CHECK(r.passed);
  }
  // The new signing certificate is paired with the new encryption certificate now.
  const auto certificates = w.inventory->certificates();
  CHECK(certificates.size() == (signing_retired ? 1u : 2u));
  const auto renewed = std::find_if(certificates.begin(), certificates.end(), [&](const auto& c) {
    return c.der == installed.new_certificate;
  });
  REQUIRE(renewed != certificates.end());
  REQUIRE(renewed->encryption_certificate);
  CHECK(*renewed->encryption_certificate == *installed.new_encryption_certificate);
}

}  // namespace

TEST_CASE("a dual-certificate holder renews: new encryption pair installed, old one still opens") {
  SUBCASE("on a softtoken") {
    World w(Holder::softtoken);
    renew_dual(w, true);
  }
  SUBCASE("on an SKF key through the bridge and the SKF test double") {
    World w(Holder::skf);
    renew_dual(w, false);
  }
}

TEST_CASE("a tampered envelope is refused before anything is written") {
  World w;
  RenewalFlow flow(w.context());
  w.approved(flow);
  w.kmc->tamper = true;
  const CertificateEntry before = w.inventory->select_certificate("");
  token::Session session = w.inventory->open_session(before.token.id);
  session.login(SecureBuffer(kPin));
  const auto objects_before = session.objects().size();
  try {
    flow.install(SecureBuffer(kPin));
    FAIL("installed");
  } catch (const FlowError& e) {
    CHECK(e.kind() == FlowError::Kind::certificate_rejected);
  }
  CHECK(session.objects().size() == objects_before);
  CHECK(flow.step() == FlowStep::ready_to_install);
  // With the CA's good envelope the installation goes through.
  w.kmc->tamper = false;
  const InstallResult installed = flow.install(SecureBuffer(kPin));
  CHECK(installed.new_encryption_certificate);
}
