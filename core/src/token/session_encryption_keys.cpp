// The dual-certificate operations of a token session (issue 21): importing an SM2 encryption key
// pair delivered in a digital envelope, writing its certificate, and opening data sealed to it.
// Drivers built before these operations existed keep loading; for them each throws
// `not_supported` (CRT_DRIVER_HAS).
#include <mutex>

#include "certrenew/core/token/session.hpp"
#include "certrenew/core/token/token_error.hpp"
#include "driver_call.hpp"
#include "pki/sm2_envelope_fields.hpp"
#include "token_conversions.hpp"
#include "token_state.hpp"

namespace certrenew::token {

namespace {

void require_dual_certificates(const crt_driver_v1& t, std::string_view operation) {
  if (!CRT_DRIVER_HAS(&t, import_enveloped_key) || !CRT_DRIVER_HAS(&t, write_certificate_for) ||
      !CRT_DRIVER_HAS(&t, open_sealed))
    throw TokenError(TokenErrc::not_supported, operation,
                     "the driver cannot hold encryption key pairs (dual certificates)");
}

std::uint32_t usage_to_c(KeyUsage usage) {
  return usage == KeyUsage::encryption ? CRT_USAGE_ENCRYPTION : CRT_USAGE_SIGNING;
}

}  // namespace

ObjectId Session::import_enveloped_key(const ObjectId& signing_key_id,
                                       const pki::Sm2EnvelopedKey& envelope,
                                       std::string_view label) {
  const std::string operation = "import the encryption key for key " + to_hex(signing_key_id);
  const crt_object_id c_id = detail::object_id_to_c(signing_key_id, operation);
  const crt_sm2_enveloped_key c_envelope = pki::detail::c_view(envelope);
  const std::string c_label(label);
  std::lock_guard lock(state_->context->mutex);
  const crt_driver_v1& t = state_->table();
  require_dual_certificates(t, operation);
  crt_object_id new_id{};
  detail::check(
      t, state_->context->context,
      t.import_enveloped_key(state_->session, &c_id, &c_envelope, c_label.c_str(), &new_id),
      operation);
  return detail::object_id_from_c(new_id);
}

void Session::write_certificate(const ObjectId& id, KeyUsage usage, std::string_view label,
                                ByteView der) {
  const std::string operation =
      std::string(usage == KeyUsage::signing ? "write certificate "
                                             : "write encryption certificate ") +
      to_hex(id);
  const crt_object_id c_id = detail::object_id_to_c(id, operation);
  if (der.empty()) throw TokenError(TokenErrc::arguments, operation, "the certificate is empty");
  const std::string c_label(label);
  std::lock_guard lock(state_->context->mutex);
  const crt_driver_v1& t = state_->table();
  // A driver without dual certificates holds signing keys only: its write_certificate is it.
  if (usage == KeyUsage::signing && !CRT_DRIVER_HAS(&t, write_certificate_for)) {
    if (t.write_certificate == nullptr)
      throw TokenError(TokenErrc::not_supported, operation, "the driver cannot write certificates");
    return detail::check(
        t, state_->context->context,
        t.write_certificate(state_->session, &c_id, c_label.c_str(), der.data(), der.size()),
        operation);
  }
  require_dual_certificates(t, operation);
  detail::check(t, state_->context->context,
                t.write_certificate_for(state_->session, &c_id, usage_to_c(usage), c_label.c_str(),
                                        der.data(), der.size()),
                operation);
}

Bytes Session::open_sealed(const ObjectId& key_id, const pki::Sm2Cipher& wrapped_key,
                           ByteView data) {
  const std::string operation = "open sealed data with key " + to_hex(key_id);
  const crt_object_id c_id = detail::object_id_to_c(key_id, operation);
  if (data.empty() || data.size() % 16 != 0)
    throw TokenError(TokenErrc::arguments, operation,
                     "sealed data must be whole 16-byte SM4 blocks");
  const crt_sm2_cipher c_wrapped = pki::detail::c_view(wrapped_key);
  std::lock_guard lock(state_->context->mutex);
  const crt_driver_v1& t = state_->table();
  require_dual_certificates(t, operation);
  Bytes plain(data.size());
  std::size_t len = plain.size();
  detail::check(t, state_->context->context,
                t.open_sealed(state_->session, &c_id, &c_wrapped, CRT_SYM_SM4_ECB, data.data(),
                              data.size(), plain.data(), &len),
                operation);
  if (len != data.size())
    throw TokenError(TokenErrc::general, operation,
                     "the driver returned " + std::to_string(len) + " bytes of plaintext for " +
                         std::to_string(data.size()) + " bytes of sealed data");
  return plain;
}

}  // namespace certrenew::token
