#pragma once

#include <optional>
#include <vector>

#include "pkcs11.hpp"

namespace certrenew::pkcs11 {

// A PKCS#11 session handle with the module functions that go with it.
struct SessionRef {
  const CK_FUNCTION_LIST* api = nullptr;
  CK_SESSION_HANDLE handle = CK_INVALID_HANDLE;
};

// One attribute's value (two-call C_GetAttributeValue), or nullopt when the object does not have
// it or keeps it secret. Any other failure (session gone, device error) throws DriverError.
std::optional<Bytes> read_attribute(SessionRef s, CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type);
std::optional<bool> read_bool(SessionRef s, CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type);
std::optional<CK_ULONG> read_ulong(SessionRef s, CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type);

// Every object matching `attributes` (C_FindObjectsInit/C_FindObjects/C_FindObjectsFinal).
std::vector<CK_OBJECT_HANDLE> find_objects(SessionRef s, std::vector<CK_ATTRIBUTE> attributes);
// Objects of one class with this CKA_ID.
std::vector<CK_OBJECT_HANDLE> find_by_id(SessionRef s, CK_OBJECT_CLASS cls, const Bytes& id);

}  // namespace certrenew::pkcs11
