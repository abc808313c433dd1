#include "pki_fixtures.hpp"

#include <openssl/objects.h>
#include <openssl/x509.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string_view>
#include <utility>

#if !defined(_WIN32)
#include <sys/wait.h>  // POSIX only: decoding std::system's status
#endif

#include "certrenew/core/lookup_table.hpp"

namespace certrenew::testing {

constexpr auto kKindNames = std::to_array<std::pair<KeyKind, std::string_view>>({
    {KeyKind::rsa2048, "RSA-2048"},
    {KeyKind::ec_p256, "P-256"},
    {KeyKind::sm2, "SM2"},
});

std::string kind_name(KeyKind kind) {
  return std::string(lookup(kKindNames, kind).value_or("?"));
}

Issued make_ca(KeyKind kind, const std::string& common_name) {
  CertSpec spec;
  spec.subject = {{"C", "CN"}, {"O", "CertRenew 测试"}, {"CN", common_name}};
  spec.not_before = Clock::now() - 365 * kDay;
  spec.not_after = Clock::now() + 3650 * kDay;
  spec.is_ca = true;
  Issued ca{make_key(kind), nullptr, {}};
  ca.certificate = issue_cert(spec, ca.key.get(), nullptr, ca.key.get());
  ca.der = cert_der(ca.certificate.get());
  return ca;
}

CertSpec holder_spec() {
  CertSpec spec;
  spec.subject = {{"C", "CN"}, {"O", "某某科技有限公司"}, {"CN", "张三"}};
  spec.not_before = Clock::now() - kDay;
  spec.not_after = Clock::now() + 365 * kDay;
  spec.key_usage = "digitalSignature,nonRepudiation";
  spec.extended_key_usage = "clientAuth,emailProtection";
  return spec;
}

Issued issue(const Issued& ca, KeyKind kind, const CertSpec& spec, EvpKey key) {
  Issued issued{key != nullptr ? std::move(key) : make_key(kind), nullptr, {}};
  issued.certificate = issue_cert(spec, issued.key.get(), ca.certificate.get(), ca.key.get());
  issued.der = cert_der(issued.certificate.get());
  return issued;
}

std::optional<pki::PkiErrc> pki_error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const pki::PkiError& error) {
    return error.code();
  }
  return std::nullopt;
}

Bytes tlv(std::uint8_t tag, const Bytes& value) {
  Bytes out{tag};
  const std::size_t n = value.size();
  if (n < 0x80) {
    out.push_back(static_cast<std::uint8_t>(n));
  } else if (n < 0x100) {
    out.insert(out.end(), {0x81, static_cast<std::uint8_t>(n)});
  } else {
    out.insert(out.end(), {0x82, static_cast<std::uint8_t>(n >> 8), static_cast<std::uint8_t>(n)});
  }
  out.insert(out.end(), value.begin(), value.end());
  return out;
}

Bytes cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

Bytes subject_der(const X509* certificate) {
  const X509_NAME* name = X509_get_subject_name(certificate);
  const int length = i2d_X509_NAME(name, nullptr);
  if (length <= 0) throw std::runtime_error("i2d_X509_NAME");
  Bytes der(static_cast<std::size_t>(length));
  unsigned char* out = der.data();
  i2d_X509_NAME(name, &out);
  return der;
}

bool contains_oid(ByteView der, const char* dotted) {
  ASN1_OBJECT* object = OBJ_txt2obj(dotted, 1);
  if (object == nullptr) throw std::runtime_error("OBJ_txt2obj");
  const int length = i2d_ASN1_OBJECT(object, nullptr);
  Bytes encoded(static_cast<std::size_t>(length));
  unsigned char* out = encoded.data();
  i2d_ASN1_OBJECT(object, &out);
  ASN1_OBJECT_free(object);
  return std::search(der.begin(), der.end(), encoded.begin(), encoded.end()) != der.end();
}

void write_file(const std::filesystem::path& path, ByteView bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

void write_file(const std::filesystem::path& path, const std::string& text) {
  write_file(path, as_bytes(text));
}

Bytes read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string quoted(const std::filesystem::path& path) {
  return "\"" + path.string() + "\"";
}

CommandResult run_command(const std::string& command_line, const std::filesystem::path& work_dir) {
  const std::filesystem::path output = work_dir / "command-output.txt";
  const int status = std::system((command_line + " > " + quoted(output) + " 2>&1").c_str());
  CommandResult result;
#if defined(_WIN32)
  result.exit_code = status;
#else
  result.exit_code = (status != -1 && WIFEXITED(status)) ? WEXITSTATUS(status) : -1;
#endif
  const Bytes text = read_file(output);
  result.output.assign(text.begin(), text.end());
  return result;
}

CommandResult openssl_req_verify(const std::filesystem::path& work_dir, ByteView csr_der,
                                 const std::string& extra_options) {
  const auto file = work_dir / "request.der";
  write_file(file, csr_der);
  return run_command(
      "openssl req -verify -inform DER -in " + quoted(file) + " -noout " + extra_options, work_dir);
}

CmsVerifyResult openssl_cms_verify(const std::filesystem::path& work_dir, ByteView signed_data_der,
                                   const X509* ca_certificate) {
  const auto in = work_dir / "signed-data.p7s";
  const auto ca_file = work_dir / "ca.pem";
  const auto out = work_dir / "content.out";
  std::filesystem::remove(out);
  write_file(in, signed_data_der);
  write_file(ca_file, cert_pem(ca_certificate));
  CmsVerifyResult verified;
  verified.result = run_command("openssl cms -verify -binary -inform DER -in " + quoted(in) +
                                    " -CAfile " + quoted(ca_file) + " -out " + quoted(out),
                                work_dir);
  if (std::filesystem::exists(out)) verified.content_out = read_file(out);
  return verified;
}

}  // namespace certrenew::testing
