// The SM2 renewal end to end with the customer's key on an SKF (GM/T 0016) key, reached through
// the SKF bridge (plugins/skf) over our SKF test double (tests/support/skf_test_module) against a
// real certrenew-server whose CA is SM2: the CA's enrollment put an SM2 key pair and certificate in
// a container; certrenew-cli applies (the CSR signed through SKF_ECCSignData over the host's
// e = SM3(Z || M)), pays, installs. The renewed certificate lands in a new container as the
// signing certificate and verifies with `openssl verify` using the SM2 distinguishing ID.
#include <doctest/doctest.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>

#include "certrenew/core/x509/certificate.hpp"
#include "cli_world.hpp"
#include "skf_enrollment.hpp"
#include "skf_test_support.hpp"

using namespace certrenew;
using namespace certrenew::testing;
using nlohmann::json;

namespace {

const std::string kSerial = "SKF-E2E-0001";

// The CA's enrollment: an SM2 key pair in container "enrolled", its certificate from the
// service's CA, valid for 20 more days.
x509::Certificate enroll_customer(const CliWorld& world, SkfKeys& keys) {
  SkfApplication app;
  app.user_pin = CliWorld::kPin;
  keys.add_key(kSerial, {app});
  return enroll_skf_customer(world.server(), keys, kSerial);
}

// The world's SKF key, seen by the client; the CA's enrollment done.
x509::Certificate set_up_skf(CliWorld& world, SkfKeys& keys) {
  const auto old = enroll_customer(world, keys);
  world.configure_drivers({{"skf", {{"library", skf_test_double_file().string()}}}});
  world.set_environment({"CERTRENEW_SKF_TESTDOUBLE_DIR=" + keys.devices_dir().string(),
                         "CERTRENEW_SKF_TESTDOUBLE_CONTROL=" + keys.control_file().string()});
  return old;
}

// apply, pay, the back office's confirmation and approval, install: the install run's answer.
CliRun renew(CliWorld& world) {
  const std::string no = world.apply(24);
  world.pay_by_transfer(no, "200.00");
  world.confirm_payment(no);
  world.approve(no);
  auto install = world.cli({"install", no, "--pin-env", CliWorld::kPinVariable, "--json"});
  INFO("stderr: " << install.err);
  REQUIRE(install.rc == 0);
  CHECK(world.admin_view(no)["state"]["code"] == "completed");
  return install;
}

}  // namespace

TEST_CASE("an SM2 customer on an SKF key renews through the SKF bridge; openssl verifies it") {
  CliWorld world({.ca_key = "sm2", .demo = true});
  SkfKeys keys;
  const auto old = set_up_skf(world, keys);

  auto certs = world.certificates();
  REQUIRE(certs.size() == 1);
  CHECK(certs[0]["token_id"] == kSerial);

  CHECK(renew(world).json()["old_retired"] == false);  // policy "keep"

  // On the key: the enrolled container untouched, a new container with a new SM2 key and the
  // renewed certificate as its signing certificate.
  const json device = keys.device(kSerial);
  const auto& containers = device["applications"][0]["containers"];
  Bytes renewed;
  for (const auto& c : containers) {
    if (c["name"] == "enrolled") {
      CHECK(c["sign_cert"] == to_hex(old.der));
      continue;
    }
    REQUIRE(renewed.empty());
    renewed = from_hex(c["sign_cert"].get<std::string>());
  }
  REQUIRE_FALSE(renewed.empty());
  const auto cert = x509::parse_certificate(renewed);
  CHECK(cert.public_key.type == x509::KeyType::sm2);
  CHECK(cert.public_key.spki_der != old.public_key.spki_der);

  // openssl, not our code, checks the chain with the GM/T 0009 distinguishing ID.
  const auto dir = world.client_dir();
  std::ofstream(dir / "renewed.der", std::ios::binary)
      .write(reinterpret_cast<const char*>(renewed.data()),
             static_cast<std::streamsize>(renewed.size()));
  const std::string base = "openssl x509 -inform DER -in " + (dir / "renewed.der").string() +
                           " -out " + (dir / "renewed.pem").string() +
                           " && openssl verify -CAfile " +
                           (world.server().dir() / "ca" / "ca.crt").string();
  CHECK(std::system((base + " -vfyopt distid:1234567812345678 " + (dir / "renewed.pem").string() +
                     " > /dev/null 2>&1")
                        .c_str()) == 0);
  CHECK(std::system(
            (base + " -vfyopt distid:0000 " + (dir / "renewed.pem").string() + " > /dev/null 2>&1")
                .c_str()) != 0);
}

TEST_CASE(
    "with the delete policy the old SKF container goes: SKF deletes a certificate only with "
    "its key") {
  CliWorld world({.ca_key = "sm2", .demo = true});
  world.set_retire_policy("delete");
  SkfKeys keys;
  const auto old = set_up_skf(world, keys);

  CHECK(renew(world).json()["old_retired"] == true);
  const auto containers = keys.device(kSerial)["applications"][0]["containers"];
  REQUIRE(containers.size() == 1);
  CHECK(containers[0]["name"] != "enrolled");
  const auto renewed =
      x509::parse_certificate(from_hex(containers[0]["sign_cert"].get<std::string>()));
  CHECK(renewed.subject.same_as(old.subject));
  CHECK(renewed.public_key.spki_der != old.public_key.spki_der);
  REQUIRE(world.certificates().size() == 1);
  CHECK(world.certificates()[0]["token_id"] == kSerial);
}

TEST_CASE("the delete policy never takes an encryption key pair: a container holding one is kept") {
  CliWorld world({.ca_key = "sm2", .demo = true});
  world.set_retire_policy("delete");
  SkfKeys keys;
  const auto old = set_up_skf(world, keys);
  // A KMC's encryption pair beside the enrolled signing pair, as dual-certificate keys carry.
  json device = keys.device(kSerial);
  const std::string encryption_key = private_key_pem(make_key(KeyKind::sm2).get());
  device["applications"][0]["containers"][0]["enc_key"] = encryption_key;
  keys.write_device(kSerial, device);

  CHECK(renew(world).json()["old_retired"] == false);
  const auto containers = keys.device(kSerial)["applications"][0]["containers"];
  REQUIRE(containers.size() == 2);
  const auto enrolled = std::find_if(containers.begin(), containers.end(),
                                     [](const json& c) { return c["name"] == "enrolled"; });
  REQUIRE(enrolled != containers.end());
  CHECK((*enrolled)["sign_cert"] == to_hex(old.der));
  CHECK((*enrolled)["enc_key"] == encryption_key);
}

TEST_CASE("pin change and pin unblock over SKF: default PIN flagged, PINs never on argv") {
  CliWorld world;
  SkfKeys keys;
  SkfApplication app;
  app.user_pin = CliWorld::kPin;
  app.user_default = true;
  keys.add_key(kSerial, {app});
  world.configure_drivers({{"skf", {{"library", skf_test_double_file().string()}}}});
  world.set_environment({"CERTRENEW_SKF_TESTDOUBLE_DIR=" + keys.devices_dir().string(),
                         "CERTRENEW_SKF_TESTDOUBLE_CONTROL=" + keys.control_file().string()});
  const auto user = [&] { return keys.device(kSerial)["applications"][0]; };

  auto tokens = world.cli({"tokens", "--json"});
  REQUIRE(tokens.rc == 0);
  CHECK(tokens.json()["tokens"][0]["pin"]["default_pin"] == true);
  CHECK(tokens.json()["tokens"][0]["can_unblock_pin"] == true);
  CHECK(world.cli({"tokens"}).out.find("default PIN") != std::string::npos);
  CHECK(world.cli({"tokens"}, {}, "zh-CN").out.find("初始密码") != std::string::npos);

  // No PIN source and no terminal: a usage error, nothing tried.
  CHECK(world.cli({"pin", "change"}).rc == 2);
  CHECK(user()["user_retries_left"] == 6);

  // A wrong current PIN costs one try and changes nothing.
  auto wrong = world.cli({"pin", "change", "--pin-env", "OLD", "--new-pin-env", "NEW"},
                         {"OLD=000000", "NEW=864200"});
  CHECK(wrong.rc == 7);
  CHECK(wrong.err.find("Tries left: 5") != std::string::npos);
  CHECK(user()["user_pin_default"] == true);

  auto changed = world.cli({"pin", "change", "--token", kSerial, "--pin-env",
                            CliWorld::kPinVariable, "--new-pin-env", "NEW"},
                           {"NEW=864200"});
  INFO("stderr: " << changed.err);
  CHECK(changed.rc == 0);
  CHECK(user()["user_pin_default"] == false);
  CHECK(world.cli({"tokens", "--json"}).json()["tokens"][0]["pin"]["default_pin"] == false);

  // Locked: `pin change` refuses before any try; `pin unblock` with the administrator PIN (read
  // from a file descriptor's path) sets a new PIN and all the tries.
  json device = keys.device(kSerial);
  device["applications"][0]["user_retries_left"] = 0;
  keys.write_device(kSerial, device);
  CHECK(
      world.cli({"pin", "change", "--pin-env", "NEW", "--new-pin-env", "NEW"}, {"NEW=864200"}).rc ==
      2);
  const auto admin_file = world.client_dir() / "admin-pin";
  std::ofstream(admin_file) << "wrong-admin\n";
  auto bad_admin =
      world.cli({"pin", "unblock", "--admin-pin-file", admin_file.string(), "--new-pin-env", "NEW"},
                {"NEW=975310"});
  CHECK(bad_admin.rc == 7);
  CHECK(user()["admin_retries_left"] == 9);
  CHECK(user()["user_retries_left"] == 0);
  std::ofstream(admin_file) << app.admin_pin << "\n";
  auto unblocked =
      world.cli({"pin", "unblock", "--admin-pin-file", admin_file.string(), "--new-pin-env", "NEW"},
                {"NEW=975310"});
  INFO("stderr: " << unblocked.err);
  CHECK(unblocked.rc == 0);
  CHECK(user()["user_retries_left"] == 6);
  CHECK(user()["admin_retries_left"] == 10);
  CHECK(world
            .cli({"pin", "change", "--pin-env", "NEW", "--new-pin-env", "NEW2"},
                 {"NEW=975310", "NEW2=112358"})
            .rc == 0);
}
