#include <doctest/doctest.h>

#include <stdexcept>

#include "certrenew/core/bytes.hpp"
#include "certrenew/core/secure_buffer.hpp"
#include "certrenew/core/version.hpp"

using namespace certrenew;

TEST_CASE("hex round trip and refusal of bad text") {
  Bytes b{0x00, 0x01, 0xab, 0xff};
  CHECK(to_hex(b) == "0001abff");
  CHECK(from_hex("0001ABff") == b);
  CHECK(from_hex("").empty());
  CHECK_THROWS_AS(from_hex("abc"), std::invalid_argument);
  CHECK_THROWS_AS(from_hex("zz"), std::invalid_argument);
}

TEST_CASE("SecureBuffer keeps, edits, moves and clears a secret") {
  SecureBuffer pin("1234");
  CHECK(pin.view() == "1234");
  for (char c : std::string_view("5678901234567890123456789012345678901234567890123456789012345"))
    pin.push_back(c);  // crosses at least one reallocation
  CHECK(pin.size() == 65);
  CHECK(pin.view().substr(0, 8) == "12345678");
  pin.pop_back();
  CHECK(pin.size() == 64);
  SecureBuffer moved(std::move(pin));
  CHECK(moved.size() == 64);
  CHECK(pin.empty());  // NOLINT(bugprone-use-after-move): a moved-from buffer is defined empty
  moved.clear();
  CHECK(moved.empty());
}

TEST_CASE("the version comes from the build") { CHECK(!version().empty()); }
