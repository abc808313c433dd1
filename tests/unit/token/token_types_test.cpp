// The key types and signature algorithms as the token layer names and pairs them, and the lookup
// table they are written in (certrenew/core/lookup_table.hpp).
#include "certrenew/core/token/token_types.hpp"

#include <doctest/doctest.h>

#include <array>
#include <string_view>
#include <utility>

#include "certrenew/core/lookup_table.hpp"
#include "certrenew/core/token/token_error.hpp"

using namespace certrenew;
using token::KeyType;

namespace {

enum class Colour { red, green, blue };

constexpr auto kColourCodes = std::to_array<std::pair<Colour, std::string_view>>({
    {Colour::red, "red"},
    {Colour::green, "green"},
    {Colour::red, "crimson"},  // a second name for red: lookup gives the first
});

}  // namespace

TEST_CASE("a lookup table reads both ways, the first matching row winning") {
  CHECK(lookup(kColourCodes, Colour::green) == "green");
  CHECK(lookup(kColourCodes, Colour::red) == "red");
  CHECK_FALSE(lookup(kColourCodes, Colour::blue).has_value());
  CHECK(lookup_key(kColourCodes, "crimson") == Colour::red);
  CHECK(lookup_key(kColourCodes, std::string("green")) == Colour::green);
  CHECK_FALSE(lookup_key(kColourCodes, "Red").has_value());
  static_assert(lookup(kColourCodes, Colour::green) == std::string_view("green"));
}

TEST_CASE("each signature algorithm has its key type, its code, and comes back from the key type") {
  const std::array algorithms = {SignatureAlgorithm::rsa_pkcs1_sha256,
                                 SignatureAlgorithm::ecdsa_p256_sha256,
                                 SignatureAlgorithm::sm2_sm3};
  const std::array codes = {"rsa-pkcs1-sha256", "ecdsa-p256-sha256", "sm2-sm3"};
  const std::array types = {KeyType::rsa, KeyType::ec_p256, KeyType::sm2};
  const std::array names = {"RSA", "EC P-256", "SM2"};
  for (std::size_t i = 0; i < algorithms.size(); ++i) {
    CAPTURE(i);
    CHECK(token::to_string(algorithms[i]) == codes[i]);
    CHECK(token::key_type_for(algorithms[i]) == types[i]);
    CHECK(token::signature_algorithm_for(types[i]) == algorithms[i]);
    CHECK(token::to_string(types[i]) == names[i]);
  }
  CHECK(token::to_string(KeyType::unknown) == "unknown");
  CHECK_THROWS_AS(token::signature_algorithm_for(KeyType::unknown), token::TokenError);
}
