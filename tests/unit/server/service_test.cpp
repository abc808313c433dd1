#include <doctest/doctest.h>

#include <set>

#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>

#include "service/agreement.hpp"
#include "service/digest.hpp"
#include "service/fees.hpp"
#include "service/service_text.hpp"

using namespace certrenew::server;
namespace fs = std::filesystem;

TEST_CASE("the default fee schedule is the seed's: 100.00 a year, 12/24/36 months") {
  FeeSchedule fees;
  CHECK(fees.periods_months() == std::vector<int>{12, 24, 36});
  auto q = fees.quote(24);
  REQUIRE(q);
  CHECK(q->total.fen() == 20000);
  REQUIRE(q->items.size() == 1);
  CHECK(q->items[0].name.zh == "证书服务费用");
  CHECK(q->items[0].unit_price.fen() == 10000);
  CHECK(q->items[0].quantity == 2);
  CHECK_FALSE(fees.quote(18));
  CHECK_FALSE(fees.quote(0));
  auto j = certrenew::protocol::encode(fees.answer());
  CHECK(j["delivery"]["zh"] == "货到付款");
  CHECK(j["invoice_type"]["zh"] == "普通定额发票");
  CHECK(j["periods"].size() == 3);
  CHECK(j["periods"][2]["total_fen"] == 30000);
}

TEST_CASE("a configured fee schedule is checked key by key") {
  auto fees = FeeSchedule::from_json({{"periods_months", {12, 60}}, {"price_per_year_fen", 15050}});
  CHECK(fees.quote(60)->total.fen() == 75250);
  CHECK_FALSE(fees.quote(24));
  CHECK_THROWS_WITH_AS(FeeSchedule::from_json({{"periods_months", {13}}}),
                       doctest::Contains("periods_months"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(FeeSchedule::from_json({{"price_per_year_fen", -1}}),
                       doctest::Contains("price_per_year_fen"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(FeeSchedule::from_json({{"price_per_year_fen", "100.00"}}),
                       doctest::Contains("price_per_year_fen"), std::invalid_argument);
  CHECK_THROWS_AS(FeeSchedule::from_json(nlohmann::json::array()), std::invalid_argument);
}

TEST_CASE("digests and secrets") {
  CHECK(sha256_hex(std::string_view("abc")) ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
  std::vector<std::uint8_t> key{'J', 'e', 'f', 'e'};
  CHECK(hmac_sha256_b64url(key, "what do ya want for nothing?") ==
        "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM");
  CHECK(equal_secret("abc", "abc"));
  CHECK_FALSE(equal_secret("abc", "abd"));
  CHECK_FALSE(equal_secret("abc", "ab"));
  CHECK(random_bytes(32).size() == 32);
  CHECK(random_bytes(16) != random_bytes(16));
}

TEST_CASE("the agreement is loaded per language with its hash") {
  fs::path dir =
      fs::temp_directory_path() / ("certrenew-agreement-" + std::to_string(std::random_device{}()));
  fs::create_directories(dir);
  std::ofstream(dir / "zh.md") << "电子认证服务协议";
  std::ofstream(dir / "en.md") << "Service agreement";
  std::ofstream(dir / "empty.md");
  auto a = Agreement::load("2026.1", {{"zh-CN", dir / "zh.md"}, {"en", dir / "en.md"}});
  CHECK(a.version() == "2026.1");
  CHECK(a.text("en").body == "Service agreement");
  CHECK(a.text("fr").language == "zh-CN");  // falls back to the reference text
  CHECK(a.matches("2026.1", sha256_hex(std::string_view("电子认证服务协议"))));
  CHECK(a.matches("2026.1", a.text("en").sha256));
  CHECK_FALSE(a.matches("2025.9", a.text("en").sha256));
  CHECK_FALSE(a.matches("2026.1", sha256_hex(std::string_view("something else"))));
  CHECK_THROWS_WITH_AS(Agreement::load("2026.1", {{"en", dir / "en.md"}}),
                       doctest::Contains("zh-CN"), std::runtime_error);
  CHECK_THROWS_WITH_AS(Agreement::load("2026.1", {{"zh-CN", dir / "missing.md"}}),
                       doctest::Contains("missing.md"), std::runtime_error);
  CHECK_THROWS_WITH_AS(Agreement::load("2026.1", {{"zh-CN", dir / "empty.md"}}),
                       doctest::Contains("empty"), std::runtime_error);
  fs::remove_all(dir);
}

TEST_CASE("the shipped agreement texts load") {
  auto a =
      Agreement::load("2026.1", {{"zh-CN", CERTRENEW_ASSETS_DIR "/agreement/agreement.zh-CN.md"},
                                 {"en", CERTRENEW_ASSETS_DIR "/agreement/agreement.en.md"}});
  CHECK(a.text("zh-CN").body.find("数字证书续期服务协议") != std::string::npos);
  CHECK(a.text("en").body.find("Version: 2026.1") != std::string::npos);
}

#include "service/config.hpp"

namespace {
nlohmann::json minimal_config() {
  return {{"tls", {{"certificate", "tls/server.crt"}, {"private_key", "tls/server.key"}}},
          {"ca", {{"certificate", "ca/ca.crt"}, {"private_key", "ca/ca.key"}}},
          {"secrets", {{"capability_key", "s/c.key"}, {"gateway_key", "s/g.key"}}},
          {"agreement", {{"version", "2026.1"}, {"files", {{"zh-CN", "a/zh.md"}}}}}};
}
}  // namespace

TEST_CASE("the server configuration resolves paths and names the key that is wrong") {
  auto c = ServerConfig::from_json(minimal_config(), "/srv/ca");
  CHECK(c.tls_certificate == fs::path("/srv/ca/tls/server.crt"));
  CHECK(c.tls_trust == fs::path("/srv/ca/tls/root.crt"));  // default: beside the certificate
  CHECK(c.database == fs::path("/srv/ca/server.db"));
  CHECK(c.policy.renewal_window_days == 90);
  CHECK_FALSE(c.policy.auto_approve);
  CHECK(c.fees.quote(36)->total.fen() == 30000);

  auto missing = minimal_config();
  missing["tls"].erase("certificate");
  CHECK_THROWS_WITH_AS(ServerConfig::from_json(missing, "/srv"),
                       doctest::Contains("config.tls.certificate"), std::runtime_error);
  auto bad_op = minimal_config();
  bad_op["operators"] = {{{"name", "finance"}, {"token_sha256", "plain-text-token"}}};
  CHECK_THROWS_WITH_AS(ServerConfig::from_json(bad_op, "/srv"), doctest::Contains("token_sha256"),
                       std::runtime_error);
  auto bad_types = minimal_config();
  bad_types["policy"] = {{"allowed_key_types", {"dsa"}}};
  CHECK_THROWS_WITH_AS(ServerConfig::from_json(bad_types, "/srv"),
                       doctest::Contains("allowed_key_types"), std::runtime_error);
  auto bad_window = minimal_config();
  bad_window["policy"] = {{"renewal_window_days", "90"}};
  CHECK_THROWS_WITH_AS(ServerConfig::from_json(bad_window, "/srv"),
                       doctest::Contains("renewal_window_days"), std::runtime_error);
  auto bad_fees = minimal_config();
  bad_fees["fees"] = {{"periods_months", {7}}};
  CHECK_THROWS_WITH_AS(ServerConfig::from_json(bad_fees, "/srv"), doctest::Contains("config.fees"),
                       std::runtime_error);
  CHECK_THROWS_WITH_AS(ServerConfig::load("/nonexistent/config.json"),
                       doctest::Contains("cannot read"), std::runtime_error);
}

TEST_CASE("\"database\" is a SQLite file by default and a postgresql:// URI selects PostgreSQL") {
  auto c = ServerConfig::from_json(minimal_config(), "/srv/ca");
  CHECK(c.postgres_url.empty());
  CHECK(c.store_location().sqlite_file == fs::path("/srv/ca/server.db"));

  auto pg = minimal_config();
  pg["database"] = "postgresql://certrenew@db.example/certrenew?sslmode=verify-full";
  pg["database_connections"] = 16;
  c = ServerConfig::from_json(pg, "/srv/ca");
  CHECK(c.postgres_url == "postgresql://certrenew@db.example/certrenew?sslmode=verify-full");
  CHECK(c.database.empty());
  CHECK(c.store_location().max_connections == 16);

  auto other_scheme = minimal_config();
  other_scheme["database"] = "mysql://root@db/certrenew";
  CHECK_THROWS_WITH_AS(ServerConfig::from_json(other_scheme, "/srv"),
                       doctest::Contains("config.database"), std::runtime_error);
  auto no_pool = minimal_config();
  no_pool["database_connections"] = 0;
  CHECK_THROWS_WITH_AS(ServerConfig::from_json(no_pool, "/srv"),
                       doctest::Contains("database_connections"), std::runtime_error);
}

TEST_CASE("the service catalogue has every sentence in both languages, with the same arguments") {
  std::set<std::string_view> ids;
  for (const auto& e : service_catalogue().entries()) {
    CAPTURE(e.id);
    CHECK(ids.insert(e.id).second);
    bool zh_has_cjk = false;
    for (unsigned char c : e.zh) zh_has_cjk = zh_has_cjk || c >= 0xE3;
    CHECK(zh_has_cjk);
    CHECK_FALSE(e.en.empty());
    // An argument the Chinese sentence uses is one the English sentence has too.
    for (char n = '0'; n <= '9'; ++n) {
      const std::string placeholder = std::string("{") + n + "}";
      if (e.zh.find(placeholder) != std::string_view::npos)
        CHECK(e.en.find(placeholder) != std::string_view::npos);
    }
  }
}

TEST_CASE("service texts fill their arguments where each language puts them") {
  CHECK(fill_text("{1} / {0} / {2}", {"a", "b"}) == "b / a / {2}");
  const certrenew::Text t = service_text("application.open", {"20261124000000001"});
  CHECK(t.zh == "该证书已有未完成的续期申请：20261124000000001");
  CHECK(t.en == "this certificate already has an open application: 20261124000000001");
  const ApiError e = service_error(409, "replayed", "application.replayed");
  CHECK(e.code() == "replayed");
  CHECK(e.message_zh() == "重复提交的申请");
  CHECK_THROWS_AS(service_text("no.such.id"), std::out_of_range);
}
