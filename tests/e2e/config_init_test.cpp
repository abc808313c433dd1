// `config init` with paths typed relative to the current folder (issue 14): they are written
// absolute, so the next command finds them although the configuration lives elsewhere; a trust
// file that does not exist is refused, in the user's language, and nothing is written.
#include <doctest/doctest.h>

#include <fstream>

#include "cli_world.hpp"

using namespace certrenew::testing;
namespace fs = std::filesystem;

TEST_CASE("config init stores the paths given on its command line absolute, and checks them") {
  CliWorld world;
  const fs::path relative_trust = fs::relative(world.server().tls_root(), fs::current_path());
  REQUIRE(relative_trust.is_relative());
  const std::vector<std::string> init = {"config",
                                         "init",
                                         "--force",
                                         "--service-url",
                                         world.server().base_url(),
                                         "--trust",
                                         relative_trust.string(),
                                         "--driver",
                                         "softtoken=" + world.softtoken_config().dump()};
  const CliRun written = world.cli(init);
  INFO("stderr: " << written.err);
  REQUIRE(written.rc == 0);
  std::ifstream in(world.client_dir() / "config.json");
  const auto config = nlohmann::json::parse(in);
  CHECK(fs::path(config["trust"].get<std::string>()) ==
        fs::absolute(relative_trust).lexically_normal());
  // The configuration's folder is not the current one: the next command still reaches the
  // service over TLS verified against that file.
  const CliRun fees = world.cli({"fees"});
  INFO("stderr: " << fees.err);
  CHECK(fees.rc == 0);

  std::vector<std::string> missing = init;
  missing[6] = "no/such/ca.pem";
  const std::string before = config.dump();
  const CliRun refused = world.cli(missing, {}, "zh-CN");
  CHECK(refused.rc == 3);
  CHECK(refused.err.find("no/such/ca.pem：文件不存在") != std::string::npos);
  std::ifstream again(world.client_dir() / "config.json");
  CHECK(nlohmann::json::parse(again).dump() == before);  // nothing was written
}
