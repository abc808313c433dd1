#include "certrenew/core/token/session.hpp"

#include <algorithm>
#include <mutex>

#include "certrenew/core/token/signature_encoding.hpp"
#include "certrenew/core/token/token_error.hpp"
#include "driver_call.hpp"
#include "token_conversions.hpp"
#include "token_state.hpp"

namespace certrenew::token {

namespace {

// Room for any RSA signature up to 8192 bits and any DER ECDSA/SM2 signature, so one call is
// usually enough; a driver that needs more says so through the two-call pattern.
constexpr std::size_t kInitialSignatureRoom = 1024;

std::optional<int> pin_retries(crt_status status, std::int32_t retries_left) {
  if (status != CRT_ERR_PIN_INCORRECT && status != CRT_ERR_PIN_LOCKED) return std::nullopt;
  if (retries_left >= 0) return retries_left;
  if (status == CRT_ERR_PIN_LOCKED) return 0;
  return std::nullopt;
}

crt_context* context_of(const detail::SessionState& s) {
  return s.context->context;
}

const std::vector<Mechanism>& cached_mechanisms(detail::SessionState& s) {
  if (!s.mechanisms) s.mechanisms = detail::read_mechanisms(s.table(), context_of(s), s.token_id);
  return *s.mechanisms;
}

Bytes read_value(detail::SessionState& s, std::uint32_t kind, const crt_object_id& id,
                 std::string_view operation) {
  const crt_driver_v1& t = s.table();
  return detail::two_call<std::uint8_t>(t, context_of(s), operation,
                                        [&](std::uint8_t* buf, std::size_t* len) {
                                          return t.read_object(s.session, kind, &id, buf, len);
                                        });
}

bool is_ec_family(SignatureAlgorithm algorithm) {
  return algorithm != SignatureAlgorithm::rsa_pkcs1_sha256;
}

}  // namespace

Session::Session(std::shared_ptr<detail::SessionState> state) : state_(std::move(state)) {}

const std::string& Session::token_id() const {
  return state_->token_id;
}

void Session::login(const SecureBuffer& pin) {
  std::lock_guard lock(state_->context->mutex);
  const crt_driver_v1& t = state_->table();
  if (pin.empty()) {
    const TokenInfo info = detail::read_token_info(t, context_of(*state_), state_->token_id);
    if (!info.pin_pad)
      throw TokenError(TokenErrc::pin_invalid, "log in",
                       "the PIN is empty and the token has no PIN pad to ask for it");
  }
  std::int32_t retries_left = CRT_RETRIES_UNKNOWN;
  const std::uint8_t* data = pin.empty() ? nullptr : pin.bytes().data();
  const crt_status status = t.login(state_->session, data, pin.size(), &retries_left);
  detail::check(t, context_of(*state_), status, "log in", pin_retries(status, retries_left));
}

void Session::logout() {
  std::lock_guard lock(state_->context->mutex);
  const crt_driver_v1& t = state_->table();
  detail::check(t, context_of(*state_), t.logout(state_->session), "log out");
}

void Session::change_pin(const SecureBuffer& old_pin, const SecureBuffer& new_pin) {
  std::lock_guard lock(state_->context->mutex);
  const crt_driver_v1& t = state_->table();
  if (t.change_pin == nullptr)
    throw TokenError(TokenErrc::not_supported, "change PIN", "the driver cannot change PINs");
  if (old_pin.empty() || new_pin.empty())
    throw TokenError(TokenErrc::pin_invalid, "change PIN", "a PIN is empty");
  std::int32_t retries_left = CRT_RETRIES_UNKNOWN;
  const crt_status status = t.change_pin(state_->session, old_pin.bytes().data(), old_pin.size(),
                                         new_pin.bytes().data(), new_pin.size(), &retries_left);
  detail::check(t, context_of(*state_), status, "change PIN", pin_retries(status, retries_left));
}

void Session::unblock_pin(const SecureBuffer& admin_pin, const SecureBuffer& new_pin) {
  std::lock_guard lock(state_->context->mutex);
  const crt_driver_v1& t = state_->table();
  if (!CRT_DRIVER_HAS(&t, unblock_pin))
    throw TokenError(TokenErrc::not_supported, "unblock PIN",
                     "the driver cannot unblock PINs with an administrator PIN");
  if (admin_pin.empty() || new_pin.empty())
    throw TokenError(TokenErrc::pin_invalid, "unblock PIN", "a PIN is empty");
  std::int32_t retries_left = CRT_RETRIES_UNKNOWN;
  const crt_status status =
      t.unblock_pin(state_->session, admin_pin.bytes().data(), admin_pin.size(),
                    new_pin.bytes().data(), new_pin.size(), &retries_left);
  detail::check(t, context_of(*state_), status, "unblock PIN", pin_retries(status, retries_left));
}

const std::vector<Mechanism>& Session::mechanisms() {
  std::lock_guard lock(state_->context->mutex);
  return cached_mechanisms(*state_);
}

std::vector<TokenObject> Session::objects() {
  std::lock_guard lock(state_->context->mutex);
  const crt_driver_v1& t = state_->table();
  const auto listed = detail::two_call<crt_object_info>(
      t, context_of(*state_), "list objects", [&](crt_object_info* buf, std::size_t* count) {
        return t.list_objects(state_->session, buf, count);
      });

  std::vector<TokenObject> objects;
  for (const auto& info : listed) {
    if (info.kind != CRT_OBJ_CERTIFICATE && info.kind != CRT_OBJ_PRIVATE_KEY) continue;
    ObjectId id = detail::object_id_from_c(info.id);
    auto entry = std::find_if(objects.begin(), objects.end(),
                              [&](const TokenObject& o) { return o.id == id; });
    if (entry == objects.end()) entry = objects.insert(objects.end(), TokenObject{id, {}, {}});
    if (info.usage == CRT_USAGE_ENCRYPTION) entry->usage = KeyUsage::encryption;

    const std::string label = detail::bounded_text(info.label, sizeof info.label);
    const std::string operation = "read object " + to_hex(id);
    if (info.kind == CRT_OBJ_CERTIFICATE && !entry->certificate) {
      entry->certificate =
          CertificateObject{label, read_value(*state_, info.kind, info.id, operation)};
    } else if (info.kind == CRT_OBJ_PRIVATE_KEY && !entry->key) {
      entry->key = KeyObject{label, detail::key_type_from_c(info.key_type), info.key_bits,
                             read_value(*state_, info.kind, info.id, operation)};
    }
  }
  return objects;
}

Bytes Session::public_key(const ObjectId& key_id) {
  const std::string operation = "read public key " + to_hex(key_id);
  const crt_object_id id = detail::object_id_to_c(key_id, operation);
  std::lock_guard lock(state_->context->mutex);
  return read_value(*state_, CRT_OBJ_PRIVATE_KEY, id, operation);
}

Bytes Session::sign(const ObjectId& key_id, SignatureAlgorithm algorithm, ByteView message,
                    std::string_view sm2_signer_id) {
  const std::string operation = "sign with key " + to_hex(key_id);
  const crt_object_id id = detail::object_id_to_c(key_id, operation);
  std::lock_guard lock(state_->context->mutex);
  const crt_driver_v1& t = state_->table();

  const auto& mechs = cached_mechanisms(*state_);
  const auto mech = std::find_if(mechs.begin(), mechs.end(),
                                 [&](const Mechanism& m) { return m.algorithm == algorithm; });
  if (mech == mechs.end())
    throw TokenError(TokenErrc::not_supported, operation,
                     "the token does not offer " + std::string(to_string(algorithm)));
  if (is_ec_family(algorithm) && mech->format == SignatureFormat::plain)
    throw TokenError(TokenErrc::general, operation,
                     "the driver declares no signature format (DER or raw r||s) for " +
                         std::string(to_string(algorithm)));

  // A digest-taking driver gets the value the signature is really computed over.
  Bytes digest;
  ByteView input = message;
  if (mech->input == SignatureInput::digest) {
    digest = algorithm == SignatureAlgorithm::sm2_sm3
                 ? sm2_signature_digest(read_value(*state_, CRT_OBJ_PRIVATE_KEY, id, operation),
                                        sm2_signer_id, message)
                 : sha256_digest(message);
    input = digest;
  }
  const ByteView signer_id =
      algorithm == SignatureAlgorithm::sm2_sm3 ? as_bytes(sm2_signer_id) : ByteView{};

  Bytes signature(kInitialSignatureRoom);
  std::size_t len = signature.size();
  auto call = [&] {
    return t.sign(state_->session, &id, detail::algorithm_to_c(algorithm),
                  signer_id.empty() ? nullptr : signer_id.data(), signer_id.size(), input.data(),
                  input.size(), signature.data(), &len);
  };
  crt_status status = call();
  if (status == CRT_ERR_BUFFER_TOO_SMALL && len > signature.size()) {
    signature.resize(len);
    status = call();
  }
  detail::check(t, context_of(*state_), status, operation);
  if (len == 0 || len > signature.size())
    throw TokenError(TokenErrc::general, operation,
                     "the driver returned a signature length of " + std::to_string(len) + " bytes");
  signature.resize(len);

  if (is_ec_family(algorithm) && mech->format == SignatureFormat::raw_rs)
    return raw_rs_to_der(signature);
  return signature;
}

GeneratedKey Session::generate_key(KeyType type, unsigned bits, std::string_view label) {
  std::lock_guard lock(state_->context->mutex);
  const crt_driver_v1& t = state_->table();
  if (t.generate_key == nullptr)
    throw TokenError(TokenErrc::not_supported, "generate key", "the driver cannot generate keys");
  const std::uint32_t c_type = detail::key_type_to_c(type);
  const std::string c_label(label);
  crt_object_id id{};
  Bytes spki(CRT_SPKI_MAX);
  std::size_t len = spki.size();
  detail::check(
      t, context_of(*state_),
      t.generate_key(state_->session, c_type, bits, c_label.c_str(), &id, spki.data(), &len),
      "generate " + std::string(to_string(type)) + " key");
  if (len == 0 || len > spki.size())
    throw TokenError(TokenErrc::general, "generate key",
                     "the driver returned a public key of " + std::to_string(len) + " bytes");
  spki.resize(len);
  return GeneratedKey{detail::object_id_from_c(id), std::move(spki)};
}

void Session::write_certificate(const ObjectId& id, std::string_view label, ByteView der) {
  const std::string operation = "write certificate " + to_hex(id);
  const crt_object_id c_id = detail::object_id_to_c(id, operation);
  if (der.empty()) throw TokenError(TokenErrc::arguments, operation, "the certificate is empty");
  std::lock_guard lock(state_->context->mutex);
  const crt_driver_v1& t = state_->table();
  if (t.write_certificate == nullptr)
    throw TokenError(TokenErrc::not_supported, operation, "the driver cannot write certificates");
  const std::string c_label(label);
  detail::check(
      t, context_of(*state_),
      t.write_certificate(state_->session, &c_id, c_label.c_str(), der.data(), der.size()),
      operation);
}

void Session::delete_object(ObjectKind kind, const ObjectId& id) {
  const std::string operation =
      std::string(kind == ObjectKind::certificate ? "delete certificate " : "delete key ") +
      to_hex(id);
  const crt_object_id c_id = detail::object_id_to_c(id, operation);
  std::lock_guard lock(state_->context->mutex);
  const crt_driver_v1& t = state_->table();
  if (t.delete_object == nullptr)
    throw TokenError(TokenErrc::not_supported, operation, "the driver cannot delete objects");
  detail::check(t, context_of(*state_),
                t.delete_object(state_->session, detail::object_kind_to_c(kind), &c_id), operation);
}

}  // namespace certrenew::token
