#pragma once

#include <certrenew/plugins/dynamic_library.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "pkcs11.hpp"

namespace certrenew::pkcs11 {

// One vendor PKCS#11 module, loaded and initialised once per process however many contexts use
// it: PKCS#11 state (C_Initialize, logins) belongs to the process, not to a caller. The module is
// finalised (C_Finalize, when we were the ones who initialised it) and unloaded when the last
// context that uses it closes.
class Module {
 public:
  // The module at `path`, loaded and initialised with CKF_OS_LOCKING_OK if no context has it yet.
  // Throws DriverError(CRT_ERR_CONFIG) when the file is missing, is not a loadable library, has
  // no C_GetFunctionList, or C_Initialize fails. Thread-safe.
  static std::shared_ptr<Module> acquire(const std::filesystem::path& path);

  Module(const std::filesystem::path& path, std::string key);
  ~Module();
  Module(const Module&) = delete;
  Module& operator=(const Module&) = delete;

  // The module's function list (valid while this object lives).
  const CK_FUNCTION_LIST& api() const { return *functions_; }
  // The path as configured, for messages.
  const std::filesystem::path& path() const { return path_; }
  // The module's own description (CK_INFO), e.g. to match RFC 7512 library-* attributes.
  const CK_INFO& info() const { return info_; }

  // PKCS#11 keeps one login state per token for the whole process, shared by every session. These
  // count our sessions logged in to a slot so that one session's logout does not log out the
  // others: note_logout returns true when the caller was the last and should call C_Logout.
  void note_login(CK_SLOT_ID slot);
  bool note_logout(CK_SLOT_ID slot);

 private:
  friend struct ModuleRegistry;

  std::filesystem::path path_;
  std::string key_;  // the registry key: the canonical path
  plugins::DynamicLibrary library_;
  CK_FUNCTION_LIST* functions_ = nullptr;
  CK_INFO info_{};
  bool we_initialised_ = false;  // false when someone else in the process had initialised it
  int users_ = 0;                // contexts holding it; guarded by the registry's mutex

  std::mutex login_mutex_;
  std::map<CK_SLOT_ID, int> logins_;
};

}  // namespace certrenew::pkcs11
