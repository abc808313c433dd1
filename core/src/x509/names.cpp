// Distinguished names: read every attribute as UTF-8 in certificate order, and the one-line form.

#include <openssl/objects.h>

#include <array>
#include <cstdio>

#include "certrenew/core/bytes.hpp"
#include "x509/decode.hpp"

namespace certrenew::x509 {
namespace detail {
namespace {

std::string object_oid(const ASN1_OBJECT* object) {
  std::array<char, 128> buffer{};
  const int len = OBJ_obj2txt(buffer.data(), static_cast<int>(buffer.size()), object, 1);
  if (len <= 0) return {};
  // Longer OIDs are truncated by OBJ_obj2txt; ask again with the size it reported.
  if (static_cast<std::size_t>(len) >= buffer.size()) {
    std::string big(static_cast<std::size_t>(len) + 1, '\0');
    OBJ_obj2txt(big.data(), static_cast<int>(big.size()), object, 1);
    big.resize(static_cast<std::size_t>(len));
    return big;
  }
  return std::string(buffer.data(), static_cast<std::size_t>(len));
}

std::string object_short_name(const ASN1_OBJECT* object, const std::string& oid) {
  const int nid = OBJ_obj2nid(object);
  const char* sn = nid != NID_undef ? OBJ_nid2sn(nid) : nullptr;
  return sn != nullptr ? std::string(sn) : oid;
}

// UTF-8 text of a directory string. ASN1_STRING_to_UTF8 converts BMPString, UniversalString and
// T61String (as Latin-1); if the value cannot be converted (e.g. an odd-length BMPString) it is
// shown as '#' + hex of its bytes, as RFC 4514 does for values it cannot print.
std::string string_value(const ASN1_STRING* value) {
  unsigned char* utf8 = nullptr;
  const int len = ASN1_STRING_to_UTF8(&utf8, value);
  if (len >= 0) {
    OsslMemPtr owner(utf8);
    return std::string(reinterpret_cast<const char*>(utf8), static_cast<std::size_t>(len));
  }
  take_openssl_reason();  // the fallback below is the answer; forget the error
  return "#" + to_hex(ByteView(ASN1_STRING_get0_data(value),
                               static_cast<std::size_t>(ASN1_STRING_length(value))));
}

}  // namespace

DistinguishedName read_name(const X509_NAME* name) {
  DistinguishedName out;
  if (name == nullptr) return out;
  const unsigned char* der = nullptr;
  std::size_t der_len = 0;
  if (X509_NAME_get0_der(name, &der, &der_len) == 1) out.der.assign(der, der + der_len);
  const int count = X509_NAME_entry_count(name);
  for (int i = 0; i < count; ++i) {
    const X509_NAME_ENTRY* entry = X509_NAME_get_entry(name, i);
    NameAttribute attribute;
    attribute.oid = object_oid(X509_NAME_ENTRY_get_object(entry));
    attribute.short_name = object_short_name(X509_NAME_ENTRY_get_object(entry), attribute.oid);
    attribute.value = string_value(X509_NAME_ENTRY_get_data(entry));
    attribute.rdn = static_cast<std::size_t>(X509_NAME_ENTRY_set(entry));
    out.attributes.push_back(std::move(attribute));
  }
  return out;
}

std::string oid_text(const ASN1_OBJECT* object) {
  return object_oid(object);
}
std::string oid_name(const ASN1_OBJECT* object) {
  return object_short_name(object, object_oid(object));
}

}  // namespace detail

namespace {

// RFC 4514 escaping, plus control characters as \XX so that one line stays one line.
std::string escape_value(std::string_view value) {
  std::string out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto c = static_cast<unsigned char>(value[i]);
    const bool edge_space = c == ' ' && (i == 0 || i + 1 == value.size());
    const bool leading_hash = c == '#' && i == 0;
    if (c < 0x20 || c == 0x7f) {
      std::array<char, 4> hex{};
      std::snprintf(hex.data(), hex.size(), "\\%02X", static_cast<unsigned>(c));
      out += hex.data();
    } else if (std::string_view(",+\"\\<>;").find(static_cast<char>(c)) != std::string_view::npos ||
               edge_space || leading_hash) {
      out += '\\';
      out += static_cast<char>(c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace

std::string DistinguishedName::display() const {
  std::string out;
  // Most specific RDN first; attributes of one multi-valued RDN stay in their order, joined by '+'.
  for (std::size_t end = attributes.size(); end > 0;) {
    std::size_t begin = end - 1;
    while (begin > 0 && attributes[begin - 1].rdn == attributes[end - 1].rdn) --begin;
    if (!out.empty()) out += ", ";
    for (std::size_t i = begin; i < end; ++i) {
      if (i != begin) out += '+';
      out += attributes[i].short_name + "=" + escape_value(attributes[i].value);
    }
    end = begin;
  }
  return out;
}

std::string DistinguishedName::first(std::string_view short_name) const {
  for (const auto& a : attributes) {
    if (a.short_name == short_name) return a.value;
  }
  return {};
}

bool DistinguishedName::same_as(const DistinguishedName& other) const {
  if (!der.empty() && der == other.der) return true;
  if (attributes.size() != other.attributes.size()) return false;
  for (std::size_t i = 0; i < attributes.size(); ++i) {
    const auto& a = attributes[i];
    const auto& b = other.attributes[i];
    if (a.oid != b.oid || a.value != b.value || a.rdn != b.rdn) return false;
  }
  return true;
}

}  // namespace certrenew::x509
