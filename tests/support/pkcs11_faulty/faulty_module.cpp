// TEST DOUBLE: libcertrenew-test-pkcs11-faulty.so, a real PKCS#11 module that wraps another one
// (SoftHSM2 by default), forwards every function to it, and injects the PIN and device states
// SoftHSM2 never shows: a low try counter, the final try, a locked PIN, a PIN pad, a removed
// token, a key that claims to be extractable. Never shipped; tests load it like any vendor module.
//
// How to drive it (everything through the environment, read on every call, so a test can change
// the faults between two calls without reloading the module):
//   CERTRENEW_FAULTY_PKCS11_TARGET   the module to wrap (default /usr/lib/softhsm/libsofthsm2.so)
//   CERTRENEW_FAULTY_PKCS11_CONTROL  a file of whitespace-separated words (none, or no file: no
//                                    faults):
//     count_low | final_try | locked   add CKF_USER_PIN_COUNT_LOW / _FINAL_TRY / _LOCKED to
//                                      C_GetTokenInfo's flags
//     login_incorrect | login_locked   C_Login(CKU_USER) returns CKR_PIN_INCORRECT / CKR_PIN_LOCKED
//                                      without asking the wrapped module
//     pin_tries=N                      emulate a token with N tries: a wrong PIN (as the wrapped
//                                      module judges it) spends one, the flags follow (COUNT_LOW,
//                                      FINAL_TRY at 1, LOCKED at 0 and then CKR_PIN_LOCKED), a
//                                      right PIN refills them; changing N starts afresh.
//                                      C_SetPIN spends and refills them like C_Login (a wrong
//                                      old PIN is a wrong try), and a successful C_InitPIN (the
//                                      SO's unblock) refills them, as a real token does
//     pin_pad                          CKF_PROTECTED_AUTHENTICATION_PATH; C_Login with a NULL PIN
//                                      logs in with $CERTRENEW_FAULTY_PKCS11_PAD_PIN, as if typed
//                                      on the device
//     pad_cancel                       C_Login with a NULL PIN returns CKR_FUNCTION_CANCELED
//     removed                          no token in the slot list, CKR_TOKEN_NOT_PRESENT from
//                                      C_GetTokenInfo, CKR_DEVICE_REMOVED from session calls
//     extractable                      C_GetAttributeValue says CKA_NEVER_EXTRACTABLE is false
//   CERTRENEW_FAULTY_PKCS11_COUNTER  optional file that keeps the emulated counter ("max left")
//                                    between processes, so tries spent by one certrenew-cli run
//                                    are missing in the next, as on a real token
//   CERTRENEW_FAULTY_PKCS11_LOG      optional file: one line "C_Login <user type>" is appended for
//                                    every C_Login the module receives, so a test can see whether
//                                    a PIN try reached the token
// POSIX only (dlopen), like the rest of the test support that starts things.
#include <p11-kit/pkcs11.h>

#include <dlfcn.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <string>

namespace {

CK_FUNCTION_LIST* g_target = nullptr;  // the wrapped module's functions
CK_FUNCTION_LIST g_list;               // ours: the target's, with some replaced

std::string env_or(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : fallback;
}

// The control words now.
struct Faults {
  std::set<std::string> words;
  int pin_tries = 0;  // 0: no emulated counter

  bool has(const char* word) const { return words.count(word) != 0; }
};

Faults read_faults() {
  Faults faults;
  const std::string path = env_or("CERTRENEW_FAULTY_PKCS11_CONTROL", "");
  if (path.empty()) return faults;
  std::ifstream in(path);
  for (std::string word; in >> word;) {
    if (word.rfind("pin_tries=", 0) == 0)
      faults.pin_tries = std::atoi(word.c_str() + 10);
    else
      faults.words.insert(word);
  }
  return faults;
}

void log_line(const std::string& line) {
  const std::string path = env_or("CERTRENEW_FAULTY_PKCS11_LOG", "");
  if (path.empty()) return;
  std::ofstream(path, std::ios::app) << line << "\n";
}

// The emulated try counter (pin_tries=N).
std::mutex g_counter_mutex;
int g_counter_max = 0;
int g_counter_left = 0;

// With CERTRENEW_FAULTY_PKCS11_COUNTER the counter lives in that file (called with the mutex
// held): read before each use, written after each change.
void load_counter() {
  const std::string path = env_or("CERTRENEW_FAULTY_PKCS11_COUNTER", "");
  if (path.empty()) return;
  std::ifstream in(path);
  int max = 0, left = 0;
  if (in >> max >> left && max >= 0 && left >= 0 && left <= max) {
    g_counter_max = max;
    g_counter_left = left;
  }
}

void save_counter() {
  const std::string path = env_or("CERTRENEW_FAULTY_PKCS11_COUNTER", "");
  if (!path.empty()) std::ofstream(path) << g_counter_max << " " << g_counter_left << "\n";
}

int tries_left(const Faults& faults) {
  std::lock_guard lock(g_counter_mutex);
  load_counter();
  if (faults.pin_tries != g_counter_max) {
    g_counter_max = g_counter_left = faults.pin_tries;
    save_counter();
  }
  return g_counter_left;
}

void note_attempt(bool right) {
  std::lock_guard lock(g_counter_mutex);
  load_counter();
  if (g_counter_max == 0) return;
  if (right)
    g_counter_left = g_counter_max;
  else if (g_counter_left > 0)
    --g_counter_left;
  save_counter();
}

// ---- the replaced functions ---------------------------------------------------------------

CK_RV faulty_GetSlotList(CK_BBOOL token_present, CK_SLOT_ID_PTR list, CK_ULONG_PTR count) {
  if (token_present && read_faults().has("removed")) {
    if (count == nullptr) return CKR_ARGUMENTS_BAD;
    *count = 0;
    return CKR_OK;
  }
  return g_target->C_GetSlotList(token_present, list, count);
}

CK_RV faulty_GetTokenInfo(CK_SLOT_ID slot, CK_TOKEN_INFO_PTR info) {
  const Faults faults = read_faults();
  if (faults.has("removed")) return CKR_TOKEN_NOT_PRESENT;
  const CK_RV rv = g_target->C_GetTokenInfo(slot, info);
  if (rv != CKR_OK) return rv;
  if (faults.has("count_low")) info->flags |= CKF_USER_PIN_COUNT_LOW;
  if (faults.has("final_try")) info->flags |= CKF_USER_PIN_FINAL_TRY;
  if (faults.has("locked")) info->flags |= CKF_USER_PIN_LOCKED;
  if (faults.has("pin_pad")) info->flags |= CKF_PROTECTED_AUTHENTICATION_PATH;
  if (faults.pin_tries > 0) {
    const int left = tries_left(faults);
    info->flags &= ~(CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY | CKF_USER_PIN_LOCKED);
    if (left < faults.pin_tries) info->flags |= CKF_USER_PIN_COUNT_LOW;
    if (left == 1) info->flags |= CKF_USER_PIN_FINAL_TRY;
    if (left == 0) info->flags |= CKF_USER_PIN_LOCKED;
  }
  return CKR_OK;
}

CK_RV faulty_Login(CK_SESSION_HANDLE session, CK_USER_TYPE user, CK_UTF8CHAR_PTR pin,
                   CK_ULONG pin_len) {
  log_line("C_Login " + std::to_string(user));
  const Faults faults = read_faults();
  if (faults.has("removed")) return CKR_DEVICE_REMOVED;
  if (user == CKU_USER && faults.has("login_locked")) return CKR_PIN_LOCKED;
  if (user == CKU_USER && faults.has("login_incorrect")) return CKR_PIN_INCORRECT;

  std::string pad_pin;
  if (pin == nullptr && faults.has("pin_pad")) {
    if (faults.has("pad_cancel")) return CKR_FUNCTION_CANCELED;
    pad_pin = env_or("CERTRENEW_FAULTY_PKCS11_PAD_PIN", "");
    pin = reinterpret_cast<CK_UTF8CHAR_PTR>(pad_pin.data());
    pin_len = pad_pin.size();
  }
  if (user == CKU_USER && faults.pin_tries > 0 && tries_left(faults) == 0) return CKR_PIN_LOCKED;
  const CK_RV rv = g_target->C_Login(session, user, pin, pin_len);
  if (user == CKU_USER && faults.pin_tries > 0) {
    if (rv == CKR_OK || rv == CKR_USER_ALREADY_LOGGED_IN) note_attempt(true);
    if (rv == CKR_PIN_INCORRECT) note_attempt(false);
  }
  return rv;
}

CK_RV faulty_SetPIN(CK_SESSION_HANDLE session, CK_UTF8CHAR_PTR old_pin, CK_ULONG old_len,
                    CK_UTF8CHAR_PTR new_pin, CK_ULONG new_len) {
  const Faults faults = read_faults();
  if (faults.has("removed")) return CKR_DEVICE_REMOVED;
  if (faults.pin_tries > 0 && tries_left(faults) == 0) return CKR_PIN_LOCKED;
  const CK_RV rv = g_target->C_SetPIN(session, old_pin, old_len, new_pin, new_len);
  if (faults.pin_tries > 0) {
    if (rv == CKR_OK) note_attempt(true);
    if (rv == CKR_PIN_INCORRECT) note_attempt(false);
  }
  return rv;
}

// The SO's C_InitPIN sets a new user PIN and, on a real token, its full try counter.
CK_RV faulty_InitPIN(CK_SESSION_HANDLE session, CK_UTF8CHAR_PTR pin, CK_ULONG pin_len) {
  const Faults faults = read_faults();
  if (faults.has("removed")) return CKR_DEVICE_REMOVED;
  const CK_RV rv = g_target->C_InitPIN(session, pin, pin_len);
  if (rv == CKR_OK && faults.pin_tries > 0) {
    tries_left(faults);  // starts the counter if this is its first use
    note_attempt(true);
  }
  return rv;
}

CK_RV faulty_OpenSession(CK_SLOT_ID slot, CK_FLAGS flags, CK_VOID_PTR app, CK_NOTIFY notify,
                         CK_SESSION_HANDLE_PTR session) {
  if (read_faults().has("removed")) return CKR_DEVICE_REMOVED;
  return g_target->C_OpenSession(slot, flags, app, notify, session);
}

CK_RV faulty_FindObjectsInit(CK_SESSION_HANDLE session, CK_ATTRIBUTE_PTR templ, CK_ULONG count) {
  if (read_faults().has("removed")) return CKR_DEVICE_REMOVED;
  return g_target->C_FindObjectsInit(session, templ, count);
}

CK_RV faulty_SignInit(CK_SESSION_HANDLE session, CK_MECHANISM_PTR mechanism, CK_OBJECT_HANDLE key) {
  if (read_faults().has("removed")) return CKR_DEVICE_REMOVED;
  return g_target->C_SignInit(session, mechanism, key);
}

CK_RV faulty_GetAttributeValue(CK_SESSION_HANDLE session, CK_OBJECT_HANDLE object,
                               CK_ATTRIBUTE_PTR templ, CK_ULONG count) {
  const Faults faults = read_faults();
  if (faults.has("removed")) return CKR_DEVICE_REMOVED;
  const CK_RV rv = g_target->C_GetAttributeValue(session, object, templ, count);
  if (faults.has("extractable")) {
    for (CK_ULONG i = 0; i < count; ++i) {
      if (templ[i].type == CKA_NEVER_EXTRACTABLE && templ[i].pValue != nullptr &&
          templ[i].ulValueLen == sizeof(CK_BBOOL))
        *static_cast<CK_BBOOL*>(templ[i].pValue) = CK_FALSE;
    }
  }
  return rv;
}

CK_RV load_target() {
  const std::string path =
      env_or("CERTRENEW_FAULTY_PKCS11_TARGET", "/usr/lib/softhsm/libsofthsm2.so");
  void* library = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);  // kept until the process ends
  if (library == nullptr) {
    std::fprintf(stderr, "certrenew-test-pkcs11-faulty: cannot load %s: %s\n", path.c_str(),
                 dlerror());
    return CKR_GENERAL_ERROR;
  }
  using GetFunctionList = CK_RV (*)(CK_FUNCTION_LIST_PTR_PTR);
  const auto get = reinterpret_cast<GetFunctionList>(dlsym(library, "C_GetFunctionList"));
  if (get == nullptr || get(&g_target) != CKR_OK || g_target == nullptr) return CKR_GENERAL_ERROR;
  g_list = *g_target;
  g_list.C_GetFunctionList = C_GetFunctionList;
  g_list.C_GetSlotList = faulty_GetSlotList;
  g_list.C_GetTokenInfo = faulty_GetTokenInfo;
  g_list.C_Login = faulty_Login;
  g_list.C_OpenSession = faulty_OpenSession;
  g_list.C_SetPIN = faulty_SetPIN;
  g_list.C_InitPIN = faulty_InitPIN;
  g_list.C_FindObjectsInit = faulty_FindObjectsInit;
  g_list.C_SignInit = faulty_SignInit;
  g_list.C_GetAttributeValue = faulty_GetAttributeValue;
  return CKR_OK;
}

}  // namespace

extern "C" __attribute__((visibility("default"))) CK_RV C_GetFunctionList(
    CK_FUNCTION_LIST_PTR_PTR list) {
  static std::once_flag once;
  static CK_RV loaded = CKR_GENERAL_ERROR;
  std::call_once(once, [] { loaded = load_target(); });
  if (list == nullptr) return CKR_ARGUMENTS_BAD;
  if (loaded != CKR_OK) return loaded;
  *list = &g_list;
  return CKR_OK;
}
