// The driver and token lines of the diagnosis, with real libraries: one for each reason the host
// rejects a library, and a good driver with a token.
#include <doctest/doctest.h>

#include <fstream>
#include <map>

#include "certrenew/client/diagnostics/diagnose.hpp"
#include "certrenew/client/flow/token_inventory.hpp"
#include "certrenew/client/store/client_config.hpp"
#include "test_pki.hpp"

using namespace certrenew::client::diagnostics;
using certrenew::testing::TempDir;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

void write_config(const fs::path& file, const json& config) {
  std::ofstream(file) << config.dump(2);
}

// A folder as a field engineer finds it: whatever the vendors' installers dropped in.
fs::path messy_plugin_folder(const fs::path& root) {
  const fs::path dir = root / "plugins";
  fs::create_directories(dir);
  fs::copy_file(FIXTURE_WRONG_ABI, dir / "libacme-old.so");
  fs::copy_file(FIXTURE_NO_ENTRY, dir / "libvendor-pkcs11.so");
  fs::copy_file(FIXTURE_SHORT_TABLE, dir / "libshort.so");
  fs::copy_file(FIXTURE_NULL_LOGIN, dir / "libhalfdone.so");
  fs::copy_file(UNRESOLVED_FIXTURE, dir / "libneeds-missing-lib.so");
  std::ofstream(dir / "libreadme.so") << "not a library\n";
  fs::copy_file(TWIN_A_DRIVER, dir / "libtwin-a.so");
  fs::copy_file(TWIN_A_DRIVER, dir / "libtwin-a-backup.so");  // the same driver twice
  return dir;
}

// The location a Runtime given --config and --data-dir finds (client/runtime.hpp).
certrenew::client::RuntimeLocation location_in(const fs::path& root) {
  certrenew::client::RuntimeOptions r;
  r.config_file = root / "config.json";
  r.data_dir = root / "data";
  r.default_driver_path = false;  // only what the configuration names
  return certrenew::client::locate_runtime(r);
}

DiagnosticOptions offline_options(const fs::path& root) {
  DiagnosticOptions o;
  o.location = location_in(root);
  o.check_service = false;
  return o;
}

std::vector<const Check*> with_id(const DiagnosticReport& r, const std::string& id) {
  std::vector<const Check*> out;
  for (const Check& c : r.checks)
    if (c.id == id) out.push_back(&c);
  return out;
}

}  // namespace

TEST_CASE("every library on the driver path is listed: loaded, or rejected with its reason") {
  TempDir root;
  messy_plugin_folder(root.path());
  // A relative plugin folder is relative to the configuration's folder.
  write_config(root.path() / "config.json",
               {{"service_url", "https://renew.example.cn"}, {"plugin_dirs", {"plugins"}}});
  const DiagnosticReport report = run_diagnostics(offline_options(root.path()));

  std::map<std::string, const Check*> by_reason;
  for (const Check* c : with_id(report, "driver.rejected")) {
    CHECK(c->area == Area::drivers);
    by_reason[c->details["reason"].get<std::string>()] = c;
  }
  const std::map<std::string, std::pair<Status, std::string>> expected{
      {"not_a_library", {Status::amber, "libreadme.so"}},
      {"load_error", {Status::red, "libneeds-missing-lib.so"}},
      {"missing_entry", {Status::red, "libvendor-pkcs11.so"}},
      {"wrong_abi_version", {Status::red, "libacme-old.so"}},
      {"short_table", {Status::red, "libshort.so"}},
      {"incomplete_table", {Status::red, "libhalfdone.so"}},
      {"duplicate", {Status::amber, "twin-a"}},
  };
  CHECK(by_reason.size() == expected.size());
  for (const auto& [reason, want] : expected) {
    CAPTURE(reason);
    REQUIRE(by_reason.count(reason) == 1);
    const Check& c = *by_reason.at(reason);
    CHECK(c.status == want.first);
    CHECK(c.sentence.en.find(want.second) != std::string::npos);
    CHECK(c.sentence.zh.find(want.second) != std::string::npos);
    CHECK_FALSE(c.details["message"].get<std::string>().empty());
  }
  CHECK(by_reason.at("wrong_abi_version")->details["abi_version_found"] == 7);
  CHECK(by_reason.at("wrong_abi_version")->sentence.en.find("ABI version 7") != std::string::npos);
  CHECK(by_reason.at("incomplete_table")->details["missing_field"] == "login");
  CHECK(by_reason.at("short_table")->sentence.en.find("shorter than") != std::string::npos);
  CHECK(by_reason.at("missing_entry")->sentence.en.find("pkcs11 driver") != std::string::npos);

  const auto loaded = with_id(report, "driver.loaded");
  REQUIRE(loaded.size() == 1);
  CHECK(loaded[0]->status == Status::green);
  CHECK(loaded[0]->details["name"] == "twin-a");
  CHECK_FALSE(loaded[0]->details["vendor"].get<std::string>().empty());
  CHECK_FALSE(loaded[0]->details["version"].get<std::string>().empty());

  // The twin driver's token: present, PIN state read without logging in, no certificate on it.
  const auto present = with_id(report, "token.present");
  REQUIRE(present.size() == 1);
  CHECK(present[0]->details["token_id"] == "TWIN-A-0001");
  const auto pin = with_id(report, "token.pin");
  REQUIRE(pin.size() == 1);
  CHECK(pin[0]->status == Status::green);
  CHECK(pin[0]->details["locked"] == false);
  const auto certificates = with_id(report, "token.certificate");
  REQUIRE(certificates.size() == 1);
  CHECK(certificates[0]->status == Status::amber);

  CHECK(report.overall() == Status::red);
  CHECK(report.find("service.dns") == nullptr);  // offline: the network was not touched
  // The JSON form of all that parses.
  const json j = json::parse(to_json(report).dump());
  CHECK(j["overall"] == "red");
}

TEST_CASE("no driver at all is a red line naming the folders searched") {
  TempDir root;
  fs::create_directories(root.path() / "empty-plugins");
  write_config(root.path() / "config.json",
               {{"service_url", "https://renew.example.cn"},
                {"plugin_dirs", {(root.path() / "empty-plugins").string()}}});
  const DiagnosticReport report = run_diagnostics(offline_options(root.path()));
  const Check* none = report.find("drivers.none");
  REQUIRE(none != nullptr);
  CHECK(none->status == Status::red);
  CHECK(none->details["searched"].size() == 1);
  REQUIRE(report.find("tokens.none") != nullptr);
  CHECK(report.find("tokens.none")->status == Status::amber);
}

TEST_CASE("a driver that refuses its settings says which key to correct") {
  TempDir root;
  const fs::path dir = root.path() / "plugins";
  fs::create_directories(dir);
  fs::copy_file(SOFTTOKEN_DRIVER, dir / fs::path(SOFTTOKEN_DRIVER).filename());
  write_config(root.path() / "config.json", {{"service_url", "https://renew.example.cn"},
                                             {"plugin_dirs", {dir.string()}},
                                             {"drivers", {{"softtoken", {{"root", 42}}}}}});
  const DiagnosticReport report = run_diagnostics(offline_options(root.path()));
  const Check* config = report.find("driver.config");
  REQUIRE(config != nullptr);
  CHECK(config->status == Status::red);
  CHECK(config->sentence.en.find("drivers.softtoken") != std::string::npos);
}

#ifdef SKF_BRIDGE_DRIVER
TEST_CASE(
    "a bridge installed without settings is not set up, not broken; with bad settings it is") {
  TempDir root;
  const fs::path dir = root.path() / "plugins";
  fs::create_directories(dir);
  fs::copy_file(SOFTTOKEN_DRIVER, dir / fs::path(SOFTTOKEN_DRIVER).filename());
  fs::copy_file(SKF_BRIDGE_DRIVER, dir / fs::path(SKF_BRIDGE_DRIVER).filename());
  const json plain = {{"service_url", "https://renew.example.cn"}, {"plugin_dirs", {dir.string()}}};
  write_config(root.path() / "config.json", plain);

  const DiagnosticReport report = run_diagnostics(offline_options(root.path()));
  const Check* note = report.find("driver.not_set_up");
  REQUIRE(note != nullptr);
  CHECK(note->status == Status::amber);
  CHECK(note->details["driver"] == "skf");
  CHECK(note->sentence.en.find("drivers.skf") != std::string::npos);
  CHECK(note->sentence.zh.find("drivers.skf") != std::string::npos);
  CHECK(report.find("driver.config") == nullptr);

  // The app's and the CLI's inventory: no problem to show, the bridge listed as not set up.
  const certrenew::client::TokenInventory inventory(
      certrenew::client::ClientConfig::load(root.path() / "config.json"), {dir});
  CHECK(inventory.problems().empty());
  CHECK(inventory.not_set_up() == std::vector<std::string>{"skf"});

  // Settings that name no library are the holder's mistake: red, as before.
  json with_settings = plain;
  with_settings["drivers"] = {{"skf", json::object()}};
  write_config(root.path() / "config.json", with_settings);
  const DiagnosticReport wrong = run_diagnostics(offline_options(root.path()));
  REQUIRE(wrong.find("driver.config") != nullptr);
  CHECK(wrong.find("driver.config")->status == Status::red);
  CHECK(wrong.find("driver.not_set_up") == nullptr);
  const certrenew::client::TokenInventory broken(
      certrenew::client::ClientConfig::load(root.path() / "config.json"), {dir});
  REQUIRE(broken.problems().size() == 1);
  CHECK(broken.problems()[0].driver == "skf");
}
#endif

TEST_CASE("a missing or broken configuration is red, and the service is then not tried") {
  TempDir root;
  DiagnosticOptions o = offline_options(root.path());
  o.check_service = true;
  DiagnosticReport report = run_diagnostics(o);
  REQUIRE(report.find("config") != nullptr);
  CHECK(report.find("config")->status == Status::red);
  CHECK(report.find("config")->sentence.en.find("No configuration at") != std::string::npos);
  REQUIRE(report.find("service.config") != nullptr);
  CHECK(report.find("service.config")->status == Status::red);
  CHECK(report.find("service.dns") == nullptr);
  CHECK(report.find("data_dir")->status == Status::amber);  // nothing stored yet
  CHECK(report.find("applications.none") != nullptr);
  CHECK(report.find("log")->status == Status::amber);

  write_config(root.path() / "config.json", {{"service_url", "http://plain.example.cn"}});
  report = run_diagnostics(o);
  CHECK(report.find("config")->status == Status::red);
  CHECK(report.find("config")->details["key"] == "service_url");
  CHECK(report.find("config")->sentence.en.find("https://") != std::string::npos);
}

TEST_CASE("callers add the environment lines only they know") {
  TempDir root;
  DiagnosticOptions o = offline_options(root.path());
  o.extra_environment.push_back({"glfw", {"GLFW", "GLFW"}, "3.3.8 X11 GLX"});
  const DiagnosticReport report = run_diagnostics(o);
  REQUIRE_FALSE(report.environment.empty());
  CHECK(report.environment.back().key == "glfw");
  std::vector<std::string> keys;
  for (const auto& e : report.environment) keys.push_back(e.key);
  for (const char* key : {"os", "arch", "app_version", "build", "openssl", "libcurl", "locale",
                          "time_zone", "config_file", "config_source", "data_dir", "driver_path"})
    CHECK_MESSAGE(std::find(keys.begin(), keys.end(), key) != keys.end(), key);
  CHECK(render_text(report, certrenew::client::Language::en).find("GLFW: 3.3.8 X11 GLX") !=
        std::string::npos);
}

TEST_CASE("keys left by applications that ended unused are one amber line per token") {
  TempDir root;
  const fs::path store = root.path() / "data" / "applications";
  fs::create_directories(store);
  // As the renewal flow writes it (app/client/src/flow/leftover_keys.cpp).
  std::ofstream(store / "leftover-keys.json") << json{
      {"version", 1},
      {"keys",
       {{{"token_id", "TK-1"},
         {"key_id", "a1b2c3d4e5"},
         {"reason", "cancelled"},
         {"business_no", "01202611240000001"}},
        {{"token_id", "TK-1"},
         {"key_id", "f6f7f8f9fa"},
         {"reason", "rejected"},
         {"business_no", "01202611240000002"}},
        {{"token_id", "TK-2"},
         {"key_id", "0badc0de00"},
         {"reason", "refused"},
         {"business_no", ""}}}}}.dump();
  const DiagnosticReport report = run_diagnostics(offline_options(root.path()));
  const auto lines = with_id(report, "applications.leftover_keys");
  REQUIRE(lines.size() == 2);
  CHECK(lines[0]->status == Status::amber);
  CHECK(lines[0]->details["token_id"] == "TK-1");
  CHECK(lines[0]->details["count"] == 2);
  CHECK(lines[0]->sentence.en.find("01202611240000001, 01202611240000002") != std::string::npos);
  CHECK(lines[0]->sentence.zh.find("TK-1") != std::string::npos);
  CHECK(lines[1]->details["count"] == 1);
  // The flow's file is not mistaken for an unreadable application record.
  CHECK(with_id(report, "application.unreadable").empty());
  // Key ids stay out of the report.
  const std::string text = to_json(report).dump();
  CHECK(text.find("a1b2c3d4e5") == std::string::npos);
  CHECK(text.find("0badc0de00") == std::string::npos);
}

TEST_CASE("the issuing CA renewed certificates are checked against is shown with its source") {
  TempDir root;
  write_config(root.path() / "config.json", {{"service_url", "https://127.0.0.1:1"}});
  DiagnosticReport report = run_diagnostics(offline_options(root.path()));
  REQUIRE(report.find("issuer_ca") != nullptr);
  CHECK(report.find("issuer_ca")->status == Status::amber);  // pinned at the first contact

  // Pinned at an earlier contact (what IssuerTrust writes) and configured: both named.
  auto key = certrenew::testing::make_key(certrenew::testing::KeyKind::ec_p256);
  certrenew::testing::CertSpec spec;
  spec.subject = {{"CN", "Issuing CA"}};
  spec.is_ca = true;
  spec.not_before = std::chrono::system_clock::now() - std::chrono::hours(1);
  spec.not_after = spec.not_before + std::chrono::days(365);
  const auto der = certrenew::testing::cert_der(
      certrenew::testing::issue_cert(spec, key.get(), nullptr, key.get()).get());
  fs::create_directories(root.path() / "data");
  std::ofstream(root.path() / "data" / "issuer-ca.der", std::ios::binary)
      .write(reinterpret_cast<const char*>(der.data()), static_cast<std::streamsize>(der.size()));
  report = run_diagnostics(offline_options(root.path()));
  const Check* pinned = report.find("issuer_ca");
  REQUIRE(pinned != nullptr);
  CHECK(pinned->status == Status::green);
  CHECK(pinned->details["source"] == "pinned");
  CHECK(pinned->details["subject"] == "CN=Issuing CA");
  CHECK(pinned->sentence.zh.find("首次联系时固定") != std::string::npos);

  write_config(root.path() / "config.json",
               {{"service_url", "https://127.0.0.1:1"}, {"issuer_ca", "missing-ca.pem"}});
  report = run_diagnostics(offline_options(root.path()));
  CHECK(report.find("issuer_ca")->status == Status::red);  // configured, but not there
  fs::copy_file(root.path() / "data" / "issuer-ca.der", root.path() / "missing-ca.pem");
  report = run_diagnostics(offline_options(root.path()));
  CHECK(report.find("issuer_ca")->status == Status::green);
  CHECK(report.find("issuer_ca")->details["source"] == "configured");
}
