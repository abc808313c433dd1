#pragma once

#include <filesystem>
#include <string>

namespace certrenew::pkcs11 {

// A vendor's PKCS#11 module loaded into the process. PLATFORM-SPECIFIC: the only place in the
// bridge that calls dlopen/dlsym (POSIX) or LoadLibraryW/GetProcAddress (Windows); see
// dynamic_library.cpp. Closing happens in the destructor.
class DynamicLibrary {
 public:
  // Loads `path` now and privately (RTLD_NOW | RTLD_LOCAL). A path without a directory part is
  // looked up the system's way (LD_LIBRARY_PATH, the DLL search order). Throws DriverError
  // (CRT_ERR_CONFIG) with the loader's reason.
  explicit DynamicLibrary(const std::filesystem::path& path);
  ~DynamicLibrary();
  DynamicLibrary(const DynamicLibrary&) = delete;
  DynamicLibrary& operator=(const DynamicLibrary&) = delete;

  // The address of a symbol the library itself exports, or nullptr. A symbol that only one of
  // its dependencies exports does not count: a library that merely links a PKCS#11 library (as
  // anything using p11-kit does) is not a PKCS#11 module itself.
  void* symbol(const char* name) const;

 private:
  void* handle_ = nullptr;
};

}  // namespace certrenew::pkcs11
