// The support bundle end to end: a real service, a softtoken with a certificate, a store and logs
// filled with known secrets; the bundle is unpacked with libarchive and searched for every one.
#include <archive.h>
#include <archive_entry.h>
#include <doctest/doctest.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <fstream>
#include <map>

#include "certrenew/client/diagnostics/bundle.hpp"
#include "certrenew/client/diagnostics/diagnose.hpp"
#include "certrenew/client/logging.hpp"
#include "certrenew/client/store/application_store.hpp"
#include "server_process.hpp"
#include "test_pki.hpp"

using namespace certrenew;
using namespace certrenew::client;
using namespace certrenew::client::diagnostics;
using namespace certrenew::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// The secrets a careless log line or a stored record could leak.
constexpr const char* kIdNumber = "11010519491231002X";
constexpr const char* kMobile = "13800138000";
constexpr const char* kCapability = "q7Vt2bX0kLm9Zr4sWc1yHn8uPe3aJd6fGi5oTq0RsUv";
constexpr const char* kPin = "73916428";

struct ArchiveReadDeleter {
  void operator()(archive* a) const { archive_read_free(a); }
};

struct Entry {
  std::string content;
  unsigned mode = 0;
};

// Every file in the archive, by name, read with libarchive.
std::map<std::string, Entry> unpack(const fs::path& file) {
  std::unique_ptr<archive, ArchiveReadDeleter> a(archive_read_new());
  archive_read_support_filter_all(a.get());
  archive_read_support_format_all(a.get());
  REQUIRE(archive_read_open_filename(a.get(), file.c_str(), 16384) == ARCHIVE_OK);
  std::map<std::string, Entry> entries;
  archive_entry* entry = nullptr;
  int rc = 0;
  while ((rc = archive_read_next_header(a.get(), &entry)) == ARCHIVE_OK) {
    Entry e;
    e.mode = archive_entry_perm(entry);
    char buffer[8192];
    la_ssize_t n = 0;
    while ((n = archive_read_data(a.get(), buffer, sizeof buffer)) > 0)
      e.content.append(buffer, static_cast<std::size_t>(n));
    REQUIRE(n == 0);
    entries[archive_entry_pathname(entry)] = std::move(e);
  }
  CHECK(rc == ARCHIVE_EOF);
  return entries;
}

// A certificate like some CAs issue: the holder's ID number in the subject, a phone in OU.
Bytes old_certificate() {
  const EvpKey key = make_key(KeyKind::ec_p256);
  CertSpec spec;
  spec.subject = {{"C", "CN"},
                  {"O", "广州某某贸易有限公司"},
                  {"OU", std::string("tel ") + kMobile},
                  {"serialNumber", kIdNumber},
                  {"CN", "胡某"}};
  spec.not_before = std::chrono::system_clock::now() - std::chrono::hours(24 * 300);
  spec.not_after = std::chrono::system_clock::now() + std::chrono::hours(24 * 20);
  const X509Ptr cert = issue_cert(spec, key.get(), nullptr, key.get());
  const auto der = cert_der(cert.get());
  return {der.begin(), der.end()};
}

void fill_logs(const fs::path& data_dir) {
  start_client_log(data_dir);
  spdlog::info("operator ID {} mobile {}", kIdNumber, kMobile);
  spdlog::info("login attempt pin={}", kPin);
  spdlog::info("GET /api/v1/applications/01201709210000846?capability_token={}", kCapability);
  spdlog::warn("retrying with Authorization: Bearer {}", kCapability);
  stop_client_log();
  // An older log that was written without redaction (or edited by hand): the bundle must clean
  // it on its own.
  std::ofstream(client_log_dir(data_dir) / "certrenew.1.log")
      << "2026-01-01T09:00:00.000+0800 [info] submitted for " << kIdNumber << " / " << kMobile
      << "\n2026-01-01T09:00:01.000+0800 [info] user typed pin=" << kPin << "\n"
      << "2026-01-01T09:00:02.000+0800 [info] stored " << kCapability << " for later\n";
}

void fill_store(const fs::path& data_dir, const std::string& service_url) {
  ApplicationRecord r;
  r.business_no = "01201709210000846";
  r.capability_token = kCapability;
  r.service_url = service_url;
  r.token_id = "SOFT-0001";
  r.old_certificate = old_certificate();
  r.new_key_id = {0x01, 0x02, 0x03};
  r.period_months = 12;
  ApplicationStore(data_dir).save(r);
}

}  // namespace

TEST_CASE("the support bundle holds the report and the logs, and none of the secrets") {
  ServerProcess::Options server_options;
  server_options.demo = true;  // a softtoken whose certificate expires in 20 days
  ServerProcess server(server_options);
  TempDir dir;
  const fs::path data = dir.path() / "data";
  fs::create_directories(data);
  fill_logs(data);
  fill_store(data, server.base_url());
  std::ofstream(dir.path() / "config.json")
      << json{{"service_url", server.base_url()},
              {"trust", server.tls_root().string()},
              {"plugin_dirs", {fs::path(SOFTTOKEN_DRIVER).parent_path().string()}},
              {"drivers",
               {{"softtoken", {{"root", (server.dir() / "demo" / "softtokens").string()}}}}}}
             .dump(2);

  DiagnosticOptions options;
  certrenew::client::RuntimeOptions where;
  where.config_file = dir.path() / "config.json";
  where.data_dir = data;
  where.default_driver_path = false;
  options.location = certrenew::client::locate_runtime(where);
  const DiagnosticReport report = run_diagnostics(options);

  // The report itself: a healthy setup with one certificate to renew and one application.
  for (const char* id : {"config", "data_dir", "service.dns", "service.connect", "service.tls",
                         "service.api", "service.clock", "log"}) {
    REQUIRE_MESSAGE(report.find(id) != nullptr, id);
    CHECK_MESSAGE(report.find(id)->status == Status::green,
                  id << ": " << report.find(id)->sentence.en);
  }
  const Check* certificate = report.find("token.certificate");
  REQUIRE(certificate != nullptr);
  CHECK(certificate->status == Status::amber);  // expires in 20 days: renew now
  CHECK(certificate->details["days_left"].get<long>() >= 18);
  const Check* application = report.find("application");
  REQUIRE(application != nullptr);
  CHECK(application->details["business_no"] == "01201709210000846");
  CHECK_FALSE(application->details.contains("capability_token"));
  CHECK_FALSE(report.log_tail.empty());

  const std::string report_text = to_json(report).dump() + render_text(report, Language::en) +
                                  render_text(report, Language::zh_CN);
  for (const char* secret : {kIdNumber, kMobile, kCapability, kPin})
    CHECK_MESSAGE(report_text.find(secret) == std::string::npos, "the report shows " << secret);

  const fs::path target = dir.path() / "out" / "support.tar.gz";
  fs::create_directories(target.parent_path());
  const BundleResult result = write_bundle(report, data, target);
  CHECK(result.file == target);
  struct stat st {};
  REQUIRE(::stat(target.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(std::distance(fs::directory_iterator(target.parent_path()), fs::directory_iterator()) ==
        1);  // no temporary file left behind

  const auto entries = unpack(target);
  std::vector<std::string> names;
  for (const auto& [name, entry] : entries) names.push_back(name);
  CHECK(names == std::vector<std::string>{"applications.json", "logs/certrenew.1.log",
                                          "logs/certrenew.log", "report.json", "report.txt",
                                          "report.zh-CN.txt"});
  for (const auto& [name, entry] : entries) {
    CAPTURE(name);
    CHECK(entry.mode == 0600);
    CHECK_FALSE(entry.content.empty());
    for (const char* secret : {kIdNumber, kMobile, kCapability, kPin})
      CHECK_MESSAGE(entry.content.find(secret) == std::string::npos, name << " holds " << secret);
  }
  // The content is there, masked.
  const std::string& old_log = entries.at("logs/certrenew.1.log").content;
  CHECK(old_log.find("submitted for 110105********002X / 138****8000") != std::string::npos);
  CHECK(old_log.find("pin=[removed]") != std::string::npos);
  CHECK(old_log.find("stored [removed] for later") != std::string::npos);
  CHECK(entries.at("logs/certrenew.log").content.find("operator ID 110105********002X") !=
        std::string::npos);
  const json report_json = json::parse(entries.at("report.json").content);
  CHECK(report_json["format"] == "certrenew-diagnostics");
  CHECK(report_json["checks"].size() == report.checks.size());
  const json applications = json::parse(entries.at("applications.json").content);
  REQUIRE(applications["records"].size() == 1);
  CHECK(applications["records"][0]["business_no"] == "01201709210000846");
  CHECK(applications["records"][0]["old_certificate"]["subject"].get<std::string>().find(
            "110105********002X") != std::string::npos);
  CHECK(entries.at("report.txt").content.find("CertRenew diagnostic report") != std::string::npos);
  CHECK(entries.at("report.zh-CN.txt").content.find("CertRenew 诊断报告") != std::string::npos);

  SUBCASE("a bundle that cannot be written changes nothing") {
    CHECK_THROWS(write_bundle(report, data, dir.path() / "no-such-folder" / "b.tar.gz"));
    CHECK_FALSE(fs::exists(dir.path() / "no-such-folder"));
    write_bundle(report, data, target);  // replacing an existing bundle works
    CHECK(unpack(target).size() == entries.size());
  }
}
