// Issue 21 (kmc): the dual-certificate block of StoreTx on both backends, and the KMC's escrow
// (AES-256-GCM under the master key, bound to its application and certificate).
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <cstdlib>
#include <fstream>

#include "issuers/kmc/key_escrow.hpp"
#include "store_backends.hpp"
#include "store_samples.hpp"

using namespace certrenew;
using namespace certrenew::server;
using namespace certrenew::server::testing;

namespace {

// An approved application of its own certificate.
ApplicationRecord approved(const std::string& business_no) {
  return sample_application(business_no, "serial-" + business_no, "approved");
}

EscrowedKeyRecord escrowed(std::string serial, std::int64_t application_id, Blob subject) {
  return {std::move(serial),  application_id, std::move(subject), Blob{0x30, 0x01},
          "00112233aabbccdd", Blob{1, 2, 3},  Blob{4, 5, 6},      1'790'000'100};
}

}  // namespace

TEST_CASE_TEMPLATE("escrowed keys, encryption requests and recoveries are stored once each", Db,
                   BACKENDS) {
  OPEN_STORE_OR_SKIP(Db, db, store);
  std::int64_t first = 0, second = 0;
  const Blob subject{0x30, 0x05, 0x31, 0x03, 0x02, 0x01, 0x07};
  store->transact([&](StoreTx& tx) {
    first = tx.insert_application(approved("01202609210000001"));
    second = tx.insert_application(approved("01202609210000002"));
    CHECK_FALSE(tx.encryption_request(first).has_value());
    tx.put_encryption_request(first, Blob{9, 9}, 1'790'000'000);
    CHECK(tx.encryption_request(first) == Blob{9, 9});
    CHECK_FALSE(tx.escrowed_key_of(first).has_value());
    tx.put_escrowed_key(escrowed("0A", first, subject));
  });
  // One escrowed key per serial and per application; one encryption request per application.
  CHECK_THROWS_AS(
      store->transact([&](StoreTx& tx) { tx.put_escrowed_key(escrowed("0A", second, subject)); }),
      StoreConflict);
  CHECK_THROWS_AS(
      store->transact([&](StoreTx& tx) { tx.put_escrowed_key(escrowed("0B", first, subject)); }),
      StoreConflict);
  CHECK_THROWS_AS(
      store->transact([&](StoreTx& tx) { tx.put_encryption_request(first, Blob{1}, 1); }),
      StoreConflict);
  store->transact([&](StoreTx& tx) {
    tx.put_escrowed_key(escrowed("0B", second, subject));
    tx.put_escrowed_key(escrowed("0C", tx.insert_application(approved("01202609210000004")),
                                 Blob{0x30, 0x00}));  // another holder
  });
  store->transact([&](StoreTx& tx) {
    const auto k = tx.escrowed_key("0A");
    REQUIRE(k.has_value());
    CHECK(k->application_id == first);
    CHECK(k->subject_der == subject);
    CHECK(k->sealed_private_key == Blob{1, 2, 3});
    CHECK(k->envelope == Blob{4, 5, 6});
    CHECK(k->master_key_id == "00112233aabbccdd");
    CHECK(tx.escrowed_key_of(second)->serial_hex == "0B");
    const auto same_holder = tx.escrowed_keys_for_subject(subject);
    REQUIRE(same_holder.size() == 2);
    CHECK(same_holder[0].serial_hex == "0A");
    CHECK_FALSE(tx.escrowed_key("0D").has_value());

    CHECK(tx.add_key_recovery({second, "0A", Blob{7}, "operator:kmc", 1'790'000'200}));
    CHECK_FALSE(tx.add_key_recovery({second, "0A", Blob{8}, "operator:other", 1'790'000'300}));
    const auto recovered = tx.key_recoveries(second);
    REQUIRE(recovered.size() == 1);
    CHECK(recovered[0].envelope == Blob{7});  // the second call changed nothing
    CHECK(recovered[0].recovered_by == "operator:kmc");
    CHECK(tx.key_recoveries(first).empty());
  });
}

TEST_CASE_TEMPLATE("an escrowed key cannot be deleted", Db, BACKENDS) {
  OPEN_STORE_OR_SKIP(Db, db, store);
  store->transact([&](StoreTx& tx) {
    const auto id = tx.insert_application(approved("01202609210000003"));
    tx.put_escrowed_key(escrowed("0E", id, Blob{0x30, 0x00}));
  });
  CHECK_THROWS(db.exec("DELETE FROM escrowed_keys"));
  store->transact([&](StoreTx& tx) { CHECK(tx.escrowed_key("0E").has_value()); });
}

TEST_CASE("the escrow opens only under its master key and for what it was bound to") {
  const Blob master(32, 0x42), other(32, 0x43);
  const KeyEscrow escrow(master);
  const Blob secret{'p', 'r', 'i', 'v', 'a', 't', 'e'};
  const Blob sealed = escrow.seal(secret, "application:1|certificate:0A");
  CHECK(sealed.size() == 12 + secret.size() + 16);
  CHECK(std::search(sealed.begin(), sealed.end(), secret.begin(), secret.end()) == sealed.end());
  CHECK(escrow.seal(secret, "application:1|certificate:0A") != sealed);  // a fresh nonce

  const auto opened = escrow.open(sealed, "application:1|certificate:0A");
  CHECK(Blob(opened.bytes().begin(), opened.bytes().end()) == secret);
  CHECK_THROWS_AS(escrow.open(sealed, "application:2|certificate:0A"), EscrowError);
  CHECK_THROWS_AS(KeyEscrow(other).open(sealed, "application:1|certificate:0A"), EscrowError);
  Blob flipped = sealed;
  flipped[14] ^= 1;
  CHECK_THROWS_AS(escrow.open(flipped, "application:1|certificate:0A"), EscrowError);
  CHECK_THROWS_AS(escrow.open(Blob(20, 0), "x"), EscrowError);
  CHECK(escrow.key_id() == KeyEscrow(master).key_id());
  CHECK(escrow.key_id() != KeyEscrow(other).key_id());
  CHECK(escrow.key_id().size() == 16);
  CHECK_THROWS_AS(KeyEscrow(Blob(31, 0)), std::invalid_argument);
}

TEST_CASE("the master key comes from an owner-only file or a variable, never anything else") {
  SqliteDb dir;  // only for its temporary folder
  const auto file = dir.dir / "secrets" / "kmc-master.key";
  KeyEscrow::create_master_key_file(file);
  struct stat st {};
  REQUIRE(::stat(file.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK_THROWS(KeyEscrow::create_master_key_file(file));  // never overwritten

  KmcConfig config;
  config.enabled = true;
  config.master_key_file = file;
  const std::string id = KeyEscrow::load(config).key_id();
  CHECK(id.size() == 16);

  std::filesystem::permissions(file, std::filesystem::perms::group_read,
                               std::filesystem::perm_options::add);
  CHECK_THROWS_WITH(KeyEscrow::load(config),
                    doctest::Contains("readable by others; make it owner-only"));
  std::filesystem::permissions(
      file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  std::ofstream(file) << "not hex at all\n";
  CHECK_THROWS_WITH(KeyEscrow::load(config), doctest::Contains("64 hex digits"));

  KmcConfig from_env;
  from_env.enabled = true;
  from_env.master_key_env = "CERTRENEW_TEST_KMC_MASTER_KEY";
  ::unsetenv(from_env.master_key_env.c_str());
  CHECK_THROWS_WITH(KeyEscrow::load(from_env), doctest::Contains("is not set"));
  ::setenv(from_env.master_key_env.c_str(), std::string(64, 'a').c_str(), 1);
  CHECK(KeyEscrow::load(from_env).key_id() == KeyEscrow(Blob(32, 0xaa)).key_id());
  ::setenv(from_env.master_key_env.c_str(), std::string(62, 'a').c_str(), 1);
  CHECK_THROWS_WITH(KeyEscrow::load(from_env), doctest::Contains("64 hex digits"));
  ::unsetenv(from_env.master_key_env.c_str());
}

TEST_CASE("config.kmc: one master key source, a known policy, nothing else") {
  using nlohmann::json;
  const std::filesystem::path base = "/srv/ca";
  CHECK_FALSE(KmcConfig::from_json(nullptr, base).enabled);
  const auto c = KmcConfig::from_json({{"master_key_file", "secrets/m.key"}}, base);
  CHECK(c.enabled);
  CHECK(c.master_key_file == base / "secrets/m.key");
  CHECK(c.dual_certificates == DualCertificatePolicy::when_present);
  CHECK(KmcConfig::from_json({{"master_key_env", "X"}, {"dual_certificates", "always-sm2"}}, base)
            .dual_certificates == DualCertificatePolicy::always_sm2);
  CHECK_THROWS_WITH(KmcConfig::from_json(json::object(), base),
                    doctest::Contains("either master_key_file or master_key_env"));
  CHECK_THROWS_WITH(KmcConfig::from_json({{"master_key_file", "a"}, {"master_key_env", "X"}}, base),
                    doctest::Contains("not both"));
  CHECK_THROWS_WITH(
      KmcConfig::from_json({{"master_key_env", "X"}, {"dual_certificates", "sometimes"}}, base),
      doctest::Contains("config.kmc.dual_certificates"));
  CHECK_THROWS_WITH(KmcConfig::from_json({{"master_key_env", "X"}, {"master_key", "00"}}, base),
                    doctest::Contains("config.kmc.master_key: unknown key"));
  CHECK_THROWS_WITH(KmcConfig::from_json(json::array(), base),
                    doctest::Contains("expected an object"));
}
