#include <doctest/doctest.h>

#include <cstdlib>

#include "certrenew/client/store/client_config.hpp"
#include "test_pki.hpp"  // TempDir
#include "text_file.hpp"

using namespace certrenew::client;
namespace fs = std::filesystem;
using certrenew::testing::read_text_file;
using certrenew::testing::TempDir;
using certrenew::testing::write_text_file;

namespace {

nlohmann::json full_config_json() {
  return {
      {"service_url", "https://renew.example.cn/api"},
      {"trust", "/etc/certrenew/service-ca.pem"},
      {"plugin_dirs", {"/opt/vendor/plugins", "plugins"}},
      {"drivers",
       {{"acme", {{"slot", 0}, {"reader", "ACME 1"}}}, {"other", nlohmann::json::object()}}},
      {"language", "en"},
      {"retire_policy", "delete"},
  };
}

// The key that from_json() complains about, or "<accepted>".
std::string rejected_key(const nlohmann::json& json) {
  try {
    (void)ClientConfig::from_json(json);
    return "<accepted>";
  } catch (const ConfigError& e) {
    // The message names the key as well, for people reading logs, in both languages.
    CHECK(std::string(e.what()).find("'" + e.key() + "'") != std::string::npos);
    CHECK(e.message_zh().find("“" + e.key() + "”") != std::string::npos);
    CHECK(e.message_zh() != e.what());
    return e.key();
  }
}

}  // namespace

TEST_CASE("a full configuration is read and round trips through a file") {
  const ClientConfig config = ClientConfig::from_json(full_config_json());
  CHECK(config.service_url == "https://renew.example.cn/api");
  CHECK(config.trust == "/etc/certrenew/service-ca.pem");
  CHECK(config.plugin_dirs == std::vector<fs::path>{"/opt/vendor/plugins", "plugins"});
  REQUIRE(config.drivers.size() == 2);
  CHECK(config.drivers.at("acme").at("reader") == "ACME 1");
  CHECK(config.language == Language::en);
  CHECK(config.retire_policy == RetirePolicy::remove);

  TempDir dir;
  const fs::path file = dir.path() / "config.json";
  config.save(file);
  CHECK(ClientConfig::load(file) == config);
#if !defined(_WIN32)
  CHECK(fs::status(file).permissions() == (fs::perms::owner_read | fs::perms::owner_write));
#endif
}

TEST_CASE("only service_url is required; the rest has defaults") {
  const ClientConfig config =
      ClientConfig::from_json({{"service_url", "HTTPS://Renew.example.cn"}});
  CHECK(config.trust.empty());
  CHECK(config.plugin_dirs.empty());
  CHECK(config.drivers.empty());
  CHECK(config.language == Language::zh_CN);
  CHECK(config.retire_policy == RetirePolicy::keep);
  CHECK(ClientConfig::from_json(config.to_json()) == config);
}

TEST_CASE("each bad key is named in the error") {
  const auto with = [](const std::string& key, nlohmann::json value) {
    nlohmann::json json = full_config_json();
    json[key] = std::move(value);
    return json;
  };
  CHECK(rejected_key(full_config_json()) == "<accepted>");
  CHECK(rejected_key(with("service_url", "http://renew.example.cn")) == "service_url");
  CHECK(rejected_key(with("service_url", "ftp://renew.example.cn")) == "service_url");
  CHECK(rejected_key(with("service_url", "https://")) == "service_url");
  CHECK(rejected_key(with("service_url", "https://renew example.cn")) == "service_url");
  CHECK(rejected_key(with("service_url", 443)) == "service_url");
  CHECK(rejected_key(with("language", "fr")) == "language");
  CHECK(rejected_key(with("language", "zh-cn")) == "language");
  CHECK(rejected_key(with("language", nullptr)) == "language");
  CHECK(rejected_key(with("retire_policy", "archive")) == "retire_policy");
  CHECK(rejected_key(with("retire_policy", true)) == "retire_policy");
  CHECK(rejected_key(with("trust", nlohmann::json::array())) == "trust");
  CHECK(rejected_key(with("plugin_dirs", "/opt/plugins")) == "plugin_dirs");
  CHECK(rejected_key(with("plugin_dirs", {"/opt", 3})) == "plugin_dirs");
  CHECK(rejected_key(with("drivers", nlohmann::json::array())) == "drivers");
  CHECK(rejected_key(with("drivers", {{"acme", "slot 0"}})) == "drivers.acme");
  CHECK(rejected_key(with("servcie_url", "https://x.example")) == "servcie_url");

  nlohmann::json missing = full_config_json();
  missing.erase("service_url");
  CHECK(rejected_key(missing) == "service_url");
}

TEST_CASE("file-level problems are reported and a refused save changes nothing") {
  TempDir dir;
  const fs::path file = dir.path() / "config.json";
  CHECK_THROWS_WITH_AS(ClientConfig::load(file), doctest::Contains("does not exist"), ConfigError);
  try {
    (void)ClientConfig::load(file);
  } catch (const ConfigError& e) {
    CHECK(e.message_zh() == file.string() + "：文件不存在");
  }
  write_text_file(file, "{\"service_url\": ");
  CHECK_THROWS_WITH_AS(ClientConfig::load(file), doctest::Contains("not valid JSON"), ConfigError);

  write_text_file(file, full_config_json().dump());
  try {
    nlohmann::json json = full_config_json();
    json["language"] = "de";
    write_text_file(file, json.dump());
    (void)ClientConfig::load(file);
    FAIL("expected ConfigError");
  } catch (const ConfigError& e) {
    CHECK(e.key() == "language");
    CHECK(std::string(e.what()).find(file.string()) != std::string::npos);
  }

  const ClientConfig good = ClientConfig::from_json(full_config_json());
  good.save(file);
  const std::string before = read_text_file(file);
  ClientConfig bad = good;
  bad.service_url = "http://renew.example.cn";
  CHECK_THROWS_AS(bad.save(file), ConfigError);
  CHECK(read_text_file(file) == before);
}
