#include "return_codes.hpp"

#include <certrenew/plugins/return_codes.hpp>

#include <array>

#include "bridge_error.hpp"

namespace certrenew::pkcs11 {

namespace {

using RvInfo = plugins::ReturnCode<CK_RV, const char*>;
using plugins::code_hex;

// Every CKR_* of PKCS#11 2.40 (as p11-kit's header has them). The status column is what the host
// reacts to: PIN problems, a missing token, a full token, a cancelled PIN pad, bad input.
// One row per CKR_*: the name is the code spelled out, the status a CRT_ERR_* suffix.
// clang-format off
#define RV(code, status, sentence) RvInfo{code, #code, sentence, CRT_ERR_##status}
constexpr std::array kReturnValues = {
    RvInfo{CKR_OK, "CKR_OK", "the function succeeded", CRT_OK},
    RV(CKR_CANCEL,                           CANCELLED,         "the operation was cancelled"),
    RV(CKR_HOST_MEMORY,                      GENERAL,           "the computer ran out of memory"),
    RV(CKR_SLOT_ID_INVALID,                  TOKEN_NOT_PRESENT, "the reader (slot) is gone"),
    RV(CKR_GENERAL_ERROR,                    DEVICE,            "the module hit an unrecoverable error"),
    RV(CKR_FUNCTION_FAILED,                  DEVICE,            "the module could not carry out the request"),
    RV(CKR_ARGUMENTS_BAD,                    ARGUMENTS,         "the module refused the arguments"),
    RV(CKR_NO_EVENT,                         GENERAL,           "no slot event happened"),
    RV(CKR_NEED_TO_CREATE_THREADS,           GENERAL,           "the module needs to create threads and was not allowed to"),
    RV(CKR_CANT_LOCK,                        NOT_SUPPORTED,     "the module cannot use the operating system's locks"),
    RV(CKR_ATTRIBUTE_READ_ONLY,              GENERAL,           "an attribute cannot be changed"),
    RV(CKR_ATTRIBUTE_SENSITIVE,              GENERAL,           "an attribute is secret and cannot be read"),
    RV(CKR_ATTRIBUTE_TYPE_INVALID,           NOT_SUPPORTED,     "the module does not know an attribute"),
    RV(CKR_ATTRIBUTE_VALUE_INVALID,          DATA_INVALID,      "the module refused an attribute value"),
    RV(CKR_ACTION_PROHIBITED,                NOT_SUPPORTED,     "the token's policy forbids this action"),
    RV(CKR_DATA_INVALID,                     DATA_INVALID,      "the input data is not acceptable"),
    RV(CKR_DATA_LEN_RANGE,                   DATA_INVALID,      "the input data has the wrong length"),
    RV(CKR_DEVICE_ERROR,                     DEVICE,            "the token or its reader failed"),
    RV(CKR_DEVICE_MEMORY,                    TOKEN_FULL,        "the token has no room left"),
    RV(CKR_DEVICE_REMOVED,                   TOKEN_NOT_PRESENT, "the token was removed"),
    RV(CKR_ENCRYPTED_DATA_INVALID,           DATA_INVALID,      "the encrypted data is not valid"),
    RV(CKR_ENCRYPTED_DATA_LEN_RANGE,         DATA_INVALID,      "the encrypted data has the wrong length"),
    RV(CKR_FUNCTION_CANCELED,                CANCELLED,         "the operation was cancelled on the device"),
    RV(CKR_FUNCTION_NOT_PARALLEL,            NOT_SUPPORTED,     "the module runs no function in parallel"),
    RV(CKR_FUNCTION_NOT_SUPPORTED,           NOT_SUPPORTED,     "the module does not offer this function"),
    RV(CKR_KEY_HANDLE_INVALID,               OBJECT_NOT_FOUND,  "the key is gone"),
    RV(CKR_KEY_SIZE_RANGE,                   NOT_SUPPORTED,     "the token does not offer this key size"),
    RV(CKR_KEY_TYPE_INCONSISTENT,            ARGUMENTS,         "the key is of the wrong type for this mechanism"),
    RV(CKR_KEY_NOT_NEEDED,                   ARGUMENTS,         "a key was given where none is needed"),
    RV(CKR_KEY_CHANGED,                      GENERAL,           "the key changed since the state was saved"),
    RV(CKR_KEY_NEEDED,                       ARGUMENTS,         "a key is needed and was not given"),
    RV(CKR_KEY_INDIGESTIBLE,                 NOT_SUPPORTED,     "the key cannot be digested"),
    RV(CKR_KEY_FUNCTION_NOT_PERMITTED,       NOT_SUPPORTED,     "the key's attributes forbid this use (for example it may not sign)"),
    RV(CKR_KEY_NOT_WRAPPABLE,                NOT_SUPPORTED,     "the key cannot be wrapped"),
    RV(CKR_KEY_UNEXTRACTABLE,                NOT_SUPPORTED,     "the key cannot leave the token"),
    RV(CKR_MECHANISM_INVALID,                NOT_SUPPORTED,     "the token does not offer this mechanism"),
    RV(CKR_MECHANISM_PARAM_INVALID,          NOT_SUPPORTED,     "the token refused the mechanism's parameters"),
    RV(CKR_OBJECT_HANDLE_INVALID,            OBJECT_NOT_FOUND,  "the object is gone"),
    RV(CKR_OPERATION_ACTIVE,                 GENERAL,           "another operation is still running in this session"),
    RV(CKR_OPERATION_NOT_INITIALIZED,        GENERAL,           "no operation of this kind was started"),
    RV(CKR_PIN_INCORRECT,                    PIN_INCORRECT,     "the PIN is incorrect"),
    RV(CKR_PIN_INVALID,                      PIN_INVALID,       "the PIN has characters the token does not accept"),
    RV(CKR_PIN_LEN_RANGE,                    PIN_INVALID,       "the PIN is too short or too long"),
    RV(CKR_PIN_EXPIRED,                      GENERAL,           "the PIN has expired and must be changed first"),
    RV(CKR_PIN_LOCKED,                       PIN_LOCKED,        "the PIN is locked (blocked)"),
    RV(CKR_SESSION_CLOSED,                   TOKEN_NOT_PRESENT, "the session was closed (token removed?)"),
    RV(CKR_SESSION_COUNT,                    DEVICE,            "the token has too many sessions open"),
    RV(CKR_SESSION_HANDLE_INVALID,           TOKEN_NOT_PRESENT, "the session is gone (token removed?)"),
    RV(CKR_SESSION_PARALLEL_NOT_SUPPORTED,   NOT_SUPPORTED,     "the token offers no parallel sessions"),
    RV(CKR_SESSION_READ_ONLY,                NOT_SUPPORTED,     "the session is read-only"),
    RV(CKR_SESSION_EXISTS,                   GENERAL,           "a session is still open"),
    RV(CKR_SESSION_READ_ONLY_EXISTS,         GENERAL,           "a read-only session is open, so the security officer cannot log in"),
    RV(CKR_SESSION_READ_WRITE_SO_EXISTS,     GENERAL,           "the security officer is logged in"),
    RV(CKR_SIGNATURE_INVALID,                DATA_INVALID,      "the signature is not valid"),
    RV(CKR_SIGNATURE_LEN_RANGE,              DATA_INVALID,      "the signature has the wrong length"),
    RV(CKR_TEMPLATE_INCOMPLETE,              NOT_SUPPORTED,     "the module needs more attributes to create the object"),
    RV(CKR_TEMPLATE_INCONSISTENT,            NOT_SUPPORTED,     "the module refused the combination of attributes"),
    RV(CKR_TOKEN_NOT_PRESENT,                TOKEN_NOT_PRESENT, "no token is in the reader"),
    RV(CKR_TOKEN_NOT_RECOGNIZED,             TOKEN_NOT_PRESENT, "the module does not recognise the token"),
    RV(CKR_TOKEN_WRITE_PROTECTED,            NOT_SUPPORTED,     "the token is write-protected"),
    RV(CKR_UNWRAPPING_KEY_SIZE_RANGE,        NOT_SUPPORTED,     "the unwrapping key has an unsupported size"),
    RV(CKR_UNWRAPPING_KEY_TYPE_INCONSISTENT, NOT_SUPPORTED,     "the unwrapping key has the wrong type"),
    RV(CKR_USER_ALREADY_LOGGED_IN,           GENERAL,           "the user is logged in already"),
    RV(CKR_USER_NOT_LOGGED_IN,               NOT_LOGGED_IN,     "log in to the token first"),
    RV(CKR_USER_PIN_NOT_INITIALIZED,         GENERAL,           "the token has no user PIN yet (it must be initialised)"),
    RV(CKR_USER_TYPE_INVALID,                GENERAL,           "the module refused the user type"),
    RV(CKR_USER_ANOTHER_ALREADY_LOGGED_IN,   GENERAL,           "another user (the security officer) is logged in"),
    RV(CKR_USER_TOO_MANY_TYPES,              GENERAL,           "too many kinds of user are logged in"),
    RV(CKR_WRAPPED_KEY_INVALID,              DATA_INVALID,      "the wrapped key is not valid"),
    RV(CKR_WRAPPED_KEY_LEN_RANGE,            DATA_INVALID,      "the wrapped key has the wrong length"),
    RV(CKR_WRAPPING_KEY_HANDLE_INVALID,      OBJECT_NOT_FOUND,  "the wrapping key is gone"),
    RV(CKR_WRAPPING_KEY_SIZE_RANGE,          NOT_SUPPORTED,     "the wrapping key has an unsupported size"),
    RV(CKR_WRAPPING_KEY_TYPE_INCONSISTENT,   NOT_SUPPORTED,     "the wrapping key has the wrong type"),
    RV(CKR_RANDOM_SEED_NOT_SUPPORTED,        NOT_SUPPORTED,     "the token's random generator takes no seed"),
    RV(CKR_RANDOM_NO_RNG,                    NOT_SUPPORTED,     "the token has no random generator"),
    RV(CKR_DOMAIN_PARAMS_INVALID,            NOT_SUPPORTED,     "the token does not offer these domain parameters (curve)"),
    RV(CKR_CURVE_NOT_SUPPORTED,              NOT_SUPPORTED,     "the token does not offer this curve"),
    RV(CKR_BUFFER_TOO_SMALL,                 GENERAL,           "an output buffer was too small"),
    RV(CKR_SAVED_STATE_INVALID,              GENERAL,           "the saved state is not valid"),
    RV(CKR_INFORMATION_SENSITIVE,            GENERAL,           "the requested information is secret"),
    RV(CKR_STATE_UNSAVEABLE,                 GENERAL,           "the state cannot be saved"),
    RV(CKR_CRYPTOKI_NOT_INITIALIZED,         GENERAL,           "the module was not initialised"),
    RV(CKR_CRYPTOKI_ALREADY_INITIALIZED,     GENERAL,           "the module was initialised already"),
    RV(CKR_MUTEX_BAD,                        GENERAL,           "the module was given a bad mutex"),
    RV(CKR_MUTEX_NOT_LOCKED,                 GENERAL,           "a mutex was not locked"),
    RV(CKR_NEW_PIN_MODE,                     GENERAL,           "the token wants a new PIN"),
    RV(CKR_NEXT_OTP,                         GENERAL,           "the token wants the next one-time password"),
    RV(CKR_EXCEEDED_MAX_ITERATIONS,          DEVICE,            "the module gave up after too many iterations"),
    RV(CKR_FIPS_SELF_TEST_FAILED,            DEVICE,            "the module's FIPS self-test failed"),
    RV(CKR_LIBRARY_LOAD_FAILED,              DEVICE,            "the module could not load a library it needs"),
    RV(CKR_PIN_TOO_WEAK,                     PIN_INVALID,       "the new PIN is too weak"),
    RV(CKR_PUBLIC_KEY_INVALID,               DATA_INVALID,      "the public key is not valid"),
    RV(CKR_FUNCTION_REJECTED,                CANCELLED,         "the user refused on the device"),
};
// clang-format on
#undef RV

const RvInfo* find(CK_RV rv) {
  return plugins::find_return_code(kReturnValues, rv);
}

}  // namespace

std::string rv_name(CK_RV rv) {
  if (const RvInfo* info = find(rv)) return info->name;
  if (rv >= CKR_VENDOR_DEFINED) return "CKR_VENDOR_DEFINED+" + code_hex(rv - CKR_VENDOR_DEFINED);
  return "unknown CKR " + code_hex(rv);
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
  return std::string(function) + " returned " + rv_name(rv) + " (" + code_hex(rv) +
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
