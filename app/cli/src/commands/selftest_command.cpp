// `selftest`: after an installation, the new certificate checked on the token (issue 21): it
// signs, and for an SM2 dual-certificate holder data sealed to the new encryption certificate and
// to the previous one (bids sealed before the renewal) opens on the token. `install` runs it too.
#include "certrenew/client/flow/self_test.hpp"

#include "cli_text.hpp"
#include "commands.hpp"

namespace certrenew::cli {

nlohmann::json print_selftest(const Output& out,
                              const std::vector<client::SelfTestResult>& results) {
  nlohmann::json checks = nlohmann::json::array();
  bool passed = !results.empty();
  for (const auto& r : results) {
    out.line(client::describe(r));
    checks.push_back(
        {{"check", client::code(r.check)}, {"passed", r.passed}, {"detail", r.detail}});
    passed = passed && r.passed;
  }
  return {{"checks", checks}, {"passed", passed}};
}

namespace {

std::vector<client::SelfTestResult> self_test_of(CliEnvironment& env,
                                                 const client::CertificateEntry& cert,
                                                 const SecureBuffer& pin) {
  token::Session session = env.inventory().open_session(cert.token.id);
  session.login(pin);
  return client::run_self_test(session, client::self_test_subject(session.objects(), cert.der),
                               kDefaultSm2SignerId);
}

}  // namespace

void add_selftest_command(CLI::App& app, const Select& select) {
  struct Options {
    std::string certificate;
    PinOptions pin;
  };
  auto o = std::make_shared<Options>();
  auto* c = app.add_subcommand(
      "selftest",
      "check a certificate on its token: it signs; with SM2 dual certificates, data sealed to the "
      "new and the previous encryption certificate opens");
  c->add_option("--cert", o->certificate,
                "certificate: fingerprint prefix (see `certs`) or token-serial/label");
  c->add_option("--pin-file", o->pin.pin_file, "read the PIN from the first line of FILE");
  c->add_option("--pin-env", o->pin.pin_env, "read the PIN from this environment variable");
  c->callback([o, select] {
    select([o](CliEnvironment& env) {
      const auto cert = env.inventory().select_certificate(o->certificate);
      const SecureBuffer pin = read_pin(env.out(), o->pin, cert.token);
      const nlohmann::json doc = print_selftest(env.out(), self_test_of(env, cert, pin));
      env.out().document({{"selftest", doc}});
      return doc["passed"].get<bool>() ? ExitCode::ok : ExitCode::token;
    });
  });
}

}  // namespace certrenew::cli
