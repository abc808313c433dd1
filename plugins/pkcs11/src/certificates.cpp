#include "certificates.hpp"

#include <certrenew/token_driver.h>

#include <openssl/err.h>

#include <certrenew/driver_kit/labels.hpp>
#include <certrenew/driver_kit/openssl.hpp>

#include "bridge_error.hpp"
#include "public_key.hpp"
#include "return_codes.hpp"
#include "token_objects.hpp"

namespace certrenew::pkcs11 {

namespace {

std::string hex(const Bytes& id) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string text;
  for (std::uint8_t b : id) {
    text.push_back(kDigits[b >> 4]);
    text.push_back(kDigits[b & 0x0F]);
  }
  return text;
}

// The key with this id must be the certificate's; a token may hold a key without a readable
// public half, in which case the caller's own checks are all there is.
void check_matches_key(SessionRef s, const Bytes& id, const X509* cert) {
  const auto keys = find_by_id(s, CKO_PRIVATE_KEY, id);
  if (keys.empty()) return;
  Bytes spki;
  try {
    spki = key_spki(s, keys.front(), id);
  } catch (const DriverError& e) {
    if (e.status() == CRT_ERR_OBJECT_NOT_FOUND) return;
    throw;
  }
  const kit::EvpPkeyPtr key = parse_spki(spki);
  if (!key || EVP_PKEY_eq(key.get(), X509_get0_pubkey(cert)) != 1) {
    ERR_clear_error();
    fail(CRT_ERR_DATA_INVALID,
         "the certificate's public key does not match the key with id " + hex(id));
  }
}

// The labels of the token's objects other than those of `id` (the new certificate's own key may
// well share its label).
std::vector<std::string> labels_of_others(SessionRef s, const Bytes& id) {
  std::vector<std::string> labels;
  for (CK_OBJECT_HANDLE object : find_objects(s, {})) {
    if (read_attribute(s, object, CKA_ID) == id) continue;
    if (const auto label = read_attribute(s, object, CKA_LABEL))
      labels.emplace_back(label->begin(), label->end());
  }
  return labels;
}

}  // namespace

void store_certificate(SessionRef s, const Bytes& id, const std::string& label,
                       std::span<const std::uint8_t> der) {
  const kit::X509Ptr cert = kit::decode_certificate(der.data(), der.size());
  if (!cert) fail(CRT_ERR_DATA_INVALID, "the data is not one DER-encoded X.509 certificate");
  if (!find_by_id(s, CKO_CERTIFICATE, id).empty())
    fail(CRT_ERR_OBJECT_EXISTS, "a certificate with id " + hex(id) + " is already on the token");
  check_matches_key(s, id, cert.get());

  Bytes subject = kit::encode_der(X509_get_subject_name(cert.get()), i2d_X509_NAME, "the subject");
  Bytes issuer = kit::encode_der(X509_get_issuer_name(cert.get()), i2d_X509_NAME, "the issuer");
  Bytes serial =
      kit::encode_der(X509_get0_serialNumber(cert.get()), i2d_ASN1_INTEGER, "the serial number");
  Bytes value(der.begin(), der.end());
  // A renewal asks for the old certificate's label: the new one must be told apart from it.
  const std::string distinct =
      kit::distinct_label(label, kit::not_after_date(cert.get()), labels_of_others(s, id));
  Bytes label_bytes(distinct.begin(), distinct.end());
  Bytes id_copy = id;
  CK_OBJECT_CLASS cls = CKO_CERTIFICATE;
  CK_CERTIFICATE_TYPE type = CKC_X_509;
  CK_BBOOL yes = CK_TRUE, no = CK_FALSE;
  CK_ATTRIBUTE attributes[] = {
      {CKA_CLASS, &cls, sizeof cls},
      {CKA_CERTIFICATE_TYPE, &type, sizeof type},
      {CKA_TOKEN, &yes, sizeof yes},
      {CKA_PRIVATE, &no, sizeof no},
      {CKA_ID, id_copy.data(), id_copy.size()},
      {CKA_LABEL, label_bytes.data(), label_bytes.size()},
      {CKA_SUBJECT, subject.data(), subject.size()},
      {CKA_ISSUER, issuer.data(), issuer.size()},
      {CKA_SERIAL_NUMBER, serial.data(), serial.size()},
      {CKA_VALUE, value.data(), value.size()},
  };
  CK_OBJECT_HANDLE created = CK_INVALID_HANDLE;
  check_rv(s.api->C_CreateObject(s.handle, attributes, std::size(attributes), &created),
           "C_CreateObject", "writing the certificate");
}

void delete_objects(SessionRef s, std::uint32_t kind, const Bytes& id) {
  const bool certificate = kind == CRT_OBJ_CERTIFICATE;
  const auto primary = find_by_id(s, certificate ? CKO_CERTIFICATE : CKO_PRIVATE_KEY, id);
  if (primary.empty())
    fail(CRT_ERR_OBJECT_NOT_FOUND, std::string("no ") +
                                       (certificate ? "certificate" : "private key") + " with id " +
                                       hex(id) + " on the token");
  for (CK_OBJECT_HANDLE object : primary)
    check_rv(s.api->C_DestroyObject(s.handle, object), "C_DestroyObject",
             certificate ? "deleting the certificate" : "deleting the private key");
  if (certificate) return;
  // The public half goes with its private key; a leftover would only confuse other tools.
  for (CK_OBJECT_HANDLE object : find_by_id(s, CKO_PUBLIC_KEY, id))
    check_rv(s.api->C_DestroyObject(s.handle, object), "C_DestroyObject",
             "deleting the public key");
}

}  // namespace certrenew::pkcs11
