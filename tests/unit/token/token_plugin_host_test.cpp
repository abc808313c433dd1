// Loading and rejecting driver libraries, and where the host looks for them.
#include <doctest/doctest.h>

#include <cstddef>
#include <string>

#include "certrenew/core/token/plugin_host.hpp"
#include "certrenew/core/token/plugin_paths.hpp"
#include "certrenew/core/token/token_context.hpp"
#include "test_pki.hpp"
#include "token_test_support.hpp"

using namespace certrenew::token;
using certrenew::testing::copy_driver;
using certrenew::testing::ScopedEnv;
using certrenew::testing::TempDir;
namespace fs = std::filesystem;

namespace {

Rejection expect_rejected(const fs::path& file, RejectionKind kind) {
  PluginHost host;
  auto result = host.load_file(file);
  REQUIRE(std::holds_alternative<Rejection>(result));
  const Rejection r = std::get<Rejection>(result);
  CHECK(r.kind == kind);
  CHECK(r.path == file);
  CHECK(host.drivers().empty());
  REQUIRE(host.rejections().size() == 1);
  CHECK(host.rejections().front().message == r.message);
  return r;
}

std::string so(const std::string& stem) {
  return stem + shared_library_suffix().string();
}

}  // namespace

TEST_CASE("a good driver loads with its identity and table") {
  PluginHost host;
  auto result = host.load_file(EXAMPLE_DRIVER);
  REQUIRE(std::holds_alternative<Driver>(result));
  const Driver& driver = std::get<Driver>(result);
  CHECK(driver.name() == "example");
  CHECK(driver.vendor() == "CertRenew SDK");
  CHECK(driver.version() == "1.0.0");
  CHECK(driver.path() == fs::path(EXAMPLE_DRIVER));
  CHECK(driver.table().abi_version == CRT_DRIVER_ABI_VERSION);
  CHECK(host.rejections().empty());
  REQUIRE(host.find("example").has_value());
  CHECK_FALSE(host.find("nonexistent").has_value());
}

TEST_CASE("each kind of broken library is rejected with its reason") {
  SUBCASE("no entry point") {
    const Rejection r = expect_rejected(FIXTURE_NO_ENTRY, RejectionKind::missing_entry);
    CHECK(r.message.find("certrenew_driver_v1") != std::string::npos);
  }
  SUBCASE("entry returns no table") {
    const Rejection r = expect_rejected(FIXTURE_NULL_TABLE, RejectionKind::missing_entry);
    CHECK(r.message.find("returned no driver table") != std::string::npos);
  }
  SUBCASE("wrong ABI version") {
    const Rejection r = expect_rejected(FIXTURE_WRONG_ABI, RejectionKind::wrong_abi_version);
    CHECK(r.abi_version_found == 7);
    CHECK(r.message == "driver ABI version 7 is not supported (this CertRenew speaks version 1)");
    CHECK(r.describe() == std::string(FIXTURE_WRONG_ABI) + ": " + r.message);
  }
  SUBCASE("table shorter than version 1") {
    const Rejection r = expect_rejected(FIXTURE_SHORT_TABLE, RejectionKind::short_table);
    CHECK(r.struct_size_found == offsetof(crt_driver_v1, sign));
    CHECK(r.message == "driver table has " + std::to_string(offsetof(crt_driver_v1, sign)) +
                           " bytes, fewer than the " + std::to_string(CRT_DRIVER_V1_MIN_SIZE) +
                           " of a version-1 table");
  }
  SUBCASE("a required function is NULL") {
    const Rejection r = expect_rejected(FIXTURE_NULL_LOGIN, RejectionKind::incomplete_table);
    CHECK(r.missing_field == "login");
    CHECK(r.message == "driver table leaves the required field 'login' NULL");
  }
  SUBCASE("the vendor string is NULL") {
    const Rejection r = expect_rejected(FIXTURE_NULL_VENDOR, RejectionKind::incomplete_table);
    CHECK(r.missing_field == "vendor");
  }
  SUBCASE("a text file named like a library") {
    const Rejection r = expect_rejected(TOKEN_NOT_A_LIBRARY, RejectionKind::not_a_library);
    CHECK(r.message.rfind("not a shared library", 0) == 0);
  }
  SUBCASE("a library the system loader refuses") {
    const Rejection r = expect_rejected(UNRESOLVED_FIXTURE, RejectionKind::load_error);
    CHECK(r.message.find("certrenew_fixture_function_nobody_defines") != std::string::npos);
  }
  SUBCASE("a file that does not exist") {
    TempDir dir;
    const Rejection r = expect_rejected(dir.path() / so("libmissing"), RejectionKind::load_error);
    CHECK(r.message.find("does not exist") != std::string::npos);
  }
}

TEST_CASE("the host carries on past rejected libraries") {
  TempDir good;
  copy_driver(EXAMPLE_DRIVER, good.path(), so("libcertrenew-example"));
  PluginHost host;
  host.scan({TOKEN_FIXTURE_DIR, good.path()});

  REQUIRE(host.drivers().size() == 1);
  CHECK(host.drivers().front().name() == "example");
  // Every fixture in the directory is rejected, each for its own reason.
  std::size_t fixture_files = 0;
  for (const auto& entry : fs::directory_iterator(TOKEN_FIXTURE_DIR))
    fixture_files += entry.path().extension() == shared_library_suffix();
  CHECK(host.rejections().size() == fixture_files);
  CHECK(fixture_files == 8);
  // The driver that did load works.
  const auto tokens = host.drivers().front().open().tokens();
  REQUIRE(tokens.size() == 1);
  CHECK(tokens.front().id == "EXAMPLE-0001");
}

TEST_CASE("only files with the shared-library suffix are considered") {
  TempDir dir;
  copy_driver(EXAMPLE_DRIVER, dir.path(), so("libexample") + ".bak");
  copy_driver(EXAMPLE_DRIVER, dir.path(), "README.txt");
  fs::create_directories(dir.path() / so("subdir"));
  PluginHost host;
  host.scan_directory(dir.path());
  CHECK(host.drivers().empty());
  CHECK(host.rejections().empty());
  host.scan_directory(dir.path() / "does-not-exist");
  CHECK(host.rejections().empty());
}

TEST_CASE("a second driver with the same name is rejected as a duplicate") {
  TempDir first, second;
  const fs::path a = copy_driver(EXAMPLE_DRIVER, first.path(), so("libexample"));
  const fs::path b = copy_driver(EXAMPLE_DRIVER, second.path(), so("libexample"));
  PluginHost host;
  host.scan({first.path(), second.path()});
  REQUIRE(host.drivers().size() == 1);
  CHECK(host.drivers().front().path() == a);
  REQUIRE(host.rejections().size() == 1);
  const Rejection& r = host.rejections().front();
  CHECK(r.kind == RejectionKind::duplicate);
  CHECK(r.path == b);
  CHECK(r.driver_name == "example");
  CHECK(r.message == "a driver named 'example' is loaded already from " + a.string());
}

TEST_CASE("CERTRENEW_PLUGIN_PATH entries are split on the platform separator") {
#if defined(_WIN32)
  const auto parts = split_search_path("C:\\a;;D:\\b c;");
  const std::vector<fs::path> expected{"C:\\a", "D:\\b c"};
#else
  const auto parts = split_search_path("/a::/b c:");
  const std::vector<fs::path> expected{"/a", "/b c"};
#endif
  CHECK(parts == expected);
  CHECK(split_search_path("").empty());
}

#if !defined(_WIN32)
TEST_CASE("the search path is exe dir, then user data dir, then CERTRENEW_PLUGIN_PATH") {
  SUBCASE("XDG_DATA_HOME names the user data dir") {
    ScopedEnv xdg("XDG_DATA_HOME", "/xdg/data");
    ScopedEnv list("CERTRENEW_PLUGIN_PATH", "/one:/two");
    const auto path = default_search_path();
    REQUIRE(path.size() == 4);
#if defined(__linux__)
    CHECK(path[0] == fs::read_symlink("/proc/self/exe").parent_path() / "plugins");
#endif
    CHECK(path[0].filename() == "plugins");
    CHECK(path[1] == fs::path("/xdg/data/certrenew/plugins"));
    CHECK(path[2] == fs::path("/one"));
    CHECK(path[3] == fs::path("/two"));
  }
  SUBCASE("without XDG_DATA_HOME it is under HOME") {
    ScopedEnv xdg("XDG_DATA_HOME", std::nullopt);
    ScopedEnv home("HOME", "/home/clerk");
    ScopedEnv list("CERTRENEW_PLUGIN_PATH", std::nullopt);
    const auto path = default_search_path();
    REQUIRE(path.size() == 2);
    CHECK(path[1] == fs::path("/home/clerk/.local/share/certrenew/plugins"));
    CHECK(user_plugin_dir() == path[1]);
  }
}
#endif

TEST_CASE("discover() loads from every search directory, earlier ones first") {
  TempDir data, extra1, extra2;
  const fs::path user_dir = data.path() / "certrenew" / "plugins";
  const fs::path from_user = copy_driver(EXAMPLE_DRIVER, user_dir, so("libcertrenew-example"));
  copy_driver(TWIN_A_DRIVER, extra1.path(), so("libtwin-a"));
  const fs::path late_copy = copy_driver(EXAMPLE_DRIVER, extra2.path(), so("libexample-copy"));

#if defined(_WIN32)
  ScopedEnv user("APPDATA", data.path().string());
  const fs::path expected_user = data.path() / "CertRenew" / "plugins";
  copy_driver(EXAMPLE_DRIVER, expected_user, so("libcertrenew-example"));
  const char separator = ';';
#else
  ScopedEnv user("XDG_DATA_HOME", data.path().string());
  const char separator = ':';
#endif
  ScopedEnv list("CERTRENEW_PLUGIN_PATH",
                 extra1.path().string() + separator + extra2.path().string());

  const PluginHost host = PluginHost::discover();
  REQUIRE(host.find("example").has_value());
  REQUIRE(host.find("twin-a").has_value());
#if !defined(_WIN32)
  CHECK(host.find("example")->path() == from_user);
#endif
  // The copy found later in CERTRENEW_PLUGIN_PATH loses to the user dir's.
  bool late_rejected = false;
  for (const auto& r : host.rejections())
    late_rejected |= r.path == late_copy && r.kind == RejectionKind::duplicate;
  CHECK(late_rejected);
}
