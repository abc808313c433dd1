#include "return_codes.hpp"

#include <array>
#include <cstdio>

#include "bridge_error.hpp"

namespace certrenew::pkcs11 {

namespace {

struct RvInfo {
  CK_RV rv;
  const char* name;
  const char* sentence;
  crt_status status;
};

// Every CKR_* of PKCS#11 2.40 (as p11-kit's header has them). The status column is what the host
// reacts to: PIN problems, a missing token, a full token, a cancelled PIN pad, bad input.
constexpr std::array kReturnValues = {
    RvInfo{CKR_OK, "CKR_OK", "the function succeeded", CRT_OK},
    RvInfo{CKR_CANCEL, "CKR_CANCEL", "the operation was cancelled", CRT_ERR_CANCELLED},
    RvInfo{CKR_HOST_MEMORY, "CKR_HOST_MEMORY", "the computer ran out of memory", CRT_ERR_GENERAL},
    RvInfo{CKR_SLOT_ID_INVALID, "CKR_SLOT_ID_INVALID", "the reader (slot) is gone",
           CRT_ERR_TOKEN_NOT_PRESENT},
    RvInfo{CKR_GENERAL_ERROR, "CKR_GENERAL_ERROR", "the module hit an unrecoverable error",
           CRT_ERR_DEVICE},
    RvInfo{CKR_FUNCTION_FAILED, "CKR_FUNCTION_FAILED", "the module could not carry out the request",
           CRT_ERR_DEVICE},
    RvInfo{CKR_ARGUMENTS_BAD, "CKR_ARGUMENTS_BAD", "the module refused the arguments",
           CRT_ERR_ARGUMENTS},
    RvInfo{CKR_NO_EVENT, "CKR_NO_EVENT", "no slot event happened", CRT_ERR_GENERAL},
    RvInfo{CKR_NEED_TO_CREATE_THREADS, "CKR_NEED_TO_CREATE_THREADS",
           "the module needs to create threads and was not allowed to", CRT_ERR_GENERAL},
    RvInfo{CKR_CANT_LOCK, "CKR_CANT_LOCK", "the module cannot use the operating system's locks",
           CRT_ERR_NOT_SUPPORTED},
    RvInfo{CKR_ATTRIBUTE_READ_ONLY, "CKR_ATTRIBUTE_READ_ONLY", "an attribute cannot be changed",
           CRT_ERR_GENERAL},
    RvInfo{CKR_ATTRIBUTE_SENSITIVE, "CKR_ATTRIBUTE_SENSITIVE",
           "an attribute is secret and cannot "
           "be read",
           CRT_ERR_GENERAL},
    RvInfo{CKR_ATTRIBUTE_TYPE_INVALID, "CKR_ATTRIBUTE_TYPE_INVALID",
           "the module does not know an attribute", CRT_ERR_NOT_SUPPORTED},
    RvInfo{CKR_ATTRIBUTE_VALUE_INVALID, "CKR_ATTRIBUTE_VALUE_INVALID",
           "the module refused an attribute value", CRT_ERR_DATA_INVALID},
    RvInfo{CKR_ACTION_PROHIBITED, "CKR_ACTION_PROHIBITED", "the token's policy forbids this action",
           CRT_ERR_NOT_SUPPORTED},
    RvInfo{CKR_DATA_INVALID, "CKR_DATA_INVALID", "the input data is not acceptable",
           CRT_ERR_DATA_INVALID},
    RvInfo{CKR_DATA_LEN_RANGE, "CKR_DATA_LEN_RANGE", "the input data has the wrong length",
           CRT_ERR_DATA_INVALID},
    RvInfo{CKR_DEVICE_ERROR, "CKR_DEVICE_ERROR", "the token or its reader failed", CRT_ERR_DEVICE},
    RvInfo{CKR_DEVICE_MEMORY, "CKR_DEVICE_MEMORY", "the token has no room left",
           CRT_ERR_TOKEN_FULL},
    RvInfo{CKR_DEVICE_REMOVED, "CKR_DEVICE_REMOVED", "the token was removed",
           CRT_ERR_TOKEN_NOT_PRESENT},
    RvInfo{CKR_ENCRYPTED_DATA_INVALID, "CKR_ENCRYPTED_DATA_INVALID",
           "the encrypted data is not valid", CRT_ERR_DATA_INVALID},
    RvInfo{CKR_ENCRYPTED_DATA_LEN_RANGE, "CKR_ENCRYPTED_DATA_LEN_RANGE",
           "the encrypted data has the wrong length", CRT_ERR_DATA_INVALID},
    RvInfo{CKR_FUNCTION_CANCELED, "CKR_FUNCTION_CANCELED",
           "the operation was cancelled on the device", CRT_ERR_CANCELLED},
    RvInfo{CKR_FUNCTION_NOT_PARALLEL, "CKR_FUNCTION_NOT_PARALLEL",
           "the module runs no function in parallel", CRT_ERR_NOT_SUPPORTED},
    RvInfo{CKR_FUNCTION_NOT_SUPPORTED, "CKR_FUNCTION_NOT_SUPPORTED",
           "the module does not offer this function", CRT_ERR_NOT_SUPPORTED},
    RvInfo{CKR_KEY_HANDLE_INVALID, "CKR_KEY_HANDLE_INVALID", "the key is gone",
           CRT_ERR_OBJECT_NOT_FOUND},
    RvInfo{CKR_KEY_SIZE_RANGE, "CKR_KEY_SIZE_RANGE", "the token does not offer this key size",
           CRT_ERR_NOT_SUPPORTED},
    RvInfo{CKR_KEY_TYPE_INCONSISTENT, "CKR_KEY_TYPE_INCONSISTENT",
           "the key is of the wrong type for this mechanism", CRT_ERR_ARGUMENTS},
    RvInfo{CKR_KEY_NOT_NEEDED, "CKR_KEY_NOT_NEEDED", "a key was given where none is needed",
           CRT_ERR_ARGUMENTS},
    RvInfo{CKR_KEY_CHANGED, "CKR_KEY_CHANGED", "the key changed since the state was saved",
           CRT_ERR_GENERAL},
    RvInfo{CKR_KEY_NEEDED, "CKR_KEY_NEEDED", "a key is needed and was not given",
           CRT_ERR_ARGUMENTS},
    RvInfo{CKR_KEY_INDIGESTIBLE, "CKR_KEY_INDIGESTIBLE", "the key cannot be digested",
           CRT_ERR_NOT_SUPPORTED},
    RvInfo{CKR_KEY_FUNCTION_NOT_PERMITTED, "CKR_KEY_FUNCTION_NOT_PERMITTED",
           "the key's attributes forbid this use (for example it may not sign)",
           CRT_ERR_NOT_SUPPORTED},
    RvInfo{CKR_KEY_NOT_WRAPPABLE, "CKR_KEY_NOT_WRAPPABLE", "the key cannot be wrapped",
           CRT_ERR_NOT_SUPPORTED},
    RvInfo{CKR_KEY_UNEXTRACTABLE, "CKR_KEY_UNEXTRACTABLE", "the key cannot leave the token",
           CRT_ERR_NOT_SUPPORTED},
    RvInfo{CKR_MECHANISM_INVALID, "CKR_MECHANISM_INVALID",
           "the token does not offer this mechanism", CRT_ERR_NOT_SUPPORTED},
    RvInfo{CKR_MECHANISM_PARAM_INVALID, "CKR_MECHANISM_PARAM_INVALID",
           "the token refused the mechanism's parameters", CRT_ERR_NOT_SUPPORTED},
    RvInfo{CKR_OBJECT_HANDLE_INVALID, "CKR_OBJECT_HANDLE_INVALID", "the object is gone",
           CRT_ERR_OBJECT_NOT_FOUND},
    RvInfo{CKR_OPERATION_ACTIVE, "CKR_OPERATION_ACTIVE",
           "another operation is still running in this session", CRT_ERR_GENERAL},
    RvInfo{CKR_OPERATION_NOT_INITIALIZED, "CKR_OPERATION_NOT_INITIALIZED",
           "no operation of this kind was started", CRT_ERR_GENERAL},
    RvInfo{CKR_PIN_INCORRECT, "CKR_PIN_INCORRECT", "the PIN is incorrect", CRT_ERR_PIN_INCORRECT},
    RvInfo{CKR_PIN_INVALID, "CKR_PIN_INVALID", "the PIN has characters the token does not accept",
           CRT_ERR_PIN_INVALID},
    RvInfo{CKR_PIN_LEN_RANGE, "CKR_PIN_LEN_RANGE", "the PIN is too short or too long",
           CRT_ERR_PIN_INVALID},
    RvInfo{CKR_PIN_EXPIRED, "CKR_PIN_EXPIRED", "the PIN has expired and must be changed first",
           CRT_ERR_GENERAL},
    RvInfo{CKR_PIN_LOCKED, "CKR_PIN_LOCKED", "the PIN is locked (blocked)", CRT_ERR_PIN_LOCKED},
    RvInfo{CKR_SESSION_CLOSED, "CKR_SESSION_CLOSED", "the session was closed (token removed?)",
           CRT_ERR_TOKEN_NOT_PRESENT},
    RvInfo{CKR_SESSION_COUNT, "CKR_SESSION_COUNT", "the token has too many sessions open",
           CRT_ERR_DEVICE},
    RvInfo{CKR_SESSION_HANDLE_INVALID, "CKR_SESSION_HANDLE_INVALID",
           "the session is gone (token removed?)", CRT_ERR_TOKEN_NOT_PRESENT},
    RvInfo{CKR_SESSION_PARALLEL_NOT_SUPPORTED, "CKR_SESSION_PARALLEL_NOT_SUPPORTED",
           "the token offers no parallel sessions", CRT_ERR_NOT_SUPPORTED},
    RvInfo{CKR_SESSION_READ_ONLY, "CKR_SESSION_READ_ONLY", "the session is read-only",
           CRT_ERR_NOT_SUPPORTED},
    RvInfo{CKR_SESSION_EXISTS, "CKR_SESSION_EXISTS", "a session is still open", CRT_ERR_GENERAL},
    RvInfo{CKR_SESSION_READ_ONLY_EXISTS, "CKR_SESSION_READ_ONLY_EXISTS",
           "a read-only session is open, so the security officer cannot log in", CRT_ERR_GENERAL},
    RvInfo{CKR_SESSION_READ_WRITE_SO_EXISTS, "CKR_SESSION_READ_WRITE_SO_EXISTS",
           "the security officer is logged in", CRT_ERR_GENERAL},
    RvInfo{CKR_SIGNATURE_INVALID, "CKR_SIGNATURE_INVALID", "the signature is not valid",
           CRT_ERR_DATA_INVALID},
    RvInfo{CKR_SIGNATURE_LEN_RANGE, "CKR_SIGNATURE_LEN_RANGE", "the signature has the wrong length",
           CRT_ERR_DATA_INVALID},
    RvInfo{CKR_TEMPLATE_INCOMPLETE, "CKR_TEMPLATE_INCOMPLETE",
           "the module needs more attributes to create the object", CRT_ERR_NOT_SUPPORTED},
    RvInfo{CKR_TEMPLATE_INCONSISTENT, "CKR_TEMPLATE_INCONSISTENT",
           "the module refused the combination of attributes", CRT_ERR_NOT_SUPPORTED},
    RvInfo{CKR_TOKEN_NOT_PRESENT, "CKR_TOKEN_NOT_PRESENT", "no token is in the reader",
           CRT_ERR_TOKEN_NOT_PRESENT},
    RvInfo{CKR_TOKEN_NOT_RECOGNIZED, "CKR_TOKEN_NOT_RECOGNIZED",
           "the module does not recognise the token", CRT_ERR_TOKEN_NOT_PRESENT},
    RvInfo{CKR_TOKEN_WRITE_PROTECTED, "CKR_TOKEN_WRITE_PROTECTED", "the token is write-protected",
           CRT_ERR_NOT_SUPPORTED},
    RvInfo{CKR_UNWRAPPING_KEY_SIZE_RANGE, "CKR_UNWRAPPING_KEY_SIZE_RANGE",
           "the unwrapping key has an unsupported size", CRT_ERR_NOT_SUPPORTED},
    RvInfo{CKR_UNWRAPPING_KEY_TYPE_INCONSISTENT, "CKR_UNWRAPPING_KEY_TYPE_INCONSISTENT",
           "the unwrapping key has the wrong type", CRT_ERR_NOT_SUPPORTED},
    RvInfo{CKR_USER_ALREADY_LOGGED_IN, "CKR_USER_ALREADY_LOGGED_IN",
           "the user is logged in already", CRT_ERR_GENERAL},
    RvInfo{CKR_USER_NOT_LOGGED_IN, "CKR_USER_NOT_LOGGED_IN", "log in to the token first",
           CRT_ERR_NOT_LOGGED_IN},
    RvInfo{CKR_USER_PIN_NOT_INITIALIZED, "CKR_USER_PIN_NOT_INITIALIZED",
           "the token has no user PIN yet (it must be initialised)", CRT_ERR_GENERAL},
    RvInfo{CKR_USER_TYPE_INVALID, "CKR_USER_TYPE_INVALID", "the module refused the user type",
           CRT_ERR_GENERAL},
    RvInfo{CKR_USER_ANOTHER_ALREADY_LOGGED_IN, "CKR_USER_ANOTHER_ALREADY_LOGGED_IN",
           "another user (the security officer) is logged in", CRT_ERR_GENERAL},
    RvInfo{CKR_USER_TOO_MANY_TYPES, "CKR_USER_TOO_MANY_TYPES",
           "too many kinds of user are logged in", CRT_ERR_GENERAL},
    RvInfo{CKR_WRAPPED_KEY_INVALID, "CKR_WRAPPED_KEY_INVALID", "the wrapped key is not valid",
           CRT_ERR_DATA_INVALID},
    RvInfo{CKR_WRAPPED_KEY_LEN_RANGE, "CKR_WRAPPED_KEY_LEN_RANGE",
           "the wrapped key has the wrong length", CRT_ERR_DATA_INVALID},
    RvInfo{CKR_WRAPPING_KEY_HANDLE_INVALID, "CKR_WRAPPING_KEY_HANDLE_INVALID",
           "the wrapping key is gone", CRT_ERR_OBJECT_NOT_FOUND},
    RvInfo{CKR_WRAPPING_KEY_SIZE_RANGE, "CKR_WRAPPING_KEY_SIZE_RANGE",
           "the wrapping key has an unsupported size", CRT_ERR_NOT_SUPPORTED},
    RvInfo{CKR_WRAPPING_KEY_TYPE_INCONSISTENT, "CKR_WRAPPING_KEY_TYPE_INCONSISTENT",
           "the wrapping key has the wrong type", CRT_ERR_NOT_SUPPORTED},
    RvInfo{CKR_RANDOM_SEED_NOT_SUPPORTED, "CKR_RANDOM_SEED_NOT_SUPPORTED",
           "the token's random generator takes no seed", CRT_ERR_NOT_SUPPORTED},
    RvInfo{CKR_RANDOM_NO_RNG, "CKR_RANDOM_NO_RNG", "the token has no random generator",
           CRT_ERR_NOT_SUPPORTED},
    RvInfo{CKR_DOMAIN_PARAMS_INVALID, "CKR_DOMAIN_PARAMS_INVALID",
           "the token does not offer these domain parameters (curve)", CRT_ERR_NOT_SUPPORTED},
    RvInfo{CKR_CURVE_NOT_SUPPORTED, "CKR_CURVE_NOT_SUPPORTED",
           "the token does not offer this curve", CRT_ERR_NOT_SUPPORTED},
    RvInfo{CKR_BUFFER_TOO_SMALL, "CKR_BUFFER_TOO_SMALL", "an output buffer was too small",
           CRT_ERR_GENERAL},
    RvInfo{CKR_SAVED_STATE_INVALID, "CKR_SAVED_STATE_INVALID", "the saved state is not valid",
           CRT_ERR_GENERAL},
    RvInfo{CKR_INFORMATION_SENSITIVE, "CKR_INFORMATION_SENSITIVE",
           "the requested information is secret", CRT_ERR_GENERAL},
    RvInfo{CKR_STATE_UNSAVEABLE, "CKR_STATE_UNSAVEABLE", "the state cannot be saved",
           CRT_ERR_GENERAL},
    RvInfo{CKR_CRYPTOKI_NOT_INITIALIZED, "CKR_CRYPTOKI_NOT_INITIALIZED",
           "the module was not initialised", CRT_ERR_GENERAL},
    RvInfo{CKR_CRYPTOKI_ALREADY_INITIALIZED, "CKR_CRYPTOKI_ALREADY_INITIALIZED",
           "the module was initialised already", CRT_ERR_GENERAL},
    RvInfo{CKR_MUTEX_BAD, "CKR_MUTEX_BAD", "the module was given a bad mutex", CRT_ERR_GENERAL},
    RvInfo{CKR_MUTEX_NOT_LOCKED, "CKR_MUTEX_NOT_LOCKED", "a mutex was not locked", CRT_ERR_GENERAL},
    RvInfo{CKR_NEW_PIN_MODE, "CKR_NEW_PIN_MODE", "the token wants a new PIN", CRT_ERR_GENERAL},
    RvInfo{CKR_NEXT_OTP, "CKR_NEXT_OTP", "the token wants the next one-time password",
           CRT_ERR_GENERAL},
    RvInfo{CKR_EXCEEDED_MAX_ITERATIONS, "CKR_EXCEEDED_MAX_ITERATIONS",
           "the module gave up after too many iterations", CRT_ERR_DEVICE},
    RvInfo{CKR_FIPS_SELF_TEST_FAILED, "CKR_FIPS_SELF_TEST_FAILED",
           "the module's FIPS self-test failed", CRT_ERR_DEVICE},
    RvInfo{CKR_LIBRARY_LOAD_FAILED, "CKR_LIBRARY_LOAD_FAILED",
           "the module could not load a library it needs", CRT_ERR_DEVICE},
    RvInfo{CKR_PIN_TOO_WEAK, "CKR_PIN_TOO_WEAK", "the new PIN is too weak", CRT_ERR_PIN_INVALID},
    RvInfo{CKR_PUBLIC_KEY_INVALID, "CKR_PUBLIC_KEY_INVALID", "the public key is not valid",
           CRT_ERR_DATA_INVALID},
    RvInfo{CKR_FUNCTION_REJECTED, "CKR_FUNCTION_REJECTED", "the user refused on the device",
           CRT_ERR_CANCELLED},
};

const RvInfo* find(CK_RV rv) {
  for (const RvInfo& info : kReturnValues)
    if (info.rv == rv) return &info;
  return nullptr;
}

std::string hex(CK_RV rv) {
  char text[32];
  std::snprintf(text, sizeof text, "0x%08lX", static_cast<unsigned long>(rv));
  return text;
}

}  // namespace

std::string rv_name(CK_RV rv) {
  if (const RvInfo* info = find(rv)) return info->name;
  if (rv >= CKR_VENDOR_DEFINED) return "CKR_VENDOR_DEFINED+" + hex(rv - CKR_VENDOR_DEFINED);
  return "unknown CKR " + hex(rv);
}

std::string_view rv_sentence(CK_RV rv) {
  if (const RvInfo* info = find(rv)) return info->sentence;
  if (rv >= CKR_VENDOR_DEFINED) return "a vendor-specific error (see the vendor's documentation)";
  return "an error PKCS#11 2.40 does not define";
}

crt_status rv_status(CK_RV rv) {
  if (const RvInfo* info = find(rv)) return info->status;
  return CRT_ERR_GENERAL;
}

std::string describe_rv(std::string_view function, CK_RV rv) {
  return std::string(function) + " returned " + rv_name(rv) + " (" + hex(rv) +
         "): " + std::string(rv_sentence(rv));
}

void throw_rv(CK_RV rv, std::string_view function, std::string_view doing) {
  const crt_status status = rv == CKR_OK ? CRT_ERR_GENERAL : rv_status(rv);
  throw DriverError(status, std::string(doing) + ": " + describe_rv(function, rv));
}

void check_rv(CK_RV rv, std::string_view function, std::string_view doing) {
  if (rv != CKR_OK) throw_rv(rv, function, doing);
}

}  // namespace certrenew::pkcs11
