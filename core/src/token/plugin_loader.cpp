#include "plugin_loader.hpp"

#include <array>
#include <cstddef>
#include <fstream>
#include <string>
#include <system_error>
#include <utility>

namespace certrenew::token::detail {

namespace {

Rejection reject(const std::filesystem::path& file, RejectionKind kind, std::string message) {
  Rejection r;
  r.path = file;
  r.kind = kind;
  r.message = std::move(message);
  return r;
}

// Whether the file starts like an object file of some platform (ELF, PE, Mach-O), to tell
// "not a library at all" from "a library the loader refused". Only the magic numbers are read.
bool looks_like_object_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::array<unsigned char, 4> m{};
  if (!in.read(reinterpret_cast<char*>(m.data()), m.size())) return false;
  const bool elf = m[0] == 0x7f && m[1] == 'E' && m[2] == 'L' && m[3] == 'F';
  const bool pe = m[0] == 'M' && m[1] == 'Z';
  const bool macho = (m[0] == 0xfe && m[1] == 0xed && m[2] == 0xfa && (m[3] & 0xfe) == 0xce) ||
                     ((m[0] & 0xfe) == 0xce && m[1] == 0xfa && m[2] == 0xed && m[3] == 0xfe) ||
                     (m[0] == 0xca && m[1] == 0xfe && m[2] == 0xba && m[3] == 0xbe);
  return elf || pe || macho;
}

// Boost.DLL wraps the system loader's text in its own; keep just the loader's words.
std::string loader_message(const std::system_error& e) {
  const std::string what = e.what();
  static constexpr std::string_view marker = "(dlerror system message: ";
  if (const std::size_t at = what.find(marker); at != std::string::npos) {
    std::string text = what.substr(at + marker.size());
    if (!text.empty() && text.back() == ')') text.pop_back();
    return text;
  }
  return what;
}

// The first NULL among the fields a version-1 driver must fill, or nullptr when all are set.
const char* first_missing_field(const crt_driver_v1& t) {
  const std::pair<const char*, bool> required[] = {
      {"name", t.name != nullptr},
      {"vendor", t.vendor != nullptr},
      {"version", t.version != nullptr},
      {"open", t.open != nullptr},
      {"close", t.close != nullptr},
      {"last_error", t.last_error != nullptr},
      {"list_tokens", t.list_tokens != nullptr},
      {"get_token_info", t.get_token_info != nullptr},
      {"get_mechanisms", t.get_mechanisms != nullptr},
      {"open_session", t.open_session != nullptr},
      {"close_session", t.close_session != nullptr},
      {"login", t.login != nullptr},
      {"logout", t.logout != nullptr},
      {"list_objects", t.list_objects != nullptr},
      {"read_object", t.read_object != nullptr},
      {"sign", t.sign != nullptr},
  };
  for (const auto& [field, present] : required) {
    if (!present) return field;
  }
  return nullptr;
}

}  // namespace

std::variant<std::shared_ptr<const LoadedLibrary>, Rejection> load_driver_library(
    const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec))
    return reject(file, RejectionKind::load_error,
                  "the file does not exist or is not a regular file");

  auto loaded = std::make_shared<LoadedLibrary>();
  loaded->path = file;
  try {
    loaded->library.load(file, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
  } catch (const std::system_error& e) {
    if (!looks_like_object_file(file))
      return reject(file, RejectionKind::not_a_library,
                    "not a shared library (" + loader_message(e) + ")");
    return reject(file, RejectionKind::load_error,
                  "the system could not load the library: " + loader_message(e));
  }

  if (!loaded->library.has(CRT_DRIVER_ENTRY_NAME))
    return reject(file, RejectionKind::missing_entry,
                  "the library exports no " CRT_DRIVER_ENTRY_NAME
                  " function, so it is not a CertRenew driver");

  const auto entry = loaded->library.get<const crt_driver_v1*()>(CRT_DRIVER_ENTRY_NAME);
  const crt_driver_v1* table = entry();
  if (table == nullptr)
    return reject(file, RejectionKind::missing_entry,
                  CRT_DRIVER_ENTRY_NAME " returned no driver table");

  if (table->abi_version != CRT_DRIVER_ABI_VERSION) {
    Rejection r = reject(file, RejectionKind::wrong_abi_version,
                         "driver ABI version " + std::to_string(table->abi_version) +
                             " is not supported (this CertRenew speaks version " +
                             std::to_string(CRT_DRIVER_ABI_VERSION) + ")");
    r.abi_version_found = table->abi_version;
    return r;
  }
  if (table->struct_size < CRT_DRIVER_V1_MIN_SIZE) {
    Rejection r = reject(file, RejectionKind::short_table,
                         "driver table has " + std::to_string(table->struct_size) +
                             " bytes, fewer than the " + std::to_string(CRT_DRIVER_V1_MIN_SIZE) +
                             " of a version-1 table");
    r.struct_size_found = table->struct_size;
    return r;
  }
  if (const char* missing = first_missing_field(*table)) {
    Rejection r =
        reject(file, RejectionKind::incomplete_table,
               std::string("driver table leaves the required field '") + missing + "' NULL");
    r.missing_field = missing;
    return r;
  }

  loaded->table = table;
  return std::shared_ptr<const LoadedLibrary>(std::move(loaded));
}

}  // namespace certrenew::token::detail
