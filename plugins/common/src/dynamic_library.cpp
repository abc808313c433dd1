// PLATFORM-SPECIFIC: loading a shared library. Everything else in the bridges is portable.
#include "certrenew/plugins/dynamic_library.hpp"

#include <certrenew/driver_kit/error.hpp>

#if defined(_WIN32)
#include <windows.h>
#else
#include <dlfcn.h>
#include <link.h>

#include <cstring>
#endif

namespace certrenew::plugins {

using driver_kit::fail;

#if defined(_WIN32)

DynamicLibrary::DynamicLibrary(const std::filesystem::path& path, const std::string& cannot_load) {
  HMODULE module = LoadLibraryW(path.c_str());
  if (module == nullptr)
    fail(CRT_ERR_CONFIG, cannot_load + ": Windows error " + std::to_string(GetLastError()));
  handle_ = module;
}

DynamicLibrary::~DynamicLibrary() {
  if (handle_ != nullptr) FreeLibrary(static_cast<HMODULE>(handle_));
}

void* DynamicLibrary::symbol(const char* name) const {
  return reinterpret_cast<void*>(GetProcAddress(static_cast<HMODULE>(handle_), name));
}

void* DynamicLibrary::own_symbol(const char* name) const {
  return symbol(name);  // GetProcAddress searches the module alone
}

#else

DynamicLibrary::DynamicLibrary(const std::filesystem::path& path, const std::string& cannot_load) {
  handle_ = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle_ == nullptr) {
    const char* reason = dlerror();
    fail(CRT_ERR_CONFIG,
         cannot_load + ": " + (reason != nullptr ? reason : "unknown loader error"));
  }
}

DynamicLibrary::~DynamicLibrary() {
  if (handle_ != nullptr) dlclose(handle_);
}

void* DynamicLibrary::symbol(const char* name) const {
  return dlsym(handle_, name);  // searches the library, then its dependencies
}

void* DynamicLibrary::own_symbol(const char* name) const {
  void* address = symbol(name);
#if defined(__linux__)
  // Keep it only when it lies in the library itself: the loader names the same file for both.
  Dl_info owner{};
  link_map* self = nullptr;
  if (address != nullptr && dladdr(address, &owner) != 0 &&
      dlinfo(handle_, RTLD_DI_LINKMAP, &self) == 0 && self != nullptr &&
      owner.dli_fname != nullptr && std::strcmp(owner.dli_fname, self->l_name) != 0)
    return nullptr;
#endif
  return address;
}

#endif

}  // namespace certrenew::plugins
