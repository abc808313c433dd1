#pragma once
// The world of the CMP issuer's tests (issue 22): an existing CA with its CMP server's and the
// RA's certificates, the applicant whose renewal the CA issues (the mock's canned answer), and
// the steps that take an application through a real certrenew-server configured for CMP.

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "ca/authority.hpp"
#include "cmp_mock_server.hpp"
#include "security_support.hpp"

namespace certrenew::testing::cmp {

struct CmpWorld {
  std::filesystem::path dir;
  server::CertificateAuthority ca;
  Applicant applicant;

  explicit CmpWorld(const std::filesystem::path& folder);
  void end_entity(const std::string& name, const std::string& cn);
  // A TLS server certificate <name>.crt/.key from the world's CA for `dns_name`.
  void tls_server(const std::string& name, const std::string& dns_name);
  CmpMockServer::Options mock() const;
  // config.json's "issuer" for the mock; retries after 1 s so tests see them.
  nlohmann::json issuer(const CmpMockServer& m) const;
};

server::CertificateAuthority::EndEntityProfile profile_named(const std::string& cn);
// OpenSSL 3.0's mock server takes a kur (and an rr) only for the certificate it answers with: it
// matches the request's old certificate (issuer and serial) against -rsp_cert. So the canned
// renewal carries the old certificate's serial here, which a real CA would never reuse.
void answer_with_old_serial(const CmpWorld& w);
std::filesystem::path world_dir(const ServerProcess& s);
void use_issuer(ServerProcess& s, const nlohmann::json& issuer);
// Pays; returns the operator's approval answer.
ServerProcess::Reply apply_and_approve(const ServerProcess& s, const Submitted& app);
// The issuer's job runs after approval: waits (polling, bounded at 60 s) until the applicant's
// view has the certificate ready (true) or the application is back under review (false).
bool wait_for_issuance(const ServerProcess& s, const Submitted& app);
// Waits (bounded at 60 s) until the application has an event of `kind`; true when it came.
bool wait_for_event(const ServerProcess& s, const Submitted& app, const std::string& kind);
// The operator's view's events, oldest first.
nlohmann::json events_of(const ServerProcess& s, const Submitted& app);
// Confirms the installation (REQUIREs 200, completed).
void install(const ServerProcess& s, const Submitted& app);
// The certificate verifies against the existing CA, keeps the old subject and comes with the
// existing CA's chain.
void check_renewed(const ServerProcess& s, const CmpWorld& w, const Submitted& app);

}  // namespace certrenew::testing::cmp
