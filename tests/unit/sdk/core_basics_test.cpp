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

TEST_CASE("base64 matches RFC 4648 vectors and refuses bad text") {
  CHECK(to_base64(as_bytes("")) == "");
  CHECK(to_base64(as_bytes("f")) == "Zg==");
  CHECK(to_base64(as_bytes("fo")) == "Zm8=");
  CHECK(to_base64(as_bytes("foobar")) == "Zm9vYmFy");
  CHECK(from_base64("Zg==") == Bytes{'f'});
  CHECK(from_base64("Zm8=") == Bytes{'f', 'o'});
  CHECK(from_base64("Zm9vYmFy") == Bytes{'f', 'o', 'o', 'b', 'a', 'r'});
  Bytes binary{0x00, 0xff, 0xfe, 0x10, 0x80};
  CHECK(from_base64(to_base64(binary)) == binary);
  CHECK_THROWS_AS(from_base64("Zg="), std::invalid_argument);
  CHECK_THROWS_AS(from_base64("Z g="), std::invalid_argument);
  CHECK_THROWS_AS(from_base64("Zm9v\nYmFy"), std::invalid_argument);
  CHECK_THROWS_AS(from_base64("Zm=v"), std::invalid_argument);
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

TEST_CASE("the version comes from the build") {
  CHECK(!version().empty());
}
