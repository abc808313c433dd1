// The SKF library's identity in the diagnosis and in the support bundle (issue 20, docs/skf.md
// "Reporting a library that does not load"): the file a driver's settings name, its size and its
// SHA-256 as computed here, in report.json of the bundle as unpacked by tar; a library that cannot
// be read is a red line naming it.
#include <doctest/doctest.h>
#include <openssl/evp.h>

#include <cstdlib>
#include <fstream>
#include <iterator>

#include "certrenew/client/diagnostics/bundle.hpp"
#include "certrenew/client/diagnostics/diagnose.hpp"
#include "certrenew/core/bytes.hpp"
#include "skf_test_support.hpp"

using namespace certrenew;
using namespace certrenew::client::diagnostics;
using namespace certrenew::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::string file_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string sha256_hex(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  REQUIRE(EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr) == 1);
  return to_hex(ByteView(digest, length));
}

}  // namespace

TEST_CASE("the diagnosis and the bundle name the SKF library with its size and SHA-256") {
  SkfKeys keys;
  keys.add_key("SKF-DIAG-0001");
  TempDir root;
  const fs::path library = skf_test_double_file();
  const fs::path missing = root.path() / "vendor" / "libmissing_skf.so";
  std::ofstream(root.path() / "config.json")
      << json{{"service_url", "https://127.0.0.1:9"},
              {"plugin_dirs", {fs::path(CERTRENEW_SKF_DRIVER).parent_path().string()}},
              {"drivers",
               {{"skf", {{"library", library.string()}}},
                {"pkcs11", {{"modules", {missing.string(), "libbare-name.so"}}}}}}}
             .dump(2);
  client::RuntimeOptions where;
  where.config_file = root.path() / "config.json";
  where.data_dir = root.path() / "data";
  where.default_driver_path = false;
  DiagnosticOptions options;
  options.location = client::locate_runtime(where);
  options.check_service = false;
  const DiagnosticReport report = run_diagnostics(options);

  const std::string bytes = file_text(library);
  const std::string sha256 = sha256_hex(bytes);
  std::vector<const Check*> lines;
  for (const Check& c : report.checks)
    if (c.id == "driver.library") lines.push_back(&c);
  REQUIRE(lines.size() == 2);  // the bare file name is the loader's to find: not listed
  const Check& skf = lines[0]->details["driver"] == "skf" ? *lines[0] : *lines[1];
  const Check& absent = &skf == lines[0] ? *lines[1] : *lines[0];
  CHECK(skf.status == Status::green);
  CHECK(skf.details["path"] == library.string());
  CHECK(skf.details["size"] == bytes.size());
  CHECK(skf.details["sha256"] == sha256);
  CHECK(skf.sentence.en.find(sha256) != std::string::npos);
  CHECK(skf.sentence.zh.find(sha256) != std::string::npos);
  CHECK(absent.status == Status::red);
  CHECK(absent.details["path"] == missing.string());
  CHECK(absent.sentence.en.find("drivers.pkcs11") != std::string::npos);
  // The token line says which library it came through (the model).
  bool token_named = false;
  for (const Check& c : report.checks)
    if (c.id == "token.present" &&
        c.details.value("model", "").find(library.filename().string()) != std::string::npos)
      token_named = true;
  CHECK(token_named);

  // The bundle a user sends carries it: report.json as tar unpacks it.
  const fs::path bundle = root.path() / "bundle.tar.gz";
  write_bundle(report, root.path() / "data", bundle);
  const fs::path out = root.path() / "unpacked";
  fs::create_directories(out);
  REQUIRE(std::system(("tar -xzf " + bundle.string() + " -C " + out.string()).c_str()) == 0);
  const std::string report_json = file_text(out / "report.json");
  CHECK(report_json.find(sha256) != std::string::npos);
  CHECK(report_json.find(library.filename().string()) != std::string::npos);
}
