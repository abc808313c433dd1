#pragma once

// A vendor's library (a PKCS#11 module, an SKF library) loaded into a bridge's process.
// PLATFORM-SPECIFIC: the only place in the shipped drivers that calls dlopen/dlsym (POSIX) or
// LoadLibraryW/GetProcAddress (Windows); see dynamic_library.cpp. Closing happens in the
// destructor.

#include <filesystem>
#include <string>

namespace certrenew::plugins {

class DynamicLibrary {
 public:
  // Loads `path` now and privately (RTLD_NOW | RTLD_LOCAL: two vendors' libraries often export
  // the same names; each must keep its own). A path without a directory part is looked up the
  // system's way (LD_LIBRARY_PATH, the DLL search order). Throws the driver kit's DriverError
  // (CRT_ERR_CONFIG): `cannot_load`, then the loader's reason.
  DynamicLibrary(const std::filesystem::path& path, const std::string& cannot_load);
  ~DynamicLibrary();
  DynamicLibrary(const DynamicLibrary&) = delete;
  DynamicLibrary& operator=(const DynamicLibrary&) = delete;

  // The address of a symbol, or nullptr: on POSIX, searched in the library, then in its
  // dependencies.
  void* symbol(const char* name) const;
  // The same, but only a symbol the library itself exports: one that only a dependency exports
  // does not count (a library that merely links a PKCS#11 library, as anything using p11-kit
  // does, is not a PKCS#11 module itself). Checked on Linux; elsewhere the same as symbol().
  void* own_symbol(const char* name) const;

 private:
  void* handle_ = nullptr;
};

}  // namespace certrenew::plugins
