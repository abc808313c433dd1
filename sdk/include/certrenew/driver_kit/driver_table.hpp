#pragma once

// The CertRenew driver kit: driver_table.hpp builds the constant crt_driver_v1 table from a
// struct whose static members are named like the table's fields, so a driver never lists its
// entry points by position (a shifted entry would compile and call the wrong function).
//
//   struct Entries : Boundary {              // open, close, last_error, open_session, ...
//     static constexpr const char* name = "mydriver";
//     static constexpr const char* vendor = "Acme";
//     static constexpr const char* version = "1.0.0";
//     static crt_status list_tokens(crt_context*, char*, size_t*);
//     ...                                     // every required entry; the optional ones
//   };                                        // (change_pin, generate_key, write_certificate,
//   constexpr crt_driver_v1 kTable = kit::driver_table<Entries>();   // delete_object) if offered
//
//   extern "C" CRT_DRIVER_EXPORT const crt_driver_v1* certrenew_driver_v1(void) { return &kTable; }

#include <certrenew/token_driver.h>

#include <type_traits>

namespace certrenew::driver_kit {

namespace detail {

// An optional entry: E::field when E declares it, else NULL ("not offered").
#define CERTRENEW_KIT_OPTIONAL_ENTRY(field)                            \
  template <typename E, typename = void>                               \
  struct optional_##field {                                            \
    static constexpr decltype(crt_driver_v1::field) value = nullptr;   \
  };                                                                   \
  template <typename E>                                                \
  struct optional_##field<E, std::void_t<decltype(&E::field)>> {       \
    static constexpr decltype(crt_driver_v1::field) value = &E::field; \
  };
CERTRENEW_KIT_OPTIONAL_ENTRY(change_pin)
CERTRENEW_KIT_OPTIONAL_ENTRY(generate_key)
CERTRENEW_KIT_OPTIONAL_ENTRY(write_certificate)
CERTRENEW_KIT_OPTIONAL_ENTRY(delete_object)
#undef CERTRENEW_KIT_OPTIONAL_ENTRY

}  // namespace detail

template <typename E>
constexpr crt_driver_v1 driver_table() {
  // In the order of crt_driver_v1 (token_driver.h), grouped as the header groups them; the
  // compiler checks every signature.
  // clang-format off
  return crt_driver_v1{
      CRT_DRIVER_ABI_VERSION, sizeof(crt_driver_v1), E::name, E::vendor, E::version,
      &E::open, &E::close, &E::last_error,
      &E::list_tokens, &E::get_token_info, &E::get_mechanisms,
      &E::open_session, &E::close_session, &E::login, &E::logout,
      &E::list_objects, &E::read_object, &E::sign,
      detail::optional_change_pin<E>::value, detail::optional_generate_key<E>::value,
      detail::optional_write_certificate<E>::value, detail::optional_delete_object<E>::value};
  // clang-format on
}

}  // namespace certrenew::driver_kit
