#include "cli_world.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include <doctest/doctest.h>

#include "applicant.hpp"
#include "ca/authority.hpp"
#include "certrenew/core/token/plugin_host.hpp"
#include "certrenew/core/token/session.hpp"
#include "certrenew/core/token/token_context.hpp"
#include "certrenew/softtoken/store.hpp"
#include "run_program.hpp"
#include "text_file.hpp"

namespace certrenew::testing {
namespace {

// The body of a reply that must be 200 OK.
nlohmann::json ok_body(const ServerProcess::Reply& r) {
  REQUIRE_MESSAGE(r.status == 200, r.body.dump());
  return r.body;
}

}  // namespace

nlohmann::json CliRun::json() const {
  auto parsed = nlohmann::json::parse(out, nullptr, false);
  INFO("stdout: " << out << "\nstderr: " << err);
  REQUIRE_FALSE(parsed.is_discarded());
  return parsed;
}

CliWorld::CliWorld(ServerProcess::Options options) : server_(options) {
  client_dir_ = server_.dir() / "client";
  std::filesystem::create_directories(client_dir_ / "data");
  auto tokens_root = server_.dir() / "demo" / "softtokens";
  auto summary = softtoken::describe_token(tokens_root / "token");
  token_serial_ = summary.serial;
  drivers_ = {{"softtoken", {{"root", tokens_root.string()}}}};
  write_config();
}

void CliWorld::write_config() const {
  nlohmann::json config = {
      {"service_url", service_url_.empty() ? server_.base_url() : service_url_},
      {"trust", (trust_.empty() ? server_.tls_root() : trust_).string()},
      {"plugin_dirs", {CERTRENEW_E2E_PLUGIN_DIR}},
      {"drivers", drivers_},
      {"language", "zh-CN"},
      {"retire_policy", retire_policy_}};
  std::ofstream(client_dir_ / "config.json") << config.dump(2);
}

void CliWorld::set_retire_policy(std::string policy) {
  retire_policy_ = std::move(policy);
  write_config();
}

void CliWorld::use_service_url(std::string url, std::filesystem::path trust) {
  service_url_ = std::move(url);
  trust_ = std::move(trust);
  write_config();
}

std::vector<token::TokenObject> CliWorld::token_objects() const {
  token::PluginHost host;
  auto loaded = host.load_file(CERTRENEW_E2E_SOFTTOKEN);
  REQUIRE(std::holds_alternative<token::Driver>(loaded));
  auto context = std::get<token::Driver>(loaded).open(softtoken_config().dump());
  return context.open_session(token_serial_).objects();
}

std::vector<Bytes> CliWorld::bare_keys() const {
  std::vector<Bytes> ids;
  for (const auto& o : token_objects())
    if (o.key && !o.certificate) ids.push_back(o.id);
  return ids;
}

std::vector<nlohmann::json> CliWorld::outbox() const {
  std::vector<nlohmann::json> out;
  const auto folder = client_dir_ / "data" / "applications";
  if (!std::filesystem::exists(folder)) return out;
  for (const auto& entry : std::filesystem::directory_iterator(folder))
    if (entry.path().filename().string().starts_with("outbox-"))
      out.push_back(nlohmann::json::parse(read_text_file(entry.path())));
  return out;
}

void CliWorld::configure_softtoken(const nlohmann::json& driver_config) {
  drivers_["softtoken"] = driver_config;
  write_config();
}

void CliWorld::configure_drivers(const nlohmann::json& drivers) {
  drivers_ = drivers;
  write_config();
}

void CliWorld::use_customer_token(const server::CustomerEnrollment& enrollment) {
  auto ca = server::CertificateAuthority::load(server_.dir() / "ca" / "ca.crt",
                                               server_.dir() / "ca" / "ca.key");
  auto root = client_dir_ / "other-tokens";
  server::CustomerEnrollment e = enrollment;
  e.driver_file = CERTRENEW_E2E_SOFTTOKEN;
  auto customer = server::enroll_softtoken_customer(root, ca, kPin, e);
  token_serial_ = customer.token_serial;
  configure_softtoken({{"root", root.string()}});
}

CliRun CliWorld::cli(const std::vector<std::string>& args, const std::vector<std::string>& env,
                     const std::string& language) const {
  static int counter = 0;
  auto base = client_dir_ / ("run-" + std::to_string(++counter));
  std::vector<std::string> argv = {CERTRENEW_E2E_CLI, "--config",
                                   (client_dir_ / "config.json").string(), "--lang", language};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<std::string> overrides = {std::string(kPinVariable) + "=" + kPin,
                                        "CERTRENEW_DATA_DIR=" + (client_dir_ / "data").string()};
  overrides.insert(overrides.end(), environment_.begin(), environment_.end());
  overrides.insert(overrides.end(), env.begin(), env.end());
  // Everything the child uses is made here: after fork it makes only async-signal-safe calls.
  const ExecStrings exec_argv(std::move(argv));
  const ExecStrings exec_env(
      environment_with(overrides, {"CERTRENEW_LANG", "CERTRENEW_TEST_CRASH_AT"}));
  const std::string out_file = base.string() + ".out";
  const std::string err_file = base.string() + ".err";

  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int in = open("/dev/null", O_RDONLY);
    int out = open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (in < 0 || out < 0 || err < 0) _exit(127);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    execve(exec_argv.get()[0], exec_argv.get(), exec_env.get());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  CliRun run;
  run.rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  run.out = read_text_file(out_file);
  run.err = read_text_file(err_file);
  return run;
}

void CliWorld::confirm_payment(const std::string& no) const {
  ok_body(server_.admin_action(no, "confirm-payment"));
}

void CliWorld::approve(const std::string& no) const {
  ok_body(server_.admin_action(no, "approve"));
}

void CliWorld::reject(const std::string& no, const std::string& reason) const {
  ok_body(server_.admin_action(no, "reject", {{"reason", reason}}));
}

nlohmann::json CliWorld::admin_view(const std::string& no) const {
  return ok_body(server_.admin_view(no));
}

nlohmann::json CliWorld::admin_list() const {
  return ok_body(server_.get(kAdmin, server_.operator_token()));
}

nlohmann::json CliWorld::certificates() const {
  auto run = cli({"certs", "--json"});
  REQUIRE_MESSAGE(run.rc == 0, run.err);
  return run.json()["certificates"];
}

nlohmann::json CliWorld::local_record(const std::string& no) const {
  auto text = read_text_file(client_dir_ / "data" / "applications" / (no + ".json"));
  return nlohmann::json::parse(text);
}

std::filesystem::path CliWorld::form_file(int period_months) const {
  auto file = client_dir_ / ("form-" + std::to_string(period_months) + ".json");
  nlohmann::json form = {
      {"period_months", period_months},
      {"operator",
       {{"id_number", "11010519491231002X"},
        {"name", "胡某"},
        {"mobile", "138 0013 8000"},
        {"email", "hu@example.cn"}}},
      {"recipient",
       {{"name", "胡某"}, {"mobile", "13800138000"}, {"address", "广东省佛山市禅城区某某路1号"}}}};
  std::ofstream(file) << form.dump(2);
  return file;
}

std::string CliWorld::apply(int period_months) const {
  auto run = cli({"apply", "--accept-agreement", "--form", form_file(period_months).string(),
                  "--pin-env", kPinVariable, "--json"});
  INFO("stderr: " << run.err);
  REQUIRE(run.rc == 0);
  auto j = run.json();
  REQUIRE(j["step"] == "payment");
  return j["business_no"].get<std::string>();
}

void CliWorld::pay_by_transfer(const std::string& no, const std::string& amount) const {
  auto run = cli({"pay", "bank-transfer", no, "--payer-account", "6222 0202 0000 1234 567",
                  "--payer-name", "广州某某贸易有限公司", "--amount", amount, "--date",
                  iso_now().substr(0, 10), "--json"});
  INFO("stderr: " << run.err);
  REQUIRE(run.rc == 0);
}

}  // namespace certrenew::testing
