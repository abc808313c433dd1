// Issuer chains for display: ordered by names and key identifiers, never looping.
#include "certrenew/core/x509/chain.hpp"

#include <doctest/doctest.h>

#include <chrono>

#include "test_pki.hpp"

using namespace certrenew::x509;
using namespace std::chrono;
namespace tp = certrenew::testing;

namespace {

tp::CertSpec named(const std::string& cn, bool ca) {
  tp::CertSpec spec;
  spec.subject = {{"C", "CN"}, {"O", "测试"}, {"CN", cn}};
  spec.not_before = sys_days{2020y / January / 1};
  spec.not_after = sys_days{2030y / January / 1};
  spec.is_ca = ca;
  return spec;
}

Certificate model(const tp::X509Ptr& cert) {
  return parse_certificate(tp::cert_der(cert.get()));
}

std::vector<std::string> common_names(const std::vector<Certificate>& chain) {
  std::vector<std::string> out;
  for (const auto& c : chain) out.push_back(c.subject.first("CN"));
  return out;
}

}  // namespace

TEST_CASE("leaf, intermediate and root are put in order from a shuffled pool") {
  tp::EvpKey root_key = tp::make_key(tp::KeyKind::ec_p256);
  tp::EvpKey mid_key = tp::make_key(tp::KeyKind::ec_p256);
  tp::EvpKey leaf_key = tp::make_key(tp::KeyKind::ec_p256);
  tp::EvpKey other_key = tp::make_key(tp::KeyKind::ec_p256);
  auto root = tp::issue_cert(named("Root", true), root_key.get(), nullptr, root_key.get());
  auto mid = tp::issue_cert(named("Sub CA", true), mid_key.get(), root.get(), root_key.get());
  auto leaf = tp::issue_cert(named("胡某", false), leaf_key.get(), mid.get(), mid_key.get());
  auto other = tp::issue_cert(named("Other", true), other_key.get(), nullptr, other_key.get());

  const Certificate leaf_model = model(leaf);
  const std::vector<Certificate> pool{model(other), model(root), model(leaf), model(mid)};
  CHECK(common_names(build_chain(leaf_model, pool)) ==
        std::vector<std::string>{"胡某", "Sub CA", "Root"});
  CHECK(names_issuer(model(mid), leaf_model));
  CHECK_FALSE(names_issuer(model(root), leaf_model));

  SUBCASE("a missing intermediate ends the chain at the leaf") {
    const std::vector<Certificate> roots_only{model(root), model(other)};
    CHECK(common_names(build_chain(leaf_model, roots_only)) == std::vector<std::string>{"胡某"});
  }
  SUBCASE("no candidates") {
    CHECK(build_chain(leaf_model, {}).size() == 1);
  }
  SUBCASE("a root alone is a chain of one") {
    CHECK(build_chain(model(root), pool).size() == 1);
  }
}

TEST_CASE("of two CA certificates with the same name, the one with the matching key id is chosen") {
  tp::EvpKey old_key = tp::make_key(tp::KeyKind::ec_p256);
  tp::EvpKey new_key = tp::make_key(tp::KeyKind::ec_p256);
  tp::EvpKey leaf_key = tp::make_key(tp::KeyKind::ec_p256);
  auto old_root = tp::issue_cert(named("Root", true), old_key.get(), nullptr, old_key.get());
  auto new_root = tp::issue_cert(named("Root", true), new_key.get(), nullptr, new_key.get());
  auto leaf = tp::issue_cert(named("leaf", false), leaf_key.get(), new_root.get(), new_key.get());

  const Certificate leaf_model = model(leaf);
  const std::vector<Certificate> pool{model(old_root), model(new_root)};
  const auto chain = build_chain(leaf_model, pool);
  REQUIRE(chain.size() == 2);
  CHECK(chain[1].der == model(new_root).der);
  CHECK_FALSE(names_issuer(model(old_root), leaf_model));
}

TEST_CASE("certificates that name each other as issuer do not loop") {
  tp::EvpKey a_key = tp::make_key(tp::KeyKind::ec_p256);
  tp::EvpKey b_key = tp::make_key(tp::KeyKind::ec_p256);
  auto a_self = tp::issue_cert(named("A", true), a_key.get(), nullptr, a_key.get());
  auto b_by_a = tp::issue_cert(named("B", true), b_key.get(), a_self.get(), a_key.get());
  auto a_by_b = tp::issue_cert(named("A", true), a_key.get(), b_by_a.get(), b_key.get());

  const std::vector<Certificate> pool{model(a_by_b), model(b_by_a)};
  CHECK(common_names(build_chain(model(a_by_b), pool)) == std::vector<std::string>{"A", "B"});
  // With the self-signed A in the pool, the chain ends at it.
  const std::vector<Certificate> with_root{model(a_by_b), model(b_by_a), model(a_self)};
  const auto chain = build_chain(model(a_by_b), with_root);
  CHECK(common_names(chain) == std::vector<std::string>{"A", "B", "A"});
  CHECK(chain.back().self_issued());
}
