#include "module.hpp"

#include <system_error>

#include "bridge_error.hpp"
#include "return_codes.hpp"

namespace certrenew::pkcs11 {

namespace fs = std::filesystem;

// The modules in use in this process, by canonical path. A static of the driver library: the host
// keeps the library loaded while any context from it exists, so no context outlives it.
struct ModuleRegistry {
  std::mutex mutex;
  std::map<std::string, Module*> modules;

  static ModuleRegistry& instance() {
    static ModuleRegistry registry;
    return registry;
  }

  // The shared_ptr deleter: the count and the finalisation happen under the registry's lock, so a
  // context acquiring the same module meanwhile never sees it half finalised.
  static void release(Module* module) {
    ModuleRegistry& r = instance();
    std::lock_guard lock(r.mutex);
    if (--module->users_ > 0) return;
    r.modules.erase(module->key_);
    delete module;
  }
};

namespace {

// A path with a directory part must name an existing file (a clearer error than the loader's);
// a bare file name is left to the system's library search.
std::string registry_key(const fs::path& path) {
  if (!path.has_parent_path()) return path.string();
  std::error_code ec;
  if (!fs::exists(path, ec))
    fail(CRT_ERR_CONFIG, "the PKCS#11 module " + path.string() + " does not exist");
  if (fs::is_directory(path, ec))
    fail(CRT_ERR_CONFIG, "the PKCS#11 module " + path.string() + " is a directory, not a library");
  const fs::path canonical = fs::canonical(path, ec);
  return ec ? path.string() : canonical.string();
}

std::string module_text(const fs::path& path) {
  return "the PKCS#11 module " + path.string();
}

}  // namespace

std::shared_ptr<Module> Module::acquire(const fs::path& path) {
  if (path.empty()) fail(CRT_ERR_CONFIG, "a PKCS#11 module path is empty");
  const std::string key = registry_key(path);
  ModuleRegistry& r = ModuleRegistry::instance();
  std::lock_guard lock(r.mutex);
  Module* module = nullptr;
  if (auto it = r.modules.find(key); it != r.modules.end()) {
    module = it->second;
  } else {
    module = new Module(path, key);  // throws before anything is registered
    r.modules.emplace(key, module);
  }
  ++module->users_;
  return std::shared_ptr<Module>(module, &ModuleRegistry::release);
}

Module::Module(const fs::path& path, std::string key)
    : path_(path),
      key_(std::move(key)),
      library_(path, "cannot load the PKCS#11 module " + path.string()) {
  using GetFunctionList = CK_RV (*)(CK_FUNCTION_LIST_PTR_PTR);
  void* entry = library_.own_symbol("C_GetFunctionList");
  if (entry == nullptr)
    fail(CRT_ERR_CONFIG, module_text(path) +
                             " is not a PKCS#11 module: it exports no "
                             "C_GetFunctionList");
  const auto get_function_list = reinterpret_cast<GetFunctionList>(entry);
  CK_RV rv = get_function_list(&functions_);
  if (rv != CKR_OK || functions_ == nullptr)
    fail(CRT_ERR_CONFIG, module_text(path) + ": " + describe_rv("C_GetFunctionList", rv));
  if (functions_->version.major < 2)
    fail(CRT_ERR_CONFIG,
         module_text(path) + " implements PKCS#11 " + std::to_string(functions_->version.major) +
             "." + std::to_string(functions_->version.minor) + "; 2.x or later is needed");

  // The module locks with the operating system's primitives: several contexts (threads) of the
  // host may call it at once, and the driver ABI promises nothing more than per-context order.
  CK_C_INITIALIZE_ARGS args{};
  args.flags = CKF_OS_LOCKING_OK;
  rv = functions_->C_Initialize(&args);
  if (rv == CKR_OK) {
    we_initialised_ = true;
  } else if (rv == CKR_CRYPTOKI_ALREADY_INITIALIZED) {
    // Someone else in the process initialised it already: use it, and leave finalising to them.
  } else {
    fail(CRT_ERR_CONFIG, module_text(path) + " did not start: " + describe_rv("C_Initialize", rv) +
                             (rv == CKR_CANT_LOCK ? " (the bridge needs a thread-safe module)"
                                                  : " (the module's own log may say why)"));
  }
  rv = functions_->C_GetInfo(&info_);
  if (rv != CKR_OK) {
    if (we_initialised_) functions_->C_Finalize(nullptr);
    fail(CRT_ERR_CONFIG, module_text(path) + ": " + describe_rv("C_GetInfo", rv));
  }
}

Module::~Module() {
  if (we_initialised_) functions_->C_Finalize(nullptr);  // closes every session it still has
}

void Module::note_login(CK_SLOT_ID slot) {
  std::lock_guard lock(login_mutex_);
  ++logins_[slot];
}

bool Module::note_logout(CK_SLOT_ID slot) {
  std::lock_guard lock(login_mutex_);
  auto it = logins_.find(slot);
  if (it == logins_.end()) return true;
  if (--it->second > 0) return false;
  logins_.erase(it);
  return true;
}

}  // namespace certrenew::pkcs11
