// How much CSR + SignedData building costs on top of the signatures themselves. For each key type
// it times one renewal's crypto work (a CSR signed by the new key and a SignedData signed by the
// old key) and a bare one-shot EVP_DigestSign with the same key type, alternating the two in each
// repeat, and prints median(ours) / median(bare). Two signatures per renewal make ~2.0 the floor.
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "certrenew/core/pki/csr.hpp"
#include "certrenew/core/pki/signed_data.hpp"
#include "openssl_key_signer.hpp"
#include "test_pki.hpp"

namespace {

using namespace certrenew;
using namespace certrenew::testing;
using Clock = std::chrono::steady_clock;

struct Settings {
  int repeats = 15;
  int iterations = 20;
};

struct Subject {
  KeyKind kind;
  const char* name;
};

constexpr Subject kSubjects[] = {
    {KeyKind::rsa2048, "RSA-2048"}, {KeyKind::ec_p256, "P-256"}, {KeyKind::sm2, "SM2"}};

const std::string kApplication =
    R"({"period_years":1,"operator":{"name":"张三","id_type":"resident","mobile":"13800000000"},)"
    R"("recipient":{"name":"张三","address":"北京市海淀区某路1号"},"nonce":"5f0c2a9e","time":"2024-01-01T00:00:00Z"})";

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t middle = values.size() / 2;
  return values.size() % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

// The baseline: what a program holding the key pays for one signature over the same bytes.
void bare_sign(EVP_PKEY* key, bool sm2, const std::string& message) {
  EVP_MD_CTX* context = EVP_MD_CTX_new();
  EVP_PKEY_CTX* key_context = nullptr;
  std::size_t length = 0;
  bool ok =
      context != nullptr &&
      EVP_DigestSignInit(context, &key_context, sm2 ? EVP_sm3() : EVP_sha256(), nullptr, key) == 1;
  if (ok && sm2) {
    ok = EVP_PKEY_CTX_set1_id(key_context, kDefaultSm2SignerId.data(),
                              kDefaultSm2SignerId.size()) == 1;
  }
  std::vector<unsigned char> signature;
  const auto* data = reinterpret_cast<const unsigned char*>(message.data());
  ok = ok && EVP_DigestSign(context, nullptr, &length, data, message.size()) == 1;
  if (ok) {
    signature.resize(length);
    ok = EVP_DigestSign(context, signature.data(), &length, data, message.size()) == 1;
  }
  EVP_MD_CTX_free(context);
  if (!ok) throw std::runtime_error("EVP_DigestSign failed");
}

template <typename Work>
double seconds_per_operation(int iterations, Work&& work) {
  const auto start = Clock::now();
  for (int i = 0; i < iterations; ++i) work();
  const std::chrono::duration<double> elapsed = Clock::now() - start;
  return elapsed.count() / iterations;
}

void run(const Subject& subject, const Settings& settings) {
  CertSpec ca_spec;
  ca_spec.subject = {{"C", "CN"}, {"CN", "Bench CA"}};
  ca_spec.not_before = std::chrono::system_clock::now() - std::chrono::hours(24);
  ca_spec.not_after = std::chrono::system_clock::now() + std::chrono::hours(24 * 365);
  ca_spec.is_ca = true;
  const EvpKey ca_key = make_key(subject.kind);
  const X509Ptr ca = issue_cert(ca_spec, ca_key.get(), nullptr, ca_key.get());
  CertSpec holder_spec = ca_spec;
  holder_spec.subject = {{"C", "CN"}, {"O", "某某科技有限公司"}, {"CN", "张三"}};
  holder_spec.is_ca = false;
  holder_spec.key_usage = "digitalSignature,nonRepudiation";
  const EvpKey old_key = make_key(subject.kind);
  const EvpKey new_key = make_key(subject.kind);
  const X509Ptr old_certificate = issue_cert(holder_spec, old_key.get(), ca.get(), ca_key.get());
  const Bytes old_certificate_der = cert_der(old_certificate.get());
  const std::vector<pki::NameAttribute> name = {
      {"C", "CN"}, {"O", "某某科技有限公司"}, {"CN", "张三"}};

  OpenSslKeySigner old_signer(old_key.get());
  OpenSslKeySigner new_signer(new_key.get());
  const bool sm2 = subject.kind == KeyKind::sm2;

  std::vector<double> bare;
  std::vector<double> ours;
  std::vector<double> parse;
  for (int repeat = 0; repeat < settings.repeats; ++repeat) {
    bare.push_back(seconds_per_operation(settings.iterations,
                                         [&] { bare_sign(old_key.get(), sm2, kApplication); }));
    parse.push_back(seconds_per_operation(settings.iterations, [&] {
      const unsigned char* in = old_certificate_der.data();
      X509_free(d2i_X509(nullptr, &in, static_cast<long>(old_certificate_der.size())));
    }));
    ours.push_back(seconds_per_operation(settings.iterations, [&] {
      const Bytes csr = pki::build_csr(new_signer, name);
      const Bytes message =
          pki::build_signed_data(old_signer, old_certificate_der, as_bytes(kApplication));
      if (csr.empty() || message.empty()) throw std::runtime_error("nothing built");
    }));
  }
  const double bare_median = median(bare);
  const double ours_median = median(ours);
  const double parse_median = median(parse);
  std::printf("%-9s %10.1f %12.1f %13.1f %8.2fx %14.2fx\n", subject.name, bare_median * 1e6,
              parse_median * 1e6, ours_median * 1e6, ours_median / bare_median,
              (2 * bare_median + parse_median) / bare_median);
}

bool parse_positive(std::string_view text, int& value) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size() && value > 0;
}

}  // namespace

int main(int argc, char** argv) {
  Settings settings;
  const std::vector<std::string_view> args(argv + 1, argv + argc);
  for (std::size_t i = 0; i < args.size(); ++i) {
    const bool has_value = i + 1 < args.size();
    if (args[i] == "--repeats" && has_value && parse_positive(args[i + 1], settings.repeats)) {
      ++i;
    } else if (args[i] == "--iterations" && has_value &&
               parse_positive(args[i + 1], settings.iterations)) {
      ++i;
    } else {
      std::fprintf(stderr, "usage: certrenew-bench-pki [--repeats N] [--iterations K]\n");
      return 2;
    }
  }

  std::printf(
      "CSR + SignedData creation vs bare EVP_DigestSign, median of %d repeats x %d "
      "iterations\n",
      settings.repeats, settings.iterations);
  std::printf(
      "signer: OpenSslKeySigner test double (key in OpenSSL memory, not a token); a "
      "softtoken-backed run is not wired in yet\n");
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
  } catch (const std::exception& error) {
    std::fprintf(stderr, "certrenew-bench-pki: %s\n", error.what());
    return 1;
  }
  return 0;
}
