#include "attributes.hpp"

#include <iterator>

#include "return_codes.hpp"

namespace certrenew::pkcs11 {

namespace {

constexpr std::size_t kFirstTry = 256;  // bytes: ids, labels, EC parameters and points fit

// Values a module uses to say "this object has no such attribute" or "you may not read it".
bool is_absent(CK_RV rv) {
  return rv == CKR_ATTRIBUTE_TYPE_INVALID || rv == CKR_ATTRIBUTE_SENSITIVE;
}

// Ends a find operation however the search loop is left.
struct FindGuard {
  SessionRef s;
  ~FindGuard() { s.api->C_FindObjectsFinal(s.handle); }
};

}  // namespace

std::optional<Bytes> read_attribute(SessionRef s, CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type) {
  // Most attributes are small: one call with room for them saves the size query (each call can
  // mean a round trip to a USB device). Too small, and the module says so: then ask the size.
  Bytes value(kFirstTry);
  CK_ATTRIBUTE attribute{type, value.data(), value.size()};
  CK_RV rv = s.api->C_GetAttributeValue(s.handle, object, &attribute, 1);
  if (rv == CKR_BUFFER_TOO_SMALL) {
    attribute = {type, nullptr, 0};
    rv = s.api->C_GetAttributeValue(s.handle, object, &attribute, 1);
    if (rv == CKR_OK && attribute.ulValueLen != CK_UNAVAILABLE_INFORMATION) {
      value.resize(attribute.ulValueLen);
      attribute.pValue = value.data();
      rv = s.api->C_GetAttributeValue(s.handle, object, &attribute, 1);
    }
  }
  if (is_absent(rv) || attribute.ulValueLen == CK_UNAVAILABLE_INFORMATION) return std::nullopt;
  check_rv(rv, "C_GetAttributeValue", "reading an object");
  value.resize(attribute.ulValueLen);
  return value;
}

std::optional<bool> read_bool(SessionRef s, CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type) {
  CK_BBOOL value = CK_FALSE;
  CK_ATTRIBUTE attribute{type, &value, sizeof value};
  const CK_RV rv = s.api->C_GetAttributeValue(s.handle, object, &attribute, 1);
  if (is_absent(rv) || rv == CKR_BUFFER_TOO_SMALL || attribute.ulValueLen != sizeof value)
    return std::nullopt;
  check_rv(rv, "C_GetAttributeValue", "reading an object");
  return value != CK_FALSE;
}

std::optional<CK_ULONG> read_ulong(SessionRef s, CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type) {
  CK_ULONG value = 0;
  CK_ATTRIBUTE attribute{type, &value, sizeof value};
  const CK_RV rv = s.api->C_GetAttributeValue(s.handle, object, &attribute, 1);
  if (is_absent(rv) || rv == CKR_BUFFER_TOO_SMALL || attribute.ulValueLen != sizeof value)
    return std::nullopt;
  check_rv(rv, "C_GetAttributeValue", "reading an object");
  return value;
}

std::vector<CK_OBJECT_HANDLE> find_objects(SessionRef s, std::vector<CK_ATTRIBUTE> attributes) {
  check_rv(s.api->C_FindObjectsInit(s.handle, attributes.data(), attributes.size()),
           "C_FindObjectsInit", "searching the token");
  const FindGuard guard{s};
  std::vector<CK_OBJECT_HANDLE> found;
  CK_OBJECT_HANDLE batch[64];
  for (;;) {
    CK_ULONG count = 0;
    check_rv(s.api->C_FindObjects(s.handle, batch, std::size(batch), &count), "C_FindObjects",
             "searching the token");
    if (count == 0) break;
    found.insert(found.end(), batch, batch + count);
  }
  return found;
}

std::vector<CK_OBJECT_HANDLE> find_by_id(SessionRef s, CK_OBJECT_CLASS cls, const Bytes& id) {
  return find_objects(s,
                      {{CKA_CLASS, &cls, sizeof cls}, {CKA_ID, mutable_ptr(id.data()), id.size()}});
}

}  // namespace certrenew::pkcs11
