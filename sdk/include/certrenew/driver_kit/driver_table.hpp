#pragma once

// The CertRenew driver kit: driver_table.hpp is the entry-table glue. A driver writes its
// operations with C++ types, named like the table's fields; Entries<Driver> holds the C entry
// points (each with the ABI's exact signature, written once here) that check the caller's
// pointers, find the context or session, call the driver and answer through the two-call
// pattern; driver_table<Driver>() is the constant table.
//
//   // MyContext: kit::ContextBase<MySession>, constructible from the configuration JSON;
//   // MySession: kit::SessionBase<MyContext>, constructible from (MyContext&, token id).
//   struct MyDriver : kit::DriverTypes<MyContext, MySession> {
//     static constexpr kit::DriverIdentity identity{"mydriver", "Acme", "1.0.0"};
//     static std::vector<std::string> list_tokens(Context&);
//     static crt_token_info get_token_info(Context&, const char* token_id);
//     static std::vector<crt_mechanism_info> get_mechanisms(Context&, const char* token_id);
//     static void login(Session&, const std::uint8_t* pin, std::size_t pin_len,
//                       kit::RetriesOut& retries);                        // pin NULL: PIN pad
//     static void logout(Session&);
//     static std::vector<crt_object_info> list_objects(Session&);
//     static Bytes read_object(Session&, std::uint32_t kind, const Bytes& id);
//     static crt_status sign(Session&, const kit::SignRequest&, const kit::SignatureOut&);
//     // optional, offered when declared:
//     static void change_pin(Session&, const kit::Secret& old_pin, const kit::Secret& new_pin,
//                            kit::RetriesOut& retries);
//     static crt_status generate_key(Session&, std::uint32_t key_type, std::uint32_t bits,
//                                    const std::string& label, const kit::GeneratedKeyOut&);
//     static void write_certificate(Session&, const Bytes& id, const std::string& label,
//                                   const Bytes& der);
//     static void delete_object(Session&, std::uint32_t kind, const Bytes& id);
//     static void unblock_pin(Session&, const kit::Secret& admin_pin, const kit::Secret& new_pin,
//                             kit::RetriesOut& admin_retries);
//     // dual certificates (declare all three or none; see sm2_envelope.hpp for OpenSSL drivers):
//     static Bytes import_enveloped_key(Session&, const Bytes& signing_key_id,
//                                       const crt_sm2_enveloped_key&, const std::string& label);
//     static void write_certificate_for(Session&, const Bytes& id, std::uint32_t usage,
//                                       const std::string& label, const Bytes& der);
//     static kit::Secret open_sealed(Session&, const Bytes& key_id, const crt_sm2_cipher& wrapped,
//                                    const Bytes& data);  // SM4-ECB; returns the plaintext
//   };
//   constexpr crt_driver_v1 kTable = kit::driver_table<MyDriver>();
//   extern "C" CRT_DRIVER_EXPORT const crt_driver_v1* certrenew_driver_v1(void) { return &kTable; }
//
// Before the driver is called: handles, output pointers and token ids are not NULL, object ids
// have 1..64 bytes, object kinds are CRT_OBJ_CERTIFICATE or CRT_OBJ_PRIVATE_KEY, inputs given
// with a length are not NULL, both PINs of change_pin are given, a certificate is not empty; an
// envelope is SM4-ECB with a 16-byte wrapped key and a 32-byte encrypted private key, a usage is
// CRT_USAGE_SIGNING or CRT_USAGE_ENCRYPTION, sealed data is SM4-ECB in whole 16-byte blocks (and
// open_sealed's size query is answered without calling the driver).

#include <certrenew/token_driver.h>
#include <certrenew/driver_kit/boundary.hpp>
#include <certrenew/driver_kit/buffers.hpp>
#include <certrenew/driver_kit/error.hpp>
#include <certrenew/driver_kit/secret.hpp>

#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

namespace certrenew::driver_kit {

// The table's name, vendor and version strings.
struct DriverIdentity {
  const char* name;
  const char* vendor;
  const char* version;
};

// A driver names its context and session types by deriving from this.
template <typename ContextType, typename SessionType>
struct DriverTypes {
  using Context = ContextType;
  using Session = SessionType;
};

// What sign is asked: the key, the algorithm, the SM2 signer ID (may be empty) and the input (the
// message or the digest, as the driver's mechanism declares).
struct SignRequest {
  Bytes key_id;
  std::uint32_t algorithm;
  const std::uint8_t* signer_id;
  std::size_t signer_id_len;
  const std::uint8_t* input;
  std::size_t input_len;
};

// CRT_USAGE_SIGNING or CRT_USAGE_ENCRYPTION, else DriverError(CRT_ERR_ARGUMENTS).
inline std::uint32_t key_usage(std::uint32_t usage) {
  if (usage != CRT_USAGE_SIGNING && usage != CRT_USAGE_ENCRYPTION)
    bad_arguments("unknown key usage " + std::to_string(usage));
  return usage;
}

inline constexpr std::size_t kSm4KeyLen = 16;
inline constexpr std::size_t kSm4BlockLen = 16;

// An SM2 ciphertext from the caller whose plaintext is `plain_len` bytes (0: any length).
inline const crt_sm2_cipher& sm2_cipher(const crt_sm2_cipher* cipher, std::size_t plain_len,
                                        const char* what) {
  require(cipher, what);
  if (cipher->ciphertext == nullptr || cipher->ciphertext_len == 0 ||
      (plain_len != 0 && cipher->ciphertext_len != plain_len))
    bad_arguments(std::string(what) + " has no ciphertext of the expected length");
  return *cipher;
}

// The symmetric algorithm of an envelope: SM4-ECB is the only one, else CRT_ERR_NOT_SUPPORTED.
inline void require_sm4_ecb(std::uint32_t sym_algorithm) {
  if (sym_algorithm != CRT_SYM_SM4_ECB)
    fail(CRT_ERR_NOT_SUPPORTED,
         "symmetric algorithm " + std::to_string(sym_algorithm) + " is not offered (only SM4-ECB)");
}

// An envelope from the caller with the sizes the ABI fixes.
inline const crt_sm2_enveloped_key& enveloped_key(const crt_sm2_enveloped_key* envelope) {
  require(envelope, "the envelope");
  require_sm4_ecb(envelope->sym_algorithm);
  sm2_cipher(&envelope->sym_key, kSm4KeyLen, "the envelope's symmetric key");
  if (envelope->encrypted_private_key == nullptr ||
      envelope->encrypted_private_key_len != CRT_SM2_FIELD_LEN)
    bad_arguments("the envelope's encrypted private key is not 32 bytes");
  return *envelope;
}

// CRT_OBJ_CERTIFICATE or CRT_OBJ_PRIVATE_KEY, else DriverError(CRT_ERR_ARGUMENTS).
inline std::uint32_t object_kind(std::uint32_t kind) {
  if (kind != CRT_OBJ_CERTIFICATE && kind != CRT_OBJ_PRIVATE_KEY)
    bad_arguments("unknown object kind " + std::to_string(kind));
  return kind;
}

template <typename D>
struct Entries : Boundary<typename D::Context, typename D::Session> {
  using Context = typename D::Context;
  using Session = typename D::Session;
  using B = Boundary<Context, Session>;

  static crt_status list_tokens(crt_context* h, char* ids, std::size_t* len) noexcept {
    return B::on_context(h, [&](Context& ctx) {
      require(len, "len");
      return copy_id_list(D::list_tokens(ctx), ids, len);
    });
  }

  static crt_status get_token_info(crt_context* h, const char* token_id,
                                   crt_token_info* info) noexcept {
    return B::on_context(h, [&](Context& ctx) {
      require(info, "info");
      require(token_id, "the token id");
      *info = D::get_token_info(ctx, token_id);
      return CRT_OK;
    });
  }

  static crt_status get_mechanisms(crt_context* h, const char* token_id, crt_mechanism_info* mechs,
                                   std::size_t* count) noexcept {
    return B::on_context(h, [&](Context& ctx) {
      require(count, "count");
      require(token_id, "the token id");
      return copy_out(D::get_mechanisms(ctx, token_id), mechs, count);
    });
  }

  static crt_status login(crt_session* h, const std::uint8_t* pin, std::size_t pin_len,
                          std::int32_t* retries_left) noexcept {
    RetriesOut retries(retries_left);
    return B::on_session(h, [&](Session& s) {
      require_input(pin, pin_len, "the PIN");
      D::login(s, pin, pin_len, retries);
      return CRT_OK;
    });
  }

  static crt_status logout(crt_session* h) noexcept {
    return B::on_session(h, [&](Session& s) {
      D::logout(s);
      return CRT_OK;
    });
  }

  static crt_status list_objects(crt_session* h, crt_object_info* objects,
                                 std::size_t* count) noexcept {
    return B::on_session(h, [&](Session& s) {
      require(count, "count");
      return copy_out(D::list_objects(s), objects, count);
    });
  }

  static crt_status read_object(crt_session* h, std::uint32_t kind, const crt_object_id* id,
                                std::uint8_t* value, std::size_t* len) noexcept {
    return B::on_session(h, [&](Session& s) {
      require(len, "len");
      const Bytes object = object_id(id);
      return copy_out(D::read_object(s, object_kind(kind), object), value, len);
    });
  }

  static crt_status sign(crt_session* h, const crt_object_id* key_id, std::uint32_t algorithm,
                         const std::uint8_t* signer_id, std::size_t signer_id_len,
                         const std::uint8_t* input, std::size_t input_len, std::uint8_t* signature,
                         std::size_t* signature_len) noexcept {
    return B::on_session(h, [&](Session& s) {
      const SignatureOut out(signature, signature_len);
      require_input(input, input_len, "input");
      require_input(signer_id, signer_id_len, "signer_id");
      return D::sign(
          s, SignRequest{object_id(key_id), algorithm, signer_id, signer_id_len, input, input_len},
          out);
    });
  }

  static crt_status change_pin(crt_session* h, const std::uint8_t* old_pin, std::size_t old_len,
                               const std::uint8_t* new_pin, std::size_t new_len,
                               std::int32_t* retries_left) noexcept {
    RetriesOut retries(retries_left);
    return B::on_session(h, [&](Session& s) {
      if (old_pin == nullptr || new_pin == nullptr) bad_arguments("a PIN is NULL");
      D::change_pin(s, Secret(old_pin, old_len), Secret(new_pin, new_len), retries);
      return CRT_OK;
    });
  }

  static crt_status generate_key(crt_session* h, std::uint32_t key_type, std::uint32_t bits,
                                 const char* label, crt_object_id* id_out, std::uint8_t* spki,
                                 std::size_t* spki_len) noexcept {
    return B::on_session(h, [&](Session& s) {
      const GeneratedKeyOut out(id_out, spki, spki_len);
      return D::generate_key(s, key_type, bits, text_or_empty(label), out);
    });
  }

  static crt_status write_certificate(crt_session* h, const crt_object_id* id, const char* label,
                                      const std::uint8_t* der, std::size_t der_len) noexcept {
    return B::on_session(h, [&](Session& s) {
      const Bytes object = object_id(id);
      if (der == nullptr || der_len == 0) bad_arguments("the certificate is empty");
      D::write_certificate(s, object, text_or_empty(label), Bytes(der, der + der_len));
      return CRT_OK;
    });
  }

  static crt_status unblock_pin(crt_session* h, const std::uint8_t* admin_pin,
                                std::size_t admin_len, const std::uint8_t* new_pin,
                                std::size_t new_len, std::int32_t* retries_left) noexcept {
    RetriesOut retries(retries_left);
    return B::on_session(h, [&](Session& s) {
      if (admin_pin == nullptr || new_pin == nullptr) bad_arguments("a PIN is NULL");
      D::unblock_pin(s, Secret(admin_pin, admin_len), Secret(new_pin, new_len), retries);
      return CRT_OK;
    });
  }

  static crt_status import_enveloped_key(crt_session* h, const crt_object_id* signing_key_id,
                                         const crt_sm2_enveloped_key* envelope, const char* label,
                                         crt_object_id* id_out) noexcept {
    return B::on_session(h, [&](Session& s) {
      const Bytes signing = object_id(signing_key_id);
      const crt_sm2_enveloped_key& checked = enveloped_key(envelope);
      require(id_out, "id_out");
      *id_out = to_object_id(D::import_enveloped_key(s, signing, checked, text_or_empty(label)));
      return CRT_OK;
    });
  }

  static crt_status write_certificate_for(crt_session* h, const crt_object_id* id,
                                          std::uint32_t usage, const char* label,
                                          const std::uint8_t* der, std::size_t der_len) noexcept {
    return B::on_session(h, [&](Session& s) {
      const Bytes object = object_id(id);
      if (der == nullptr || der_len == 0) bad_arguments("the certificate is empty");
      D::write_certificate_for(s, object, key_usage(usage), text_or_empty(label),
                               Bytes(der, der + der_len));
      return CRT_OK;
    });
  }

  static crt_status open_sealed(crt_session* h, const crt_object_id* key_id,
                                const crt_sm2_cipher* wrapped_key, std::uint32_t sym_algorithm,
                                const std::uint8_t* data, std::size_t data_len, std::uint8_t* plain,
                                std::size_t* plain_len) noexcept {
    return B::on_session(h, [&](Session& s) {
      const Bytes key = object_id(key_id);
      const crt_sm2_cipher& wrapped = sm2_cipher(wrapped_key, kSm4KeyLen, "the wrapped key");
      require_sm4_ecb(sym_algorithm);
      if (data == nullptr || data_len == 0 || data_len % kSm4BlockLen != 0)
        bad_arguments("sealed data must be whole 16-byte SM4 blocks");
      if (!room_for(data_len, plain, plain_len)) return CRT_OK;
      const Secret opened = D::open_sealed(s, key, wrapped, Bytes(data, data + data_len));
      if (opened.size() != data_len) fail(CRT_ERR_GENERAL, "the plaintext has the wrong length");
      std::memcpy(plain, opened.data(), opened.size());
      *plain_len = opened.size();
      return CRT_OK;
    });
  }

  static crt_status delete_object(crt_session* h, std::uint32_t kind,
                                  const crt_object_id* id) noexcept {
    return B::on_session(h, [&](Session& s) {
      const Bytes object = object_id(id);
      D::delete_object(s, object_kind(kind), object);
      return CRT_OK;
    });
  }
};

namespace detail {

// An optional entry: Entries<D>::field when the driver D declares `field`, else NULL.
#define CERTRENEW_KIT_OPTIONAL_ENTRY(field)                                     \
  template <typename D, typename = void>                                        \
  struct optional_##field {                                                     \
    static constexpr decltype(crt_driver_v1::field) value = nullptr;            \
  };                                                                            \
  template <typename D>                                                         \
  struct optional_##field<D, std::void_t<decltype(&D::field)>> {                \
    static constexpr decltype(crt_driver_v1::field) value = &Entries<D>::field; \
  };
CERTRENEW_KIT_OPTIONAL_ENTRY(change_pin)
CERTRENEW_KIT_OPTIONAL_ENTRY(generate_key)
CERTRENEW_KIT_OPTIONAL_ENTRY(write_certificate)
CERTRENEW_KIT_OPTIONAL_ENTRY(delete_object)
CERTRENEW_KIT_OPTIONAL_ENTRY(unblock_pin)
CERTRENEW_KIT_OPTIONAL_ENTRY(import_enveloped_key)
CERTRENEW_KIT_OPTIONAL_ENTRY(write_certificate_for)
CERTRENEW_KIT_OPTIONAL_ENTRY(open_sealed)
#undef CERTRENEW_KIT_OPTIONAL_ENTRY

}  // namespace detail

template <typename D>
constexpr crt_driver_v1 driver_table() {
  using E = Entries<D>;
  // In the order of crt_driver_v1 (token_driver.h), grouped as the header groups them; the
  // compiler checks every signature.
  // clang-format off
  return crt_driver_v1{
      CRT_DRIVER_ABI_VERSION, sizeof(crt_driver_v1),
      D::identity.name, D::identity.vendor, D::identity.version,
      &E::open, &E::close, &E::last_error,
      &E::list_tokens, &E::get_token_info, &E::get_mechanisms,
      &E::open_session, &E::close_session, &E::login, &E::logout,
      &E::list_objects, &E::read_object, &E::sign,
      detail::optional_change_pin<D>::value, detail::optional_generate_key<D>::value,
      detail::optional_write_certificate<D>::value, detail::optional_delete_object<D>::value,
      detail::optional_unblock_pin<D>::value,
      detail::optional_import_enveloped_key<D>::value,
      detail::optional_write_certificate_for<D>::value, detail::optional_open_sealed<D>::value};
  // clang-format on
}

}  // namespace certrenew::driver_kit
