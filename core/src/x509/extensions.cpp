// Extensions a viewer shows: key usage, extended key usage, subject alternative names, basic
// constraints and the key identifiers. Nothing here judges them; that is verification's job.

#include <openssl/conf.h>

#include <array>
#include <utility>

#include "certrenew/core/x509/key_usage.hpp"
#include "x509/decode.hpp"

namespace certrenew::x509::detail {

// RFC 5280 4.2.1.3 names, in bit order.
constexpr std::array<std::pair<std::uint32_t, const char*>, 9> kKeyUsageNames = {{
    {KU_DIGITAL_SIGNATURE, "digitalSignature"},
    {KU_NON_REPUDIATION, "nonRepudiation"},
    {KU_KEY_ENCIPHERMENT, "keyEncipherment"},
    {KU_DATA_ENCIPHERMENT, "dataEncipherment"},
    {KU_KEY_AGREEMENT, "keyAgreement"},
    {KU_KEY_CERT_SIGN, "keyCertSign"},
    {KU_CRL_SIGN, "cRLSign"},
    {KU_ENCIPHER_ONLY, "encipherOnly"},
    {KU_DECIPHER_ONLY, "decipherOnly"},
}};

namespace {

Bytes octets(const ASN1_OCTET_STRING* s) {
  if (s == nullptr) return {};
  const unsigned char* data = ASN1_STRING_get0_data(s);
  return Bytes(data, data + ASN1_STRING_length(s));
}

// IA5String text as stored. Control characters would break a one-line display, so they become
// U+FFFD; anything else (including UTF-8 that some CAs put there) is kept.
std::string ia5_text(const ASN1_STRING* s) {
  std::string out(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                  static_cast<std::size_t>(ASN1_STRING_length(s)));
  std::string clean;
  for (char c : out) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      clean += "\xEF\xBF\xBD";
    } else {
      clean += c;
    }
  }
  return clean;
}

// OpenSSL's own text for the name kinds we do not take apart (IP addresses, otherName, ...).
std::string openssl_text(GENERAL_NAME* name, bool value_only) {
  STACK_OF(CONF_VALUE)* values = i2v_GENERAL_NAME(nullptr, name, nullptr);
  if (values == nullptr) {
    take_openssl_reason();
    return {};
  }
  std::string text;
  for (int i = 0; i < sk_CONF_VALUE_num(values); ++i) {
    const CONF_VALUE* v = sk_CONF_VALUE_value(values, i);
    if (!text.empty()) text += ", ";
    if (!value_only && v->name != nullptr) text += std::string(v->name) + ":";
    if (v->value != nullptr) text += v->value;
  }
  sk_CONF_VALUE_pop_free(values, X509V3_conf_free);
  return text;
}

SubjectAltName read_general_name(GENERAL_NAME* name) {
  using K = SubjectAltName::Kind;
  switch (name->type) {
    case GEN_EMAIL:
      return {K::email, ia5_text(name->d.rfc822Name)};
    case GEN_DNS:
      return {K::dns, ia5_text(name->d.dNSName)};
    case GEN_URI:
      return {K::uri, ia5_text(name->d.uniformResourceIdentifier)};
    case GEN_DIRNAME:
      return {K::directory_name, read_name(name->d.directoryName).display()};
    case GEN_IPADD:
      return {K::ip, openssl_text(name, true)};
    default:
      return {K::other, openssl_text(name, false)};
  }
}

// The certificate's extension `nid` decoded, owned by `Owner`; null when it has none (or it does
// not decode: read_extensions reports that through the extension flags).
template <typename Owner>
Owner decoded_extension(const X509* cert, int nid) {
  int critical = 0;
  return Owner(
      static_cast<typename Owner::element_type*>(X509_get_ext_d2i(cert, nid, &critical, nullptr)));
}

void read_subject_alt_names(const X509* cert, Certificate& out) {
  const auto names = decoded_extension<GeneralNamesPtr>(cert, NID_subject_alt_name);
  if (names == nullptr) return;
  for (int i = 0; i < sk_GENERAL_NAME_num(names.get()); ++i) {
    out.subject_alt_names.push_back(read_general_name(sk_GENERAL_NAME_value(names.get(), i)));
  }
}

void read_extended_key_usage(const X509* cert, Certificate& out) {
  const auto usages = decoded_extension<EkuPtr>(cert, NID_ext_key_usage);
  if (usages == nullptr) return;
  for (int i = 0; i < sk_ASN1_OBJECT_num(usages.get()); ++i) {
    out.extended_key_usage.push_back(oid_name(sk_ASN1_OBJECT_value(usages.get(), i)));
  }
}

}  // namespace

void read_extensions(X509* cert, Certificate& out) {
  // X509_get_extension_flags parses and caches the standard extensions once.
  const std::uint32_t flags = X509_get_extension_flags(cert);
  out.extensions_well_formed = (flags & EXFLAG_INVALID) == 0;
  if ((flags & EXFLAG_KUSAGE) != 0) {
    out.key_usage = key_usage_names(X509_get_key_usage(cert));
  }
  read_extended_key_usage(cert, out);
  read_subject_alt_names(cert, out);
  out.is_ca = (flags & EXFLAG_BCONS) != 0 && (flags & EXFLAG_CA) != 0;
  if (const long path_length = X509_get_pathlen(cert); path_length >= 0) {
    out.path_length = path_length;
  }
  out.subject_key_id = octets(X509_get0_subject_key_id(cert));
  out.authority_key_id = octets(X509_get0_authority_key_id(cert));
  // Malformed extensions leave errors behind; the flag above already records them.
  take_openssl_reason();
}

}  // namespace certrenew::x509::detail

namespace certrenew::x509 {

std::vector<std::string> key_usage_names(std::uint32_t bits) {
  std::vector<std::string> names;
  for (const auto& [bit, name] : detail::kKeyUsageNames) {
    if ((bits & bit) != 0) names.emplace_back(name);
  }
  return names;
}

}  // namespace certrenew::x509
