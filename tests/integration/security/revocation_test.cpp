// Issue 15, revocation: superseded certificates are revoked by policy and the built-in CA
// publishes a CRL at the distribution point its certificates name, checked with openssl.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>

#include "certrenew/core/x509/certificate.hpp"
#include "security_support.hpp"

using namespace certrenew;
using namespace certrenew::testing;
using namespace certrenew::testing::security;
using nlohmann::json;

namespace {

// The CRL distribution point URI in a certificate, from openssl's own reading of it.
std::string crl_url_of(const std::filesystem::path& pem) {
  std::string out;
  REQUIRE(shell("openssl x509 -in '" + pem.string() + "' -noout -ext crlDistributionPoints",
                &out) == 0);
  auto at = out.find("URI:");
  REQUIRE_MESSAGE(at != std::string::npos, out);
  auto end = out.find_first_of("\r\n", at);
  return out.substr(at + 4, end - at - 4);
}

// GETs the CRL at the path of `url` from the server (over its HTTPS) into `file` (PEM).
void fetch_crl(const ServerProcess& s, const std::string& url, const std::filesystem::path& file) {
  const std::string path = url.substr(url.find('/', url.find("://") + 3));
  auto res = s.client()->Get(path.c_str());
  REQUIRE(res);
  REQUIRE(res->status == 200);
  CHECK(res->get_header_value("Content-Type") == "application/pkix-crl");
  const std::filesystem::path der = file.string() + ".der";
  std::ofstream(der, std::ios::binary) << res->body;
  std::string out;
  REQUIRE_MESSAGE(
      shell("openssl crl -inform DER -in '" + der.string() + "' -out '" + file.string() + "'",
            &out) == 0,
      out);
}

// A port nothing listens on: bound to port 0, read, and closed.
int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  socklen_t len = sizeof addr;
  REQUIRE(getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
  close(fd);
  return ntohs(addr.sin_port);
}

struct Renewed {
  Submitted app;
  std::filesystem::path old_pem, new_pem;
  std::string old_serial;
};

Renewed renew_and_install(const ServerProcess& s, const std::filesystem::path& work) {
  Applicant a = Applicant::of(s);
  Renewed r{submit(s, a), work / "old.pem", work / "new.pem",
            x509::parse_certificate(a.old_cert_der).serial_hex};
  pay_and_approve(s, r.app);
  write_pem_certificate(r.old_pem, a.old_cert_der);
  write_pem_certificate(r.new_pem, download(s, r.app));
  REQUIRE(s.post(kApps + "/" + r.app.business_no + "/installed", nullptr, r.app.token).status ==
          200);
  return r;
}

}  // namespace

TEST_CASE("on_install (default): the superseded certificate is on the CRL; openssl agrees") {
  ServerProcess s;
  TempDir work;
  const std::string ca = (s.dir() / "ca" / "ca.crt").string();
  Renewed r = renew_and_install(s, work.path());

  // The renewed certificate names the CRL; the service serves it there.
  const std::string url = crl_url_of(r.new_pem);
  CHECK(url.find("/crl/ca.crl") != std::string::npos);
  const auto crl = work.path() / "ca.crl.pem";
  fetch_crl(s, url, crl);

  std::string out;
  CHECK_MESSAGE(
      shell("openssl crl -in '" + crl.string() + "' -CAfile '" + ca + "' -noout", &out) == 0, out);
  CHECK(out.find("verify OK") != std::string::npos);
  REQUIRE(shell("openssl crl -in '" + crl.string() + "' -noout -text", &out) == 0);
  CHECK(out.find("Serial Number: " + r.old_serial) != std::string::npos);
  CHECK(out.find("Superseded") != std::string::npos);
  CHECK(out.find("X509v3 CRL Number") != std::string::npos);

  // openssl verify with the CRL: the old certificate is revoked, the new one is good.
  const std::string verify =
      "openssl verify -crl_check -CAfile '" + ca + "' -CRLfile '" + crl.string() + "' ";
  CHECK(shell(verify + "'" + r.old_pem.string() + "'", &out) != 0);
  CHECK_MESSAGE(out.find("certificate revoked") != std::string::npos, out);
  CHECK_MESSAGE(shell(verify + "'" + r.new_pem.string() + "'", &out) == 0, out);

  // The same CRL is kept as a file for publication elsewhere.
  CHECK(std::filesystem::file_size(s.dir() / "crl" / "ca.crl") > 0);
}

TEST_CASE("the CRL is regenerated on change, with a higher CRL number") {
  ServerProcess s;
  TempDir work;
  std::string out;
  auto number = [&](const std::filesystem::path& crl) {
    REQUIRE(shell("openssl crl -in '" + crl.string() + "' -noout -crlnumber", &out) == 0);
    return out.substr(out.find('=') + 1);
  };
  const std::string url = "https://127.0.0.1/crl/ca.crl";
  fetch_crl(s, url, work.path() / "before.pem");
  REQUIRE(shell("openssl crl -in '" + (work.path() / "before.pem").string() + "' -noout -text",
                &out) == 0);
  CHECK(out.find("No Revoked Certificates") != std::string::npos);
  const std::string before = number(work.path() / "before.pem");
  fetch_crl(s, url, work.path() / "same.pem");
  CHECK(number(work.path() / "same.pem") == before);  // nothing changed: the same CRL

  renew_and_install(s, work.path());
  fetch_crl(s, url, work.path() / "after.pem");
  CHECK(number(work.path() / "after.pem") != before);
  REQUIRE(shell("openssl crl -in '" + (work.path() / "after.pem").string() + "' -noout -text",
                &out) == 0);
  CHECK(out.find("Superseded") != std::string::npos);
}

TEST_CASE("revoke_superseded at_expiry and never: not listed now, still never renewed twice") {
  for (const char* policy : {"at_expiry", "never"}) {
    CAPTURE(policy);
    ServerProcess s;
    s.reconfigure([&](json& c) { c["policy"]["revoke_superseded"] = policy; });
    TempDir work;
    Applicant a = Applicant::of(s);
    Submitted app = submit(s, a);
    pay_and_approve(s, app);
    REQUIRE(s.post(kApps + "/" + app.business_no + "/installed", nullptr, app.token).status == 200);
    fetch_crl(s, "https://127.0.0.1/crl/ca.crl", work.path() / "crl.pem");
    std::string out;
    REQUIRE(shell("openssl crl -in '" + (work.path() / "crl.pem").string() + "' -noout -text",
                  &out) == 0);
    CHECK(out.find("No Revoked Certificates") != std::string::npos);
    Applicant again = Applicant::of(s);
    again.old_key = std::move(a.old_key);
    again.old_cert_der = a.old_cert_der;
    auto r = s.post(kApps, again.body(again.content(s)));
    CHECK(r.status == 409);
    CHECK(code_of(r) == "already_renewed");
  }
}

TEST_CASE("an unknown revoke_superseded value keeps the server from starting") {
  ServerProcess s;
  CHECK_THROWS_WITH(s.reconfigure([](json& c) { c["policy"]["revoke_superseded"] = "sometimes"; }),
                    doctest::Contains("revoke_superseded"));
}

TEST_CASE("an SM2 CA signs its CRL with SM2") {
  ServerProcess s({.ca_key = "sm2"});
  TempDir work;
  fetch_crl(s, "https://127.0.0.1/crl/ca.crl", work.path() / "crl.pem");
  std::string out;
  REQUIRE(shell("openssl crl -in '" + (work.path() / "crl.pem").string() + "' -noout -text",
                &out) == 0);
  CHECK(out.find("SM2-with-SM3") != std::string::npos);
}

TEST_CASE("the CRL is served over plain HTTP at the distribution point: openssl -crl_download") {
  const int crl_port = free_port();
  const std::string url = "http://127.0.0.1:" + std::to_string(crl_port) + "/pki/demo-ca.crl";
  ServerProcess s;
  s.reconfigure([&](json& c) {
    c["crl"]["url"] = url;
    c["crl"]["http_listen"] = "127.0.0.1:" + std::to_string(crl_port);
  });
  TempDir work;
  Renewed r = renew_and_install(s, work.path());
  CHECK(crl_url_of(r.new_pem) == url);
  const std::string ca = (s.dir() / "ca" / "ca.crt").string();
  std::string out;
  // openssl fetches the CRL itself from the URL in the certificate.
  CHECK_MESSAGE(shell("timeout 30 openssl verify -crl_check -crl_download -CAfile '" + ca + "' '" +
                          r.new_pem.string() + "'",
                      &out) == 0,
                out);
  // The old certificate has no distribution point (it predates the setting): fetch it by hand.
  httplib::Client http("127.0.0.1", crl_port);
  auto res = http.Get("/pki/demo-ca.crl");
  REQUIRE(res);
  CHECK(res->status == 200);
  std::ofstream(work.path() / "crl.der", std::ios::binary) << res->body;
  CHECK(
      shell("openssl crl -inform DER -in '" + (work.path() / "crl.der").string() + "' -noout -text",
            &out) == 0);
  CHECK_MESSAGE(out.find("Serial Number: " + r.old_serial) != std::string::npos, out);
  // Nothing but the CRL is served over plain HTTP.
  auto api = http.Get("/api/v1/info");
  REQUIRE(api);
  CHECK(api->status == 404);
}
