// The renewal flow, every step, against the real RenewalService in this process (through the
// InProcessService adapter: the network is the only thing left out) and a real softtoken through
// the plugin host. Crashes are simulated by dropping the flow object at each point where the
// client saves its record and resuming from what is on disk.
#include <doctest/doctest.h>

#include <fstream>

#include "certrenew/client/diagnostics/token_checks.hpp"
#include "certrenew/client/flow/renewal_flow.hpp"
#include "certrenew/client/flow/token_inventory.hpp"
#include "certrenew/client/store/application_store.hpp"
#include "in_process_service.hpp"
#include "instance/init.hpp"
#include "sample_form.hpp"
#include "softtoken_customer.hpp"
#include "test_pki.hpp"  // TempDir
#include "text_file.hpp"

using namespace certrenew;
using namespace certrenew::client;
namespace fs = std::filesystem;

namespace {

const std::string kPin = "123456";

struct World {
  testing::TempDir dir;
  fs::path config_file;
  std::unique_ptr<server::RenewalService> service;
  std::unique_ptr<testing::InProcessService> api;
  std::unique_ptr<TokenInventory> inventory;
  std::unique_ptr<ApplicationStore> store;
  RetirePolicy retire = RetirePolicy::keep;

  World() {
    server::InitResult instance;
    service =
        testing::fresh_service(dir.path() / "instance", server::InitOptions{}.ca_key, &instance);
    config_file = instance.config;
    api = std::make_unique<testing::InProcessService>(*service);

    const ClientConfig client_config =
        test::softtoken_customer(dir.path() / "tokens", *service, *api, kPin);
    inventory = std::make_unique<TokenInventory>(client_config, client_config.plugin_dirs);
    store = std::make_unique<ApplicationStore>(dir.path() / "data");
  }

  FlowContext context(std::function<void(InstallStage)> checkpoint = {}) {
    FlowContext ctx;
    ctx.service = api.get();
    ctx.store = store.get();
    ctx.inventory = inventory.get();
    ctx.retire_policy = retire;
    ctx.install_checkpoint = std::move(checkpoint);
    return ctx;
  }

  CertificateEntry certificate() const { return inventory->select_certificate(""); }

  // The client was closed (or crashed): a new flow from the record on disk.
  RenewalFlow resumed(const std::string& business_no) {
    auto record = store->load(business_no);
    REQUIRE(record);
    return RenewalFlow::resume(context(), *record);
  }

  std::string state_of(const std::string& business_no) {
    return std::string(protocol::code(service->admin_show(business_no).view.state));
  }
};

using sample::good_form;

// Steps 1-4: from choosing the certificate to a form ready for signing.
void fill_in(RenewalFlow& flow, const CertificateEntry& certificate) {
  flow.choose(certificate);
  REQUIRE(flow.step() == FlowStep::renewal_panel);
  flow.start_application();
  REQUIRE(flow.step() == FlowStep::agreement);
  CHECK_FALSE(flow.load_agreement(Language::zh_CN).text.empty());
  flow.accept_agreement(true);
  REQUIRE(flow.step() == FlowStep::form);
  CHECK(flow.load_fees().period(24) != nullptr);
  REQUIRE(flow.submit_form(good_form()).empty());
  REQUIRE(flow.step() == FlowStep::sign);
}

// fill_in(), then signed with the PIN and submitted: the application's business number.
std::string submitted(RenewalFlow& flow, const CertificateEntry& certificate) {
  fill_in(flow, certificate);
  flow.sign_and_submit(SecureBuffer(kPin));
  return flow.record()->business_no;
}

std::vector<BankTransferRecord> transfer(const std::string& amount = "200.00") {
  return {{"6222 0202 0000 1234 567", "广州某某贸易有限公司", amount, UtcTime::now().date(),
           "证书续期"}};
}

}  // namespace

TEST_CASE("every step of the renewal runs in process, from choosing to the installed certificate") {
  World w;
  const CertificateEntry old = w.certificate();
  RenewalFlow flow(w.context());
  fill_in(flow, old);

  flow.sign_and_submit(SecureBuffer(kPin));
  REQUIRE(flow.step() == FlowStep::payment);
  const std::string no = flow.record()->business_no;
  CHECK(no.size() == 17);
  CHECK(flow.view()->total == forms::Money::from_fen(20000));
  CHECK(w.state_of(no) == "entered");

  flow.save_bank_transfers(transfer());
  CHECK(flow.view()->payment_state == protocol::PaymentState::confirming);
  w.service->admin_confirm_payment(no, "finance");
  w.service->admin_approve(no, "reviewer");
  flow.refresh();
  REQUIRE(flow.step() == FlowStep::ready_to_install);

  const InstallResult installed = flow.install(SecureBuffer(kPin));
  CHECK(flow.step() == FlowStep::done);
  CHECK(w.state_of(no) == "completed");
  const auto renewed = x509::parse_certificate(installed.new_certificate);
  CHECK(renewed.subject.der == old.certificate.subject.der);
  CHECK(renewed.not_after > old.certificate.not_after);
  CHECK_FALSE(installed.old_retired);  // policy keep
  CHECK(w.inventory->certificates().size() == 2);
}

TEST_CASE("the flow resumes after a crash at each point where it saved its record") {
  World w;
  std::string no;
  {  // crash point 1: right after the application was accepted and saved
    RenewalFlow flow(w.context());
    no = submitted(flow, w.certificate());
  }
  {
    RenewalFlow flow = w.resumed(no);
    CHECK(flow.step() == FlowStep::payment);
    // crash point 2: the transfer is saved
    flow.save_bank_transfers(transfer());
  }
  {
    RenewalFlow flow = w.resumed(no);
    CHECK(flow.step() == FlowStep::waiting_review);
    CHECK(flow.view()->bank_transfers.size() == 1);
  }
  w.service->admin_confirm_payment(no, "finance");
  {  // crash point 3: under review, nothing local changed
    RenewalFlow flow = w.resumed(no);
    CHECK(flow.step() == FlowStep::waiting_review);
  }
  w.service->admin_approve(no, "reviewer");
  {  // crash point 4: approved while the client was closed; choosing the certificate resumes too
    RenewalFlow flow(w.context());
    flow.choose(w.certificate());
    CHECK(flow.step() == FlowStep::ready_to_install);
    CHECK(flow.record()->business_no == no);
  }
  {  // crash point 5: the certificate is written and read back, the service not yet told
    RenewalFlow flow = RenewalFlow::resume(w.context([](InstallStage stage) {
      if (stage == InstallStage::read_back) throw std::runtime_error("crash (test)");
    }),
                                           *w.store->load(no));
    CHECK_THROWS_WITH(flow.install(SecureBuffer(kPin)), "crash (test)");
    CHECK(w.store->load(no)->phase == LocalPhase::installing_written);
    CHECK(w.state_of(no) == "approved");
  }
  {
    RenewalFlow flow = w.resumed(no);
    CHECK(flow.step() == FlowStep::ready_to_install);
    flow.install(SecureBuffer(kPin));
    CHECK(flow.step() == FlowStep::done);
  }
  CHECK(w.state_of(no) == "completed");
  CHECK(w.inventory->certificates().size() == 2);  // written once, not twice
  {                                                // and after completion: resuming shows it done
    RenewalFlow flow = w.resumed(no);
    CHECK(flow.step() == FlowStep::done);
  }
}

TEST_CASE("a signed application whose answer was lost is re-sent from the outbox, not duplicated") {
  World w;
  const CertificateEntry cert = w.certificate();
  {
    RenewalFlow flow(w.context());
    fill_in(flow, cert);
    w.api->lose_answer("submit");  // the service stores it; the client never hears back
    try {
      flow.sign_and_submit(SecureBuffer(kPin));
      FAIL("the lost answer went unnoticed");
    } catch (const FlowError& e) {
      CHECK(e.kind() == FlowError::Kind::service_unreachable);
      CHECK(std::string(e.what()).find("sent again") != std::string::npos);
    }
    CHECK(flow.step() == FlowStep::sign);
    CHECK_FALSE(flow.record());
  }
  CHECK(w.service->admin_list("", 50, 0).size() == 1);
  CHECK(w.store->list().records.empty());

  RenewalFlow flow(w.context());
  flow.choose(cert);  // re-sends the kept request; the service answers with the same application
  CHECK(flow.step() == FlowStep::payment);
  REQUIRE(flow.record());
  CHECK(w.service->admin_list("", 50, 0).size() == 1);
  CHECK(w.service->admin_list("", 50, 0)[0].business_no == flow.record()->business_no);
}

TEST_CASE("with the delete policy the old certificate and key are retired after installation") {
  World w;
  w.retire = RetirePolicy::remove;
  RenewalFlow flow(w.context());
  const std::string no = submitted(flow, w.certificate());
  flow.save_bank_transfers(transfer());
  w.service->admin_confirm_payment(no, "finance");
  w.service->admin_approve(no, "reviewer");
  flow.refresh();
  const InstallResult installed = flow.install(SecureBuffer(kPin));
  CHECK(installed.old_retired);
  const auto left = w.inventory->certificates();
  REQUIRE(left.size() == 1);
  CHECK(left[0].der == installed.new_certificate);
  CHECK(left[0].has_private_key);
}

TEST_CASE("the service's refusals map to flow errors and leave the step unchanged") {
  World w;
  RenewalFlow flow(w.context());
  const std::string no = submitted(flow, w.certificate());

  try {  // 100x the amount due: refused by the service
    flow.save_bank_transfers(transfer("20000.01"));
    FAIL("accepted an absurd amount");
  } catch (const FlowError& e) {
    CHECK(e.kind() == FlowError::Kind::form_invalid);  // 422: shown next to the field
    REQUIRE(e.problems().size() == 1);
    CHECK(e.problems()[0].field == "records[0].amount");
    CHECK(e.problems()[0].reason == "amount.implausible");
  }
  CHECK(flow.step() == FlowStep::payment);
  CHECK(w.service->admin_show(no).view.bank_transfers.empty());

  w.api->fail_transport(true);
  CHECK_THROWS_AS(flow.refresh(), FlowError);
  CHECK(flow.step() == FlowStep::payment);
  w.api->fail_transport(false);

  flow.cancel();
  CHECK(flow.step() == FlowStep::cancelled);
  CHECK(w.state_of(no) == "cancelled");
}

// Issue 16, 2: a renewed certificate is not offered for renewal again, whichever side knows it:
// the token (its successor is there), this client's records, or only the service.
TEST_CASE("a renewed certificate is refused by choose() with a clear error in both languages") {
  World w;
  const CertificateEntry old = w.certificate();
  // The token as it was before the renewal, for a second computer that never saw it.
  const fs::path before = w.dir.path() / "tokens-before";
  fs::copy(w.dir.path() / "tokens", before, fs::copy_options::recursive);
  std::string no;
  {
    RenewalFlow flow(w.context());
    fill_in(flow, old);
    flow.sign_and_submit(SecureBuffer(kPin));
    no = flow.record()->business_no;
    flow.save_bank_transfers(transfer());
    w.service->admin_confirm_payment(no, "finance");
    w.service->admin_approve(no, "reviewer");
    flow.refresh();
    flow.install(SecureBuffer(kPin));
    REQUIRE(flow.step() == FlowStep::done);
  }
  const auto records_before = w.store->list().records.size();

  // 1. The successor is on the token.
  RenewalFlow flow(w.context());
  try {
    flow.choose(old);
    FAIL("a renewed certificate was offered for renewal");
  } catch (const FlowError& e) {
    CHECK(e.kind() == FlowError::Kind::already_renewed);
    CHECK(e.message(Language::zh_CN).find("该证书已续期") != std::string::npos);
    CHECK(e.message(Language::en).find("already been renewed") != std::string::npos);
    CHECK(e.message(Language::en).find("该") == std::string::npos);
  }
  CHECK(flow.step() == FlowStep::choose_certificate);
  CHECK_FALSE(flow.certificate());
  CHECK_THROWS_AS(flow.start_application(), FlowError);
  CHECK(w.store->list().records.size() == records_before);  // nothing written

  // Diagnostics says the same: the old certificate is renewed (green), not "renew it now".
  token::PluginHost host;
  host.load_file(CERTRENEW_SOFTTOKEN_DRIVER);
  const auto checks = diagnostics::token_checks(
      host, {{"softtoken", {{"root", (w.dir.path() / "tokens").string()}}}},
      std::chrono::system_clock::now());
  int renewed_lines = 0;
  int certificate_lines = 0;
  for (const auto& c : checks) {
    if (c.id != "token.certificate") continue;
    ++certificate_lines;
    if (c.details.value("serial", "") != old.certificate.serial_hex) continue;
    ++renewed_lines;
    CHECK(c.status == diagnostics::Status::green);
    CHECK(c.sentence.zh.find("已续期") != std::string::npos);
    CHECK(c.sentence.en.find("Renewed") != std::string::npos);
  }
  CHECK(certificate_lines == 2);
  CHECK(renewed_lines == 1);

  // 2. A token without the successor (the old state), but this client completed the renewal.
  ClientConfig old_token_config;
  old_token_config.drivers["softtoken"] = {{"root", before.string()}};
  TokenInventory old_token(old_token_config, {fs::path(CERTRENEW_SOFTTOKEN_DRIVER).parent_path()});
  FlowContext ctx = w.context();
  ctx.inventory = &old_token;
  const CertificateEntry old_again = old_token.select_certificate("");
  REQUIRE(old_again.der == old.der);
  RenewalFlow from_records(ctx);
  try {
    from_records.choose(old_again);
    FAIL("a certificate this client renewed was offered for renewal");
  } catch (const FlowError& e) {
    CHECK(e.kind() == FlowError::Kind::already_renewed);
    CHECK(e.detail() == no);
    CHECK(e.message(Language::zh_CN).find(no) != std::string::npos);
  }

  // 3. Another computer: only the service knows. Its 409 already_renewed becomes the same error.
  ApplicationStore elsewhere(w.dir.path() / "data-elsewhere");
  ctx.store = &elsewhere;
  RenewalFlow other(ctx);
  fill_in(other, old_again);
  try {
    other.sign_and_submit(SecureBuffer(kPin));
    FAIL("the service took a renewed certificate");
  } catch (const FlowError& e) {
    CHECK(e.kind() == FlowError::Kind::already_renewed);
    CHECK(e.detail() == no);
    CHECK(e.message(Language::zh_CN).find("该证书已续期") != std::string::npos);
    CHECK(e.message(Language::en).find("already been renewed") != std::string::npos);
  }
}

TEST_CASE("approved but not yet issued: the client waits and polls, then installs") {
  World w;
  RenewalFlow flow(w.context());
  const std::string no = submitted(flow, w.certificate());
  flow.save_bank_transfers(transfer());
  w.service->admin_confirm_payment(no, "finance");

  // A second instance on the same database approves; its issuer is an external CA that does not
  // answer (nothing listens at its address), so the issuance stays queued.
  server::ServerConfig other = server::ServerConfig::load(w.config_file);
  other.issuer.type = server::IssuerType::cmp;
  other.issuer.cmp.server = "http://127.0.0.1:9/pkix/";
  other.issuer.cmp.ca_certificate = other.ca_certificate;
  other.issuer.cmp.server_trust = other.ca_certificate;
  other.issuer.cmp.mac_reference = "renewal-ra";
  other.issuer.cmp.mac_secret_file = w.dir.path() / "mac.secret";
  std::ofstream(other.issuer.cmp.mac_secret_file) << "secret\n";
  const fs::path database = other.database;
  server::RenewalService approver(std::move(other), server::open_sqlite_store(database));
  approver.admin_approve(no, "reviewer");
  CHECK(w.state_of(no) == "approved");

  flow.refresh();
  CHECK(flow.view()->state == protocol::BusinessState::approved);
  CHECK_FALSE(flow.view()->actions.install);
  CHECK(flow.step() == FlowStep::waiting_review);  // polling goes on
  CHECK_THROWS_AS(flow.install(SecureBuffer(kPin)), FlowError);
  CHECK(flow.step() == FlowStep::waiting_review);
  CHECK(w.inventory->certificates().size() == 1);  // nothing written

  // The first instance's worker takes the job: its built-in CA issues.
  CHECK(w.service->run_issuer_jobs("test-worker", 10) == 1);
  flow.refresh();
  REQUIRE(flow.step() == FlowStep::ready_to_install);
  flow.install(SecureBuffer(kPin));
  CHECK(flow.step() == FlowStep::done);
  CHECK(w.state_of(no) == "completed");
}
