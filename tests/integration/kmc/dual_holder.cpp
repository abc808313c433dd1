#include "dual_holder.hpp"

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <iterator>

#include "ca/authority.hpp"
#include "certrenew/core/pki/sm2_envelope.hpp"
#include "certrenew/core/protocol/json_field.hpp"
#include "run_program.hpp"
#include "service/audit_trail.hpp"
#include "storage/store.hpp"

namespace certrenew::testing {

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

void write_file(const fs::path& file, const std::string& text) {
  std::ofstream(file, std::ios::binary) << text;
}

std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace

DualHolder DualHolder::of(const ServerProcess& server) {
  DualHolder h{Applicant::of(server, KeyKind::sm2), {}};
  // What the CA's KMC issued with the current signing certificate (the key stays with the test:
  // the holder's token has it).
  auto ca = server::CertificateAuthority::load(server.dir() / "ca" / "ca.crt",
                                               server.dir() / "ca" / "ca.key");
  EvpKey key = make_key(KeyKind::sm2);
  h.encryption_cert_der = ca.issue_encryption_certificate(h.applicant.old_cert_der, key.get());
  return h;
}

std::string DualHolder::encryption_pem() const {
  return protocol::certificate_pem(encryption_cert_der);
}

json DualHolder::content(const ServerProcess& server) const {
  json c = applicant.content(server, 12);
  c["encryption_certificate"] = encryption_pem();
  return c;
}

json download_answer(const ServerProcess& server, const Submitted& app) {
  auto r = server.get(kApps + "/" + app.business_no + "/certificate", app.token);
  REQUIRE_MESSAGE(r.status == 200, r.body.dump());
  return r.body;
}

protocol::DualCertificateDownload dual_part(const json& answer) {
  return protocol::decode_dual_certificate_download(protocol::Field(answer));
}

LostToken lost_token(const ServerProcess& server) {
  LostToken t{DualHolder::of(server), {}, {}, {}, {}};
  t.first = submit(server, t.holder.applicant, t.holder.content(server));
  pay_and_approve(server, t.first, kDualFee);
  const auto issued = dual_part(download_answer(server, t.first));
  REQUIRE(issued.encryption.has_value());
  t.escrowed_serial = issued.encryption->certificate.serial_hex;
  t.fresh = Applicant::of(server, KeyKind::sm2);
  t.second = submit(server, t.fresh, t.fresh.content(server, 12));
  pay_by_transfer(server, t.second, kDualFee);
  return t;
}

ossl::EvpPkeyPtr open_envelope(const Bytes& envelope, EVP_PKEY* signing_private_key) {
  return pki::open_sm2_envelope(pki::decode_sm2_enveloped_key(envelope), signing_private_key);
}

bool is_key_of(EVP_PKEY* key, const Bytes& certificate_der) {
  const auto cert = server::parse_certificate_der(certificate_der);
  return EVP_PKEY_eq(key, X509_get0_pubkey(cert.get())) == 1;
}

int openssl_verify(const ServerProcess& server, const Bytes& certificate_der, std::string* out) {
  const fs::path file =
      server.dir() / ("verify-" + std::to_string(certificate_der.size()) + ".pem");
  write_file(file, protocol::certificate_pem(certificate_der));
  return run_program({"/usr/bin/openssl", "verify", "-vfyopt", "distid:1234567812345678", "-CAfile",
                      (server.dir() / "ca" / "ca.crt").string(), file.string()},
                     out);
}

std::string sealed_and_opened(const ServerProcess& server, const Bytes& certificate_der,
                              EVP_PKEY* private_key, const std::string& message) {
  const fs::path cert = server.dir() / "bid-recipient.pem";
  const fs::path plain = server.dir() / "bid.txt";
  const fs::path sealed = server.dir() / "bid.sealed";
  write_file(cert, protocol::certificate_pem(certificate_der));
  write_file(plain, message);
  std::string out;
  REQUIRE_MESSAGE(run_program({"/usr/bin/openssl", "pkeyutl", "-encrypt", "-certin", "-inkey",
                               cert.string(), "-in", plain.string(), "-out", sealed.string()},
                              &out) == 0,
                  out);
  const std::string c = read_file(sealed);
  ossl::EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new(private_key, nullptr));
  std::size_t n = 0;
  const auto* in = reinterpret_cast<const unsigned char*>(c.data());
  if (!ctx || EVP_PKEY_decrypt_init(ctx.get()) != 1 ||
      EVP_PKEY_decrypt(ctx.get(), nullptr, &n, in, c.size()) != 1)
    return "(cannot decrypt)";
  std::string result(n, '\0');
  if (EVP_PKEY_decrypt(ctx.get(), reinterpret_cast<unsigned char*>(result.data()), &n, in,
                       c.size()) != 1)
    return "(does not decrypt)";
  result.resize(n);
  return result;
}

std::string operator_with_role(const ServerProcess& server, const std::string& name,
                               const std::string& role) {
  const std::string config = "'" + server.config_file().string() + "'";
  const fs::path token = server.dir() / (name + ".token");
  std::string out;
  REQUIRE_MESSAGE(run_server_command("operator --config " + config + " add " + name + " --role " +
                                         role + " <<'EOF'\nlong enough pw\nEOF",
                                     &out) == 0,
                  out);
  REQUIRE_MESSAGE(run_server_command("operator --config " + config + " token " + name + " --out '" +
                                         token.string() + "'",
                                     &out) == 0,
                  out);
  std::string text = read_file(token);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

server::AuditEntry only_audit_entry_of(const ServerProcess& server, const std::string& action) {
  std::vector<server::AuditEntry> out;
  auto store = server::open_sqlite_store(server.dir() / "server.db");
  store->transact([&](server::StoreTx& tx) {
    for (const auto& e : tx.console().audit_entries_after(0, 1000))
      if (e.action == action) out.push_back(e);
    CHECK(server::verify_audit_chain(tx.console()).intact);
  });
  CAPTURE(action);
  REQUIRE(out.size() == 1);
  return out.front();
}

std::size_t count_where(const nlohmann::json& list, const std::string& field,
                        const std::string& value) {
  return static_cast<std::size_t>(
      std::count_if(list.begin(), list.end(),
                    [&](const nlohmann::json& e) { return e.value(field, "") == value; }));
}

}  // namespace certrenew::testing
