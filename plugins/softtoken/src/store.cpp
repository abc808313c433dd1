#include <certrenew/softtoken/store.hpp>

#include <certrenew/driver_kit/openssl.hpp>
#include "file_io.hpp"
#include "key_material.hpp"
#include "secret.hpp"
#include "token.hpp"

#include <openssl/err.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>

#include <cstring>
#include <limits>

namespace certrenew::softtoken {

namespace {

using Pkcs12Ptr = kit::OpenSslPtr<PKCS12, PKCS12_free>;
void free_x509_stack(STACK_OF(X509) * stack) {
  sk_X509_pop_free(stack, X509_free);
}
using X509StackPtr = kit::OpenSslPtr<STACK_OF(X509), free_x509_stack>;

struct Pkcs12Contents {
  kit::EvpPkeyPtr key;
  kit::X509Ptr cert;
  std::string friendly_name;
};

Pkcs12Contents open_pkcs12(std::span<const std::uint8_t> der, std::string_view password) {
  if (der.empty() || der.size() > static_cast<std::size_t>(std::numeric_limits<long>::max()))
    throw StoreError(CRT_ERR_DATA_INVALID, "the PKCS#12 data is empty");
  const unsigned char* in = der.data();
  Pkcs12Ptr p12(d2i_PKCS12(nullptr, &in, static_cast<long>(der.size())));
  if (!p12 || in != der.data() + der.size()) {
    kit::take_openssl_error();
    throw StoreError(CRT_ERR_DATA_INVALID, "the file is not a PKCS#12 (.p12/.pfx) in DER form");
  }
  // PKCS12_parse wants a NUL-terminated password; keep that copy in wiped memory.
  Secret pass(password.size() + 1);
  std::memcpy(pass.data(), password.data(), password.size());
  pass.data()[password.size()] = 0;

  EVP_PKEY* key = nullptr;
  X509* cert = nullptr;
  STACK_OF(X509)* ca = nullptr;
  const int ok =
      PKCS12_parse(p12.get(), reinterpret_cast<const char*>(pass.data()), &key, &cert, &ca);
  Pkcs12Contents contents{kit::EvpPkeyPtr(key), kit::X509Ptr(cert), {}};
  const X509StackPtr ca_certs(ca);  // CA certificates are not stored (see store.hpp)
  if (ok != 1) {
    const unsigned long error = ERR_peek_error();
    const std::string detail = kit::take_openssl_error();
    if (ERR_GET_LIB(error) == ERR_LIB_PKCS12 &&
        ERR_GET_REASON(error) == PKCS12_R_MAC_VERIFY_FAILURE)
      throw StoreError(CRT_ERR_DATA_INVALID, "wrong PKCS#12 password");
    throw StoreError(CRT_ERR_DATA_INVALID, "cannot read the PKCS#12: " + detail +
                                               " (a legacy cipher such as RC2 needs OpenSSL's "
                                               "legacy provider)");
  }
  if (!contents.key) throw StoreError(CRT_ERR_DATA_INVALID, "the PKCS#12 holds no private key");
  if (!contents.cert)
    throw StoreError(CRT_ERR_DATA_INVALID, "the PKCS#12 holds no certificate for its key");
  if (X509_check_private_key(contents.cert.get(), contents.key.get()) != 1) {
    kit::take_openssl_error();
    throw StoreError(CRT_ERR_DATA_INVALID,
                     "the PKCS#12's certificate does not belong to its private key");
  }
  int alias_len = 0;
  if (const unsigned char* alias = X509_alias_get0(contents.cert.get(), &alias_len))
    contents.friendly_name.assign(reinterpret_cast<const char*>(alias),
                                  static_cast<std::size_t>(alias_len));
  return contents;
}

std::string common_name(X509* cert) {
  X509_NAME* subject = X509_get_subject_name(cert);
  const int index = X509_NAME_get_index_by_NID(subject, NID_commonName, -1);
  if (index < 0) return {};
  const ASN1_STRING* value = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, index));
  unsigned char* utf8 = nullptr;
  const int len = ASN1_STRING_to_UTF8(&utf8, value);
  if (len < 0) return {};
  std::string text(reinterpret_cast<const char*>(utf8), static_cast<std::size_t>(len));
  OPENSSL_free(utf8);
  return text;
}

std::vector<std::uint8_t> certificate_der(X509* cert) {
  const int len = i2d_X509(cert, nullptr);
  if (len <= 0) throw StoreError(CRT_ERR_GENERAL, "cannot encode the certificate");
  std::vector<std::uint8_t> der(static_cast<std::size_t>(len));
  unsigned char* out = der.data();
  i2d_X509(cert, &out);
  return der;
}

}  // namespace

std::string create_token(const std::filesystem::path& dir, const TokenOptions& options,
                         std::span<const std::uint8_t> pin) {
  FileWriter writer;
  return Token::create(dir, options, pin, writer);
}

std::vector<std::uint8_t> import_pkcs12(const std::filesystem::path& dir,
                                        std::span<const std::uint8_t> p12_der,
                                        std::string_view p12_password,
                                        std::span<const std::uint8_t> pin, std::string label) {
  FileWriter writer;
  Token token(dir, writer);
  if (!token.has_token_file())
    throw StoreError(CRT_ERR_TOKEN_NOT_PRESENT, "no token in " + dir.string());

  // Everything about the input is checked before the PIN, so bad input spends no try.
  const Pkcs12Contents p12 = open_pkcs12(p12_der, p12_password);
  if (describe_key(p12.key.get()).type == 0)
    throw StoreError(CRT_ERR_NOT_SUPPORTED,
                     "the PKCS#12 key is of a type softtoken does not hold (RSA, EC P-256, SM2)");
  if (label.empty()) label = p12.friendly_name;
  if (label.empty()) label = common_name(p12.cert.get());
  if (!valid_label(label)) label.clear();
  const std::vector<std::uint8_t> cert_der = certificate_der(p12.cert.get());

  int retries_left = 0;
  const Secret dek = token.unlock(pin, retries_left);
  const ObjectId id = key_id(p12.key.get());
  bool added = false;
  // An import cut short (crash) is finished by running it again: what is there is kept.
  if (!token.find_key(id)) {
    token.add_key(dek, p12.key.get(), label);
    added = true;
  }
  if (const auto existing = token.find_certificate(id)) {
    if (existing->der != cert_der)
      throw StoreError(CRT_ERR_OBJECT_EXISTS,
                       "another certificate with this key's id is already on the token");
  } else {
    token.add_certificate(id, label, cert_der);
    added = true;
  }
  if (!added)
    throw StoreError(CRT_ERR_OBJECT_EXISTS, "this key and certificate are already on the token");
  return id;
}

TokenSummary describe_token(const std::filesystem::path& dir) {
  FileWriter writer;  // unused: describing writes nothing
  const Token token(dir, writer);
  const TokenMeta meta = token.read_meta();
  TokenSummary summary{meta.serial,      meta.label, kManufacturer, kModel, meta.retries_left,
                       meta.retries_max, {}};
  for (const KeyRecord& key : token.keys())
    summary.objects.push_back({CRT_OBJ_PRIVATE_KEY, key.id, key.key_type, key.bits, key.label});
  for (const CertificateEntry& cert : token.certificates()) {
    const KeyKind kind = describe_certificate(cert.der);
    summary.objects.push_back({CRT_OBJ_CERTIFICATE, cert.id, kind.type, kind.bits, cert.label});
  }
  return summary;
}

}  // namespace certrenew::softtoken
