// How much CSR + SignedData building costs on top of the signatures themselves. For each key type
// it times one renewal's crypto work (a CSR signed by the new key and a SignedData signed by the
// old key) and a bare one-shot EVP_DigestSign with the same key type, alternating them in each
// repeat, and prints median(ours) / median(bare). Two signatures per renewal make ~2.0 the floor.
// It runs twice: with the OpenSslKeySigner test double (the cost of our CSR/CMS code), then with
// keys generated on a softtoken and signed through the driver (PluginHost + TokenSigner), where
// the token's own sign time (Session::sign) is shown too, so the reader sees where time goes.
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "certrenew/core/openssl_ptr.hpp"
#include "certrenew/core/pki/csr.hpp"
#include "certrenew/core/pki/signed_data.hpp"
#include "certrenew/core/secure_buffer.hpp"
#include "certrenew/core/token/token_signer.hpp"
#include "measure.hpp"
#include "openssl_key_signer.hpp"
#include "raw_signature.hpp"
#include "softtoken_fixture.hpp"
#include "test_pki.hpp"

namespace {

using namespace certrenew;
using namespace certrenew::testing;
using namespace certrenew::bench;

constexpr Repeats kDefaultRepeats{15, 20};

struct Subject {
  KeyKind kind;
  const char* name;
  token::KeyType token_type;
  unsigned token_bits;  // RSA modulus; 0 = the driver's default
};

constexpr Subject kSubjects[] = {
    {KeyKind::rsa2048, "RSA-2048", token::KeyType::rsa, 2048},
    {KeyKind::ec_p256, "P-256", token::KeyType::ec_p256, 0},
    {KeyKind::sm2, "SM2", token::KeyType::sm2, 0},
};

const std::string kApplication =
    R"({"period_years":1,"operator":{"name":"张三","id_type":"resident","mobile":"13800000000"},)"
    R"("recipient":{"name":"张三","address":"北京市海淀区某路1号"},"nonce":"5f0c2a9e","time":"2024-01-01T00:00:00Z"})";

const std::vector<pki::NameAttribute> kName = {
    {"C", "CN"}, {"O", "某某科技有限公司"}, {"CN", "张三"}};

// The holder's current certificate for `holder_key` (a full key or only its public half), issued
// by a throwaway CA of the same key type, as DER.
Bytes holder_certificate(KeyKind kind, EVP_PKEY* holder_key) {
  CertSpec ca_spec;
  ca_spec.subject = {{"C", "CN"}, {"CN", "Bench CA"}};
  ca_spec.not_before = std::chrono::system_clock::now() - std::chrono::hours(24);
  ca_spec.not_after = std::chrono::system_clock::now() + std::chrono::hours(24 * 365);
  ca_spec.is_ca = true;
  const EvpKey ca_key = make_key(kind);
  const X509Ptr ca = issue_cert(ca_spec, ca_key.get(), nullptr, ca_key.get());
  CertSpec holder_spec = ca_spec;
  holder_spec.subject = {{"C", "CN"}, {"O", "某某科技有限公司"}, {"CN", "张三"}};
  holder_spec.is_ca = false;
  holder_spec.key_usage = "digitalSignature,nonRepudiation";
  return cert_der(issue_cert(holder_spec, holder_key, ca.get(), ca_key.get()).get());
}

// One renewal's crypto work: a CSR by the new key, a SignedData by the old key.
void build_renewal(const Signer& old_signer, const Signer& new_signer,
                   const Bytes& old_certificate) {
  const Bytes csr = pki::build_csr(new_signer, kName);
  const Bytes message = pki::build_signed_data(old_signer, old_certificate, as_bytes(kApplication));
  if (csr.empty() || message.empty()) throw std::runtime_error("nothing built");
}

void run(const Subject& subject, const Repeats& settings) {
  const EvpKey old_key = make_key(subject.kind);
  const EvpKey new_key = make_key(subject.kind);
  const Bytes old_certificate_der = holder_certificate(subject.kind, old_key.get());

  OpenSslKeySigner old_signer(old_key.get());
  OpenSslKeySigner new_signer(new_key.get());

  const auto [bare_median, parse_median, ours_median] = interleaved_medians(
      settings, [&] { raw_sign(old_key.get(), as_bytes(kApplication)); },
      [&] {
        const unsigned char* in = old_certificate_der.data();
        const ossl::X509Ptr parsed(
            d2i_X509(nullptr, &in, static_cast<long>(old_certificate_der.size())));
        if (parsed == nullptr) throw std::runtime_error("d2i_X509 failed");
      },
      [&] { build_renewal(old_signer, new_signer, old_certificate_der); });
  std::printf("%-9s %10.1f %12.1f %13.1f %8.2fx %14.2fx\n", subject.name, bare_median * 1e6,
              parse_median * 1e6, ours_median * 1e6, ours_median / bare_median,
              (2 * bare_median + parse_median) / bare_median);
}

EvpKey public_key_of(const Bytes& spki) {
  const unsigned char* in = spki.data();
  EvpKey key(d2i_PUBKEY(nullptr, &in, static_cast<long>(spki.size())));
  if (key == nullptr) throw std::runtime_error("the token's public key does not parse");
  return key;
}

// The same work with both keys on a softtoken: each signature is a driver call that reads and
// decrypts the key file, so the token's bare sign time is measured beside it.
void run_softtoken(const Subject& subject, const Repeats& settings, token::Session& session) {
  const token::GeneratedKey old_key =
      session.generate_key(subject.token_type, subject.token_bits, "old");
  const token::GeneratedKey new_key =
      session.generate_key(subject.token_type, subject.token_bits, "new");
  const Bytes old_certificate_der =
      holder_certificate(subject.kind, public_key_of(old_key.spki).get());
  const token::TokenSigner old_signer(session, old_key.id);
  const token::TokenSigner new_signer(session, new_key.id);
  const EvpKey bare_key = make_key(subject.kind);  // an OpenSSL key of the same type

  const auto [bare_median, token_median, ours_median] = interleaved_medians(
      settings, [&] { raw_sign(bare_key.get(), as_bytes(kApplication)); },
      [&] {
        if (session.sign(old_key.id, old_signer.algorithm(), as_bytes(kApplication)).empty())
          throw std::runtime_error("the token returned no signature");
      },
      [&] { build_renewal(old_signer, new_signer, old_certificate_der); });
  std::printf("%-9s %10.1f %15.1f %10.1fx %13.1f %8.2fx %16.2fx\n", subject.name, bare_median * 1e6,
              token_median * 1e6, token_median / bare_median, ours_median * 1e6,
              ours_median / bare_median, ours_median / (2 * token_median));
}

}  // namespace

int main(int argc, char** argv) {
  Repeats settings = kDefaultRepeats;
  if (!parse_repeats(argc, argv, "certrenew-bench-pki", settings)) return 2;

  std::printf(
      "CSR + SignedData creation vs bare EVP_DigestSign, median of %d repeats x %d "
      "iterations\n",
      settings.repeats, settings.iterations);
  std::printf("[1] signer: OpenSslKeySigner test double (key in OpenSSL memory, not a token)\n");
  std::printf(
      "floor: a renewal needs 2 signatures (CSR by the new key, SignedData by the old "
      "key), so ~2.0x is the floor; lower is better, ~2.x expected\n");
  std::printf(
      "SignedData must also parse the signer certificate (d2i_X509, slow in OpenSSL 3.0); "
      "'floor+parse' adds that one parse to the 2 signatures\n\n");
  std::printf("%-9s %10s %12s %13s %9s %15s\n", "key", "sign (us)", "d2i_X509 (us)", "CSR+CMS (us)",
              "ratio", "floor+parse");
  try {
    for (const Subject& subject : kSubjects) run(subject, settings);

    std::printf(
        "\n[2] signer: keys generated on a softtoken (bin/plugins driver via PluginHost, "
        "TokenSigner); bare = EVP_DigestSign with an OpenSSL key of the same type, this run\n");
    std::printf(
        "ratio = CSR+CMS / bare (the issue's figure); 'token sign' = Session::sign alone (the "
        "driver reads and decrypts the key on each call);\n'vs 2 token signs' = CSR+CMS / "
        "(2 x token sign): ~1.0 means nearly all the time is the token's\n\n");
    std::printf("%-9s %10s %15s %11s %13s %9s %17s\n", "key", "bare (us)", "token sign (us)",
                "token/bare", "CSR+CMS (us)", "ratio", "vs 2 token signs");
    const TempDir token_dir;
    const SecureBuffer pin("bench-pin-1234");  // a throwaway token in a temporary folder
    SoftToken soft = open_softtoken(token_dir.path(), pin);
    soft.session.login(pin);
    for (const Subject& subject : kSubjects) run_softtoken(subject, settings, soft.session);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "certrenew-bench-pki: %s\n", error.what());
    return 1;
  }
  return 0;
}
