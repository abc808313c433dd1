// Issue 19: the operator declines e-mail or SMS in the application (`--no-email`, `--no-sms`, or
// "notify" in the form file); the real certrenew-server then queues no message at all on that
// channel, for the application's events. certrenew-cli runs as a separate process.
#include <doctest/doctest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "cli_world.hpp"

using namespace certrenew::testing;
using nlohmann::json;

namespace {

// The channels of the application's messages for `event` (the operator view's notifications).
std::multiset<std::string> channels(const CliWorld& world, const std::string& no,
                                    const std::string& event) {
  std::multiset<std::string> out;
  const json view = world.admin_view(no);
  for (const auto& m : view.at("notifications"))
    if (m["event"] == event) out.insert(m["channel"].get<std::string>());
  return out;
}

CliRun apply(const CliWorld& world, const std::filesystem::path& form,
             std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"apply",     "--accept-agreement",   "--form", form.string(),
                                "--pin-env", CliWorld::kPinVariable, "--json"};
  args.insert(args.end(), extra.begin(), extra.end());
  return world.cli(args);
}

}  // namespace

TEST_CASE("declined channels get no messages; the default is both; a bad choice is refused") {
  CliWorld world;

  // --no-sms: the submission and the cancellation go by e-mail only.
  auto no_sms = apply(world, world.form_file(12), {"--no-sms"});
  INFO("stderr: " << no_sms.err);
  REQUIRE(no_sms.rc == 0);
  const std::string first = no_sms.json()["business_no"];
  CHECK(channels(world, first, "submitted") == std::multiset<std::string>{"email"});
  REQUIRE(world.cli({"cancel", first, "--yes"}).rc == 0);
  CHECK(channels(world, first, "cancelled") == std::multiset<std::string>{"email"});

  // A form file that declines e-mail but has "sms": true spelled out.
  json form = json::parse(std::ifstream(world.form_file(12)));
  form["notify"] = {{"email", false}, {"sms", true}};
  const auto sms_only = world.client_dir() / "form-sms-only.json";
  std::ofstream(sms_only) << form.dump();
  auto second = apply(world, sms_only);
  INFO("stderr: " << second.err);
  REQUIRE(second.rc == 0);
  const std::string no2 = second.json()["business_no"];
  CHECK(channels(world, no2, "submitted") == std::multiset<std::string>{"sms"});
  REQUIRE(world.cli({"cancel", no2, "--yes"}).rc == 0);

  // A choice that is not true/false is the user's mistake: exit 2, nothing sent.
  auto applications = [&] {
    const json list = world.admin_list();
    return list.is_array() ? list.size() : list.at("applications").size();
  };
  const auto applications_before = applications();
  form["notify"] = {{"sms", "no"}};
  const auto bad = world.client_dir() / "form-bad-notify.json";
  std::ofstream(bad) << form.dump();
  auto refused = apply(world, bad);
  CHECK(refused.rc == 2);
  CHECK(refused.err.find("notify") != std::string::npos);
  CHECK(applications() == applications_before);

  // Nothing declined: both channels.
  const std::string no3 = world.apply(12);
  CHECK(channels(world, no3, "submitted") == std::multiset<std::string>{"email", "sms"});
}

TEST_CASE(
    "the form remembers the last operator and recipient, never the ID number, until forgotten") {
  CliWorld world;
  // Nothing remembered yet: without a form file every field is missing (no terminal to ask).
  auto empty = world.cli({"apply", "--accept-agreement", "--pin-env", CliWorld::kPinVariable});
  CHECK(empty.rc == 2);
  CHECK(empty.err.find("operator.name") != std::string::npos);

  const std::string first = world.apply(12);  // accepted: its contacts are remembered
  auto shown = world.cli({"contacts", "show", "--json"});
  INFO("stderr: " << shown.err);
  REQUIRE(shown.rc == 0);
  const json contacts = shown.json()["contacts"];
  REQUIRE(contacts.size() == 1);
  CHECK(contacts[0]["operator"]["name"] == "胡某");
  CHECK(contacts[0]["operator"]["mobile"] == "13800138000");  // as the service accepted it
  CHECK(contacts[0]["recipient"]["address"] == "广东省佛山市禅城区某某路1号");
  CHECK(shown.out.find("11010519491231002X") == std::string::npos);
  const auto file = world.client_dir() / "data" / "applications" / "remembered-contacts.json";
  REQUIRE(std::filesystem::exists(file));
  std::stringstream kept;
  kept << std::ifstream(file).rdbuf();
  CHECK(kept.str().find("11010519491231002X") == std::string::npos);
  REQUIRE(world.cli({"cancel", first, "--yes"}).rc == 0);

  // The next application starts filled in: only the ID number is missing.
  auto again = world.cli({"apply", "--accept-agreement", "--pin-env", CliWorld::kPinVariable});
  CHECK(again.rc == 2);
  CHECK(again.err.find("operator.id_number") != std::string::npos);
  CHECK(again.err.find("operator.name") == std::string::npos);
  CHECK(again.err.find("recipient.address") == std::string::npos);

  // Forgotten: gone from the file and from the next form.
  auto forgot = world.cli({"contacts", "forget", "--json"});
  INFO("stderr: " << forgot.err);
  REQUIRE(forgot.rc == 0);
  CHECK(forgot.json()["forgotten"] == 1);
  CHECK_FALSE(std::filesystem::exists(file));
  auto after = world.cli({"apply", "--accept-agreement", "--pin-env", CliWorld::kPinVariable});
  CHECK(after.rc == 2);
  CHECK(after.err.find("operator.name") != std::string::npos);
}

TEST_CASE("check exits 13 for a certificate expiring within the days asked, 0 otherwise") {
  CliWorld world;  // the demo certificate expires in about 20 days
  auto due = world.cli({"check", "--json"});
  INFO("stderr: " << due.err);
  CHECK(due.rc == 13);
  const json j = due.json();
  CHECK(j["days"] == 30);
  CHECK(j["due"] == 1);
  REQUIRE(j["certificates"].size() == 1);
  CHECK(j["certificates"][0]["due"] == true);
  CHECK(j["certificates"][0]["days_left"].get<long>() <= 30);

  auto text = world.cli({"check"}, {}, "zh-CN");
  CHECK(text.rc == 13);
  CHECK((text.out + text.err).find("certrenew-cli renew --cert") != std::string::npos);

  auto later = world.cli({"check", "--days", "5", "--json"});
  CHECK(later.rc == 0);
  CHECK(later.json()["due"] == 0);
  CHECK(later.json()["certificates"][0]["due"] == false);

  CHECK(world.cli({"check", "--days", "-1"}).rc == 2);
  CHECK(world.cli({"check", "--days", "many"}).rc == 2);
}
