// certrenew-cli's `diagnose` body (app/cli/src/diagnose_command.cpp) without the CLI parser.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "diagnose_command.hpp"
#include "test_pki.hpp"

using namespace certrenew;
using certrenew::testing::TempDir;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// A configuration whose service cannot be reached (nothing listens on port 1): a red report.
cli::DiagnoseOptions options_in(const TempDir& dir, std::ostream& out, std::ostream& err) {
  std::ofstream(dir.path() / "config.json")
      << json{{"service_url", "https://127.0.0.1:1"}, {"language", "en"}}.dump();
  cli::DiagnoseOptions o;
  certrenew::client::RuntimeOptions where;
  where.config_file = dir.path() / "config.json";
  where.data_dir = dir.path() / "data";
  where.default_driver_path = false;
  o.location = certrenew::client::locate_runtime(where);
  o.out = &out;
  o.err = &err;
  return o;
}

}  // namespace

TEST_CASE("diagnose --json prints one JSON document and --bundle writes the archive") {
  TempDir dir;
  std::ostringstream out, err;
  cli::DiagnoseOptions o = options_in(dir, out, err);
  o.json = true;
  o.bundle = dir.path() / "support.tar.gz";
  CHECK(cli::run_diagnose(o) == 1);  // the service is down: a red line
  const json report = json::parse(out.str());
  CHECK(report["format"] == "certrenew-diagnostics");
  CHECK(report["overall"] == "red");
  bool connect_red = false;
  for (const json& c : report["checks"])
    if (c["id"] == "service.connect") connect_red = c["status"] == "red";
  CHECK(connect_red);
  CHECK(fs::is_regular_file(o.bundle));
  CHECK(err.str().find("support bundle written to") != std::string::npos);
}

TEST_CASE("diagnose prints text in the configuration's language, or the one asked for") {
  TempDir dir;
  std::ostringstream out, err;
  cli::DiagnoseOptions o = options_in(dir, out, err);
  o.check_service = false;
  cli::run_diagnose(o);
  CHECK(out.str().find("CertRenew diagnostic report") != std::string::npos);
  out.str("");
  o.language = client::Language::zh_CN;
  cli::run_diagnose(o);
  CHECK(out.str().find("CertRenew 诊断报告") != std::string::npos);
  CHECK(err.str().empty());
}

TEST_CASE("a bundle that cannot be written is reported after the report") {
  TempDir dir;
  std::ostringstream out, err;
  cli::DiagnoseOptions o = options_in(dir, out, err);
  o.check_service = false;
  o.bundle = dir.path() / "missing" / "support.tar.gz";
  CHECK(cli::run_diagnose(o) == 1);
  CHECK_FALSE(out.str().empty());
  CHECK(err.str().find("cannot write the support bundle") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.path() / "missing"));
}
