#include "dual_token.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <variant>

#include "ca/authority.hpp"
#include "certrenew/core/pki/sm2_envelope.hpp"  // decode_sm2_cipher
#include "certrenew/core/protocol/dual_certificates.hpp"
#include "certrenew/core/token/plugin_host.hpp"
#include "certrenew/core/token/token_context.hpp"
#include "certrenew/core/x509/certificate.hpp"
#include "demo_customer.hpp"
#include "run_program.hpp"
#include "skf_enrollment.hpp"
#include "test_pki.hpp"

namespace certrenew::testing {

namespace fs = std::filesystem;

namespace {

void write_file(const fs::path& file, const Bytes& bytes) {
  std::ofstream(file, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()),
             static_cast<std::streamsize>(bytes.size()));
}

Bytes read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

void openssl(const std::vector<std::string>& args) {
  std::vector<std::string> argv{"/usr/bin/openssl"};
  argv.insert(argv.end(), args.begin(), args.end());
  std::string out;
  REQUIRE_MESSAGE(run_program(argv, &out) == 0, out);
}

server::CertificateAuthority world_ca(const CliWorld& world) {
  const fs::path ca = world.server().dir() / "ca";
  return server::CertificateAuthority::load(ca / "ca.crt", ca / "ca.key");
}

}  // namespace

SealedBid seal_bid_with_openssl(const fs::path& dir, const Bytes& certificate_der,
                                const std::string& text) {
  static int counter = 0;
  const fs::path base = dir / ("bid-" + std::to_string(++counter));
  SealedBid bid;
  bid.plain.assign(text.begin(), text.end());
  bid.plain.resize((bid.plain.size() + 15) / 16 * 16, ' ');  // whole SM4 blocks
  const std::string pem = protocol::certificate_pem(certificate_der);
  std::ofstream(base.string() + ".crt") << pem;
  write_file(base.string() + ".txt", bid.plain);
  openssl({"rand", "-out", base.string() + ".key", "16"});
  const Bytes sm4_key = read_file(base.string() + ".key");
  REQUIRE(sm4_key.size() == 16);
  openssl({"pkeyutl", "-encrypt", "-certin", "-inkey", base.string() + ".crt", "-in",
           base.string() + ".key", "-out", base.string() + ".wrapped"});
  openssl({"enc", "-sm4-ecb", "-nopad", "-K", to_hex(sm4_key), "-in", base.string() + ".txt",
           "-out", base.string() + ".sealed"});
  fs::remove(base.string() + ".key");
  bid.wrapped_key = read_file(base.string() + ".wrapped");
  bid.data = read_file(base.string() + ".sealed");
  REQUIRE(bid.data.size() == bid.plain.size());
  return bid;
}

DualToken::DualToken(CliWorld& world, Holder holder) : world_(world), holder_(holder) {
  enroll(holder == Holder::skf ? "SKF-DUAL-0001" : "", true);
}

void DualToken::enroll(const std::string& skf_serial, bool with_encryption_pair) {
  ++tokens_made_;
  if (holder_ == Holder::softtoken) {
    const server::CertificateAuthority ca = world_ca(world_);
    softtoken_root_ = world_.client_dir() / ("holder-tokens-" + std::to_string(tokens_made_));
    server::CustomerEnrollment e;
    e.key_type = token::KeyType::sm2;
    e.pin_cost = softtoken::KdfCost::fast;
    e.driver_file = CERTRENEW_E2E_SOFTTOKEN;
    serial_ =
        server::enroll_softtoken_customer(softtoken_root_, ca, CliWorld::kPin, e).token_serial;
    world_.configure_drivers({{"softtoken", {{"root", softtoken_root_.string()}}}});
  } else {
    if (!skf_) skf_ = std::make_unique<SkfKeys>();
    SkfApplication app;
    app.user_pin = CliWorld::kPin;
    skf_->add_key(skf_serial, {app});
    enroll_skf_customer(world_.server(), *skf_, skf_serial);
    serial_ = skf_serial;
    world_.configure_drivers({{"skf", {{"library", skf_test_double_file().string()}}}});
    world_.set_environment({"CERTRENEW_SKF_TESTDOUBLE_DIR=" + skf_->devices_dir().string(),
                            "CERTRENEW_SKF_TESTDOUBLE_CONTROL=" + skf_->control_file().string()});
  }
  token::Session s = session();
  const auto objects = s.objects();
  const auto signing = std::find_if(objects.begin(), objects.end(),
                                    [](const auto& o) { return o.certificate && o.key; });
  REQUIRE(signing != objects.end());
  signing_der_ = signing->certificate->der;
  encryption_der_.clear();
  if (!with_encryption_pair) return;
  encryption_der_ = give_encryption_pair(s, world_.server(), signing->id, signing_der_);
}

void DualToken::replace_with_blank_token() {
  if (holder_ == Holder::skf) skf_->unplug_file(serial_);
  enroll(holder_ == Holder::skf ? "SKF-DUAL-0002" : "", false);
}

token::Session DualToken::session() const {
  token::TokenContext context = [&] {
    if (holder_ == Holder::skf) return load_skf_bridge().open(skf_->config());
    token::PluginHost host;
    auto loaded = host.load_file(CERTRENEW_E2E_SOFTTOKEN);
    REQUIRE(std::holds_alternative<token::Driver>(loaded));
    return std::get<token::Driver>(loaded).open(
        nlohmann::json{{"root", softtoken_root_.string()}}.dump());
  }();
  token::Session s = context.open_session(serial_);
  s.login(SecureBuffer(CliWorld::kPin));
  return s;
}

std::vector<std::string> DualToken::snapshot() const {
  std::vector<std::string> lines;
  for (const auto& o : session().objects())
    lines.push_back(to_hex(o.id) + " usage=" + std::to_string(static_cast<int>(o.usage)) +
                    " cert=" + (o.certificate ? to_hex(o.certificate->der) : "-") +
                    " key=" + (o.key ? to_hex(o.key->spki) : "-"));
  std::sort(lines.begin(), lines.end());
  return lines;
}

bool DualToken::holds_key_of(const Bytes& certificate_der) const {
  const Bytes spki = x509::parse_certificate(certificate_der).public_key.spki_der;
  for (const auto& o : session().objects())
    if (o.key && o.key->spki == spki) return true;
  return false;
}

Bytes DualToken::open_on_token(const Bytes& certificate_der, const SealedBid& bid) const {
  const Bytes spki = x509::parse_certificate(certificate_der).public_key.spki_der;
  token::Session s = session();
  for (const auto& o : s.objects())
    if (o.key && o.key->spki == spki)
      return s.open_sealed(o.id, pki::decode_sm2_cipher(bid.wrapped_key), bid.data);
  FAIL("no key of that certificate on the token");
  return {};
}

}  // namespace certrenew::testing
