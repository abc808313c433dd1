// Issue 15, TLS: only TLS 1.2+ with AEAD suites and forward secrecy by default; old protocols get
// the protocol_version alert; suites, groups and the minimum version are configurable. Checked
// with `openssl s_client` against the real server.
#include <doctest/doctest.h>

#include "security_support.hpp"

using namespace certrenew::testing;
using namespace certrenew::testing::security;
using nlohmann::json;

namespace {

// A handshake (and nothing else) with `options`; returns s_client's exit status.
int handshake(const ServerProcess& s, const std::string& options, std::string* out) {
  return shell("timeout 20 openssl s_client -connect 127.0.0.1:" + std::to_string(s.port()) +
                   " -servername localhost -CAfile '" + s.tls_root().string() + "' " + options,
               out);
}

}  // namespace

TEST_CASE("TLS 1.0 and 1.1 handshakes fail with the protocol_version alert") {
  ServerProcess s;
  std::string out;
  // SECLEVEL=0 lets the client offer the old protocols at all; the server must refuse them.
  for (const char* version : {"-tls1", "-tls1_1"}) {
    CAPTURE(version);
    CHECK(handshake(s, std::string(version) + " -cipher DEFAULT@SECLEVEL=0", &out) != 0);
    CHECK_MESSAGE(out.find("alert protocol version") != std::string::npos, out);
    CHECK(out.find("internal error") == std::string::npos);
  }
}

TEST_CASE("TLS 1.2 refuses CBC-SHA and non-forward-secret suites, accepts ECDHE AEAD") {
  ServerProcess s;
  std::string out;
  for (const char* suite : {"ECDHE-ECDSA-AES128-SHA", "ECDHE-ECDSA-AES256-SHA384",
                            "ECDHE-ECDSA-AES128-SHA256", "AES128-GCM-SHA256", "AES128-SHA"}) {
    CAPTURE(suite);
    CHECK(handshake(s, std::string("-tls1_2 -cipher ") + suite + "@SECLEVEL=0", &out) != 0);
    CHECK_MESSAGE(out.find("alert handshake failure") != std::string::npos, out);
  }
  CHECK_MESSAGE(handshake(s, "-tls1_2 -cipher ECDHE-ECDSA-AES128-GCM-SHA256", &out) == 0, out);
  CHECK(out.find("ECDHE-ECDSA-AES128-GCM-SHA256") != std::string::npos);
  CHECK_MESSAGE(handshake(s, "-tls1_3", &out) == 0, out);
  CHECK(out.find("TLSv1.3") != std::string::npos);
}

TEST_CASE("minimum version, suites and groups come from the config") {
  ServerProcess s;
  s.reconfigure([](json& c) {
    c["tls"]["min_version"] = "1.3";
    c["tls"]["groups"] = "P-384";
  });
  std::string out;
  CHECK(handshake(s, "-tls1_2", &out) != 0);
  CHECK_MESSAGE(out.find("alert protocol version") != std::string::npos, out);
  CHECK(handshake(s, "-tls1_3 -groups P-256", &out) != 0);  // not an offered group
  CHECK_MESSAGE(handshake(s, "-tls1_3 -groups P-384", &out) == 0, out);
  // The API still works over it.
  CHECK(s.get("/api/v1/info").status == 200);
}

TEST_CASE("a cipher list that leaves nothing usable keeps the server from starting") {
  ServerProcess s;
  CHECK_THROWS_WITH(s.reconfigure([](json& c) { c["tls"]["ciphers"] = "NO-SUCH-SUITE"; }),
                    doctest::Contains("tls.ciphers"));
}
