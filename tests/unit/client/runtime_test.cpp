// client::Runtime's rules: where the configuration and the data folder are (explicit, the
// environment, portable, per-user), paths inside the configuration, the service's trust file.
#include <doctest/doctest.h>

#include <cstdlib>

#include "certrenew/client/runtime.hpp"
#include "certrenew/core/folders.hpp"
#include "test_pki.hpp"  // TempDir
#include "text_file.hpp"

using namespace certrenew;
using namespace certrenew::client;
namespace fs = std::filesystem;
using certrenew::testing::TempDir;
using certrenew::testing::write_text_file;

namespace {

// Sets an environment variable for one test and restores it after.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    ::setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (old_)
      ::setenv(name_, old_->c_str(), 1);
    else
      ::unsetenv(name_);
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

RuntimeOptions in(const fs::path& exe_dir) {
  RuntimeOptions o;
  o.exe_dir = exe_dir;
  return o;
}

}  // namespace

TEST_CASE("one rule for the configuration and the data folder, for the app and the CLI alike") {
  TempDir dir;
  const fs::path exe_dir = dir.path() / "CertRenew";
  fs::create_directory(exe_dir);
  ScopedEnv config_home("XDG_CONFIG_HOME", (dir.path() / "xdg-config").string());
  ScopedEnv data_home("XDG_DATA_HOME", (dir.path() / "xdg-data").string());
  ::unsetenv(kDataDirVariable.data());

  SUBCASE("installed: the user's folders") {
    const RuntimeLocation where = locate_runtime(in(exe_dir));
    CHECK_FALSE(where.portable);
    CHECK(where.config_file == dir.path() / "xdg-config" / "certrenew" / "config.json");
    CHECK(where.config_source == ConfigSource::user);
    CHECK(where.data_dir == dir.path() / "xdg-data" / "certrenew");
    CHECK(where.data_source == DataSource::user);
    CHECK(user_data_dir() == where.data_dir);
  }
  SUBCASE("XDG says relative values are to be ignored") {
    ScopedEnv relative("XDG_DATA_HOME", "relative/data");
    ScopedEnv home("HOME", (dir.path() / "home").string());
    ::unsetenv("XDG_CONFIG_HOME");
    CHECK(user_data_dir() == dir.path() / "home" / ".local" / "share" / "certrenew");
    CHECK(user_config_dir() == dir.path() / "home" / ".config" / "certrenew");
  }
  SUBCASE("CERTRENEW_DATA_DIR names the data folder (scripts/demo-renewal, support)") {
    ScopedEnv data("CERTRENEW_DATA_DIR", (dir.path() / "shared-data").string());
    const RuntimeLocation where = locate_runtime(in(exe_dir));
    CHECK(where.data_dir == dir.path() / "shared-data");
    CHECK(where.data_source == DataSource::environment);
    // A folder given on the command line still wins.
    RuntimeOptions explicit_dir = in(exe_dir);
    explicit_dir.data_dir = dir.path() / "mine";
    CHECK(locate_runtime(explicit_dir).data_dir == dir.path() / "mine");
    CHECK(locate_runtime(explicit_dir).data_source == DataSource::explicit_dir);
  }
  SUBCASE("a marker file beside the executable makes the installation portable") {
    write_text_file(exe_dir / std::string(kPortableMarker), "");
    const RuntimeLocation where = locate_runtime(in(exe_dir));
    CHECK(where.portable);
    CHECK(where.config_file == exe_dir / "config.json");
    CHECK(where.config_source == ConfigSource::portable);
    CHECK(where.data_dir == exe_dir / "data");
    CHECK(where.data_source == DataSource::portable);
  }
  SUBCASE("a relative --config is made absolute, and the configuration's paths follow it") {
    RuntimeOptions o = in(exe_dir);
    o.config_file = "conf/config.json";
    const RuntimeLocation where = locate_runtime(o);
    CHECK(where.config_file.is_absolute());
    CHECK(where.config_file == fs::current_path() / "conf" / "config.json");
    CHECK(where.config_source == ConfigSource::explicit_file);
    CHECK(where.resolve("ca.pem") == fs::current_path() / "conf" / "ca.pem");
    CHECK(where.resolve("/etc/ca.pem") == fs::path("/etc/ca.pem"));
    CHECK(where.resolve("").empty());
  }
}

TEST_CASE("the executable's folder is the running program's") {
  CHECK(executable_dir() == fs::read_symlink("/proc/self/exe").parent_path());
}

TEST_CASE("a missing trust file is a configuration error in both languages, before any request") {
  TempDir dir;
  write_text_file(dir.path() / "config.json",
                  R"({"service_url": "https://renew.example.cn", "trust": "missing-ca.pem"})");
  RuntimeOptions o;
  o.config_file = dir.path() / "config.json";
  o.data_dir = dir.path() / "data";
  Runtime runtime(o);
  CHECK(runtime.config().trust == fs::path("missing-ca.pem"));
  try {
    (void)runtime.service();
    FAIL("a missing trust file was accepted");
  } catch (const ConfigError& e) {
    CHECK(e.key() == "trust");
    const std::string file = (dir.path() / "missing-ca.pem").string();
    CHECK(std::string(e.what()).find(file) != std::string::npos);
    CHECK(e.message_zh() ==
          "信任证书文件 " + file + "（配置项“trust”，续期服务 TLS 的 CA 证书）不存在。");
  }
  CHECK_FALSE(fs::exists(dir.path() / "data"));  // nothing was written

  // Once the file is there (relative to the configuration's folder), the service is built.
  write_text_file(dir.path() / "missing-ca.pem", "-----BEGIN CERTIFICATE-----\n");
  CHECK(runtime.service().endpoint().trust_file == dir.path() / "missing-ca.pem");
}

TEST_CASE(
    "without a configuration the runtime says so in both languages and the next call retries") {
  TempDir dir;
  RuntimeOptions o;
  o.config_file = dir.path() / "config.json";
  o.data_dir = dir.path() / "data";
  Runtime runtime(o);
  std::optional<ConfigError> problem;
  CHECK(runtime.try_config(&problem) == nullptr);
  REQUIRE(problem);
  CHECK(problem->message_zh().find("文件不存在") != std::string::npos);
  write_text_file(dir.path() / "config.json", R"({"service_url": "https://renew.example.cn/"})");
  REQUIRE(runtime.try_config() != nullptr);
  CHECK(runtime.service().endpoint().base_url == "https://renew.example.cn");
}

TEST_CASE("the driver search path names each folder once") {
  TempDir dir;
  fs::create_directories(dir.path() / "plugins");
  ClientConfig config;
  config.service_url = "https://renew.example.cn";
  config.plugin_dirs = {"plugins", dir.path() / "plugins", dir.path() / "plugins" / "."};
  RuntimeOptions o;
  o.config_file = dir.path() / "config.json";
  o.default_driver_path = false;
  const auto dirs = plugin_search_path(config, locate_runtime(o));
  REQUIRE(dirs.size() == 1);
  CHECK(dirs[0] == dir.path() / "plugins");
}
