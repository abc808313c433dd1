// `contacts show` and `contacts forget` (issue 19): what the form remembers from the last
// application per certificate subject (names, mobiles, e-mail, address, notification choice;
// never the ID number), and forgetting it.
#include "certrenew/client/store/remembered_contacts.hpp"
#include "cli_text.hpp"
#include "commands.hpp"

namespace certrenew::cli {
namespace {

nlohmann::json contacts_json(const client::RememberedContacts& c) {
  return {{"subject", c.subject},
          {"operator",
           {{"name", c.operator_info.name},
            {"mobile", c.operator_info.mobile},
            {"email", c.operator_info.email}}},
          {"recipient",
           {{"name", c.recipient.name},
            {"mobile", c.recipient.mobile},
            {"address", c.recipient.address}}},
          {"notify", protocol::encode(c.notify)},
          {"saved_at", c.saved_at}};
}

ExitCode show_contacts(CliEnvironment& env) {
  auto& out = env.out();
  const auto all = client::RememberedContactsStore(env.store().folder()).all();
  nlohmann::json list = nlohmann::json::array();
  for (const auto& c : all) {
    list.push_back(contacts_json(c));
    out.text(c.subject + "  (" + c.saved_at + ")");
    out.text("    " + out.tr(cli_text("contacts.operator", c.operator_info.name,
                                      c.operator_info.mobile, c.operator_info.email)));
    out.text("    " + out.tr(cli_text("contacts.recipient", c.recipient.name, c.recipient.mobile,
                                      c.recipient.address)));
  }
  if (all.empty()) out.line(cli_text("contacts.none"));
  out.document({{"contacts", list}});
  return ExitCode::ok;
}

ExitCode forget_contacts(CliEnvironment& env, const std::string& selector, bool all) {
  auto& out = env.out();
  client::RememberedContactsStore store(env.store().folder());
  std::size_t forgotten = 0;
  if (all) {
    forgotten = store.forget_all();
  } else {
    const auto cert = env.inventory().select_certificate(selector);
    forgotten = store.forget(cert.certificate.subject.der) ? 1 : 0;
  }
  out.line(cli_text("contacts.forgotten", forgotten));
  out.document({{"forgotten", forgotten}});
  return ExitCode::ok;
}

}  // namespace

void add_contacts_command(CLI::App& app, const Select& select) {
  auto* contacts = app.add_subcommand(
      "contacts", "The operator and recipient remembered from the last application");
  contacts->require_subcommand(1);
  contacts->add_subcommand("show", "Show what is remembered (never the ID number)")
      ->callback([select] { select(show_contacts); });
  auto selector = std::make_shared<std::string>();
  auto all = std::make_shared<bool>(false);
  auto* forget = contacts->add_subcommand(
      "forget", "Forget them for a certificate (--cert, or the only one) or --all");
  forget->add_option("--cert", *selector, "certificate: fingerprint prefix or serial/label");
  forget->add_flag("--all", *all, "forget every certificate's contacts");
  forget->callback([select, selector, all] {
    select([selector, all](CliEnvironment& env) { return forget_contacts(env, *selector, *all); });
  });
}

}  // namespace certrenew::cli
