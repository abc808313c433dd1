// The C ABI of the SKF bridge (sdk/include/certrenew/token_driver.h) over a vendor's GM/T 0016
// library. The boundary plumbing (handles, guarded calls, last_error, the two-call pattern) is
// the driver kit's: no exception crosses the boundary. The SKF work lives in the other files.

#include <certrenew/skf/driver.hpp>

#include <certrenew/driver_kit.hpp>
#include <certrenew/driver_kit/openssl.hpp>

#include <string>
#include <vector>

#include "bridge_error.hpp"
#include "catalogues/skf_texts.hpp"
#include "containers.hpp"
#include "encryption_keys.hpp"
#include "key_operations.hpp"
#include "pin_care.hpp"
#include "sar_codes.hpp"
#include "session.hpp"

namespace certrenew::skf {

DriverContext::DriverContext(const char* config_json)
    : ContextBase(kit::clear_openssl_errors), config(parse_driver_config(config_json)) {
  library = std::make_unique<VendorLibrary>(config.library);
  if (config.hotplug) watcher = std::make_unique<HotplugWatcher>(library->api());
}

DriverContext::~DriverContext() {
  discard_all();
  watcher.reset();
}

DriverSession::DriverSession(DriverContext& context, const char* token_id)
    : SessionBase(context), token(find_token(context.api(), context.config, token_id)) {
  device = std::make_unique<DeviceConnection>(api(), token.device_name);
  app = std::make_unique<AppConnection>(api(), device->handle(), token.application);
  if (context.watcher) context.watcher->found(token.device_name);
}

DriverSession::~DriverSession() {
  end_login();
  app.reset();  // the application closes before its device
  device.reset();
}

void DriverSession::check_present() const {
  if (ctx->watcher && ctx->watcher->removed(token.device_name))
    fail(CRT_ERR_TOKEN_NOT_PRESENT, say(SkfText::key_removed, {token.id}));
}

void DriverSession::require_login() const {
  check_present();
  if (!logged_in) fail(CRT_ERR_NOT_LOGGED_IN, say(SkfText::login_first));
}

void DriverSession::authenticate_device() {
  if (device_authenticated || !ctx->config.dev_auth_key) return;
  device->authenticate(*ctx->config.dev_auth_key, token.facts.dev_auth_alg);
  device_authenticated = true;
}

void DriverSession::end_login() noexcept {
  if (!logged_in) return;
  logged_in = false;
  api().SKF_ClearSecureState(app->handle());
}

namespace {

// The ABI's operations in C++; kit::driver_table makes the C entry points around them.
struct SkfBridge : kit::DriverTypes<DriverContext, DriverSession> {
  static constexpr kit::DriverIdentity identity{"skf", "CertRenew", "1.0.0"};

  static std::vector<std::string> list_tokens(DriverContext& ctx) {
    std::vector<std::string> ids;
    for (const FoundToken& token : scan_tokens(ctx.api(), ctx.config)) ids.push_back(token.id);
    return ids;
  }

  static crt_token_info get_token_info(DriverContext& ctx, const char* token_id) {
    const FoundToken token = find_token(ctx.api(), ctx.config, token_id);
    const DeviceConnection device(ctx.api(), token.device_name);
    const AppConnection app(ctx.api(), device.handle(), token.application);
    const PinInfo pin = pin_info(ctx.api(), app.handle(), USER_TYPE);
    crt_token_info info{};
    kit::copy_text(info.id, token.id);
    kit::copy_text(info.label, token.facts.label.empty() ? token.id : token.facts.label);
    kit::copy_text(info.manufacturer, token.facts.manufacturer);
    // The library's file name goes with the token's identity into diagnostic reports.
    kit::copy_text(info.model,
                   "SKF " + token.application + " via " + ctx.library->path().filename().string());
    info.pin_retries_left = static_cast<std::int32_t>(pin.left);
    info.pin_retries_max = static_cast<std::int32_t>(pin.max);
    info.flags = kit::retry_flags(info.pin_retries_left, info.pin_retries_max);
    if (ctx.api().SKF_ChangePIN != nullptr) info.flags |= CRT_TOKEN_PIN_CHANGE;
    if (pin.is_default) info.flags |= CRT_TOKEN_PIN_DEFAULT;
    return info;
  }

  static std::vector<crt_mechanism_info> get_mechanisms(DriverContext& ctx, const char* token_id) {
    const FoundToken token = find_token(ctx.api(), ctx.config, token_id);
    return token_mechanisms(ctx.api(), token.facts);
  }

  static void login(DriverSession& s, const std::uint8_t* pin, std::size_t pin_len,
                    kit::RetriesOut& retries) {
    verify_user_pin(s, pin, pin_len, retries);
  }

  static void logout(DriverSession& s) { s.end_login(); }

  static void change_pin(DriverSession& s, const Secret& old_pin, const Secret& new_pin,
                         kit::RetriesOut& retries) {
    change_user_pin(s, old_pin, new_pin, retries);
  }

  static void unblock_pin(DriverSession& s, const Secret& admin_pin, const Secret& new_pin,
                          kit::RetriesOut& retries) {
    unblock_user_pin(s, admin_pin, new_pin, retries);
  }

  static std::vector<crt_object_info> list_objects(DriverSession& s) {
    s.check_present();
    std::vector<crt_object_info> infos;
    for (const std::string& name : container_names(s.api(), s.app_handle(), s.ctx->config)) {
      const ContainerContents c = read_container(s.api(), s.app_handle(), name);
      const Bytes id(name.begin(), name.end());
      if (id.empty() || id.size() > CRT_ID_MAX) continue;  // not addressable through the ABI
      if (c.key_spki && c.key.type != 0)
        infos.push_back(kit::object_info(CRT_OBJ_PRIVATE_KEY, id, c.key.type, c.key.bits, c.name));
      if (c.certificate) {
        const KeyFacts facts = certificate_key_facts(*c.certificate);
        infos.push_back(kit::object_info(CRT_OBJ_CERTIFICATE, id, facts.type, facts.bits, c.name));
      }
      list_encryption_pair(c, infos);
    }
    return infos;
  }

  // The container's encryption pair and certificate (dual certificates), when there are any.
  static void list_encryption_pair(const ContainerContents& c, std::vector<crt_object_info>& out) {
    const Bytes id = encryption_id(c.name);
    if (id.size() > CRT_ID_MAX) return;
    if (c.encryption_key_spki && c.encryption_key.type != 0) {
      out.push_back(kit::object_info(CRT_OBJ_PRIVATE_KEY, id, c.encryption_key.type,
                                     c.encryption_key.bits, c.name));
      out.back().usage = CRT_USAGE_ENCRYPTION;
    }
    if (c.encryption_certificate) {
      const KeyFacts facts = certificate_key_facts(*c.encryption_certificate);
      out.push_back(kit::object_info(CRT_OBJ_CERTIFICATE, id, facts.type, facts.bits, c.name));
      out.back().usage = CRT_USAGE_ENCRYPTION;
    }
  }

  static Bytes read_object(DriverSession& s, std::uint32_t kind, const Bytes& id) {
    s.check_present();
    const ObjectAddress address = address_of(s, id);
    const bool signing = !address.encryption;
    const ContainerConnection container(s.api(), s.app_handle(), address.container);
    const auto value = kind == CRT_OBJ_PRIVATE_KEY  // the public half only
                           ? public_key_of(s.api(), container.handle(), signing)
                           : certificate_of(s.api(), container.handle(), signing);
    if (!value) {
      const SkfText missing =
          kind == CRT_OBJ_PRIVATE_KEY
              ? (signing ? SkfText::no_signing_key : SkfText::no_encryption_key)
              : (signing ? SkfText::no_signing_certificate : SkfText::no_encryption_certificate);
      fail(CRT_ERR_OBJECT_NOT_FOUND, say(missing));
    }
    return *value;
  }

  static crt_status sign(DriverSession& s, const kit::SignRequest& r,
                         const kit::SignatureOut& out) {
    return sign_digest(s, r, out);
  }

  static crt_status generate_key(DriverSession& s, std::uint32_t key_type, std::uint32_t bits,
                                 const std::string& label, const kit::GeneratedKeyOut& out) {
    const GeneratedContainer made = generate_in_new_container(s, key_type, bits, label);
    return out.put(Bytes(made.name.begin(), made.name.end()), made.spki);
  }

  static void write_certificate(DriverSession& s, const Bytes& id, const std::string&,
                                const Bytes& der) {
    import_signing_certificate(s, shown_container(s, id), der);
  }

  static void delete_object(DriverSession& s, std::uint32_t kind, const Bytes& id) {
    s.check_present();
    const ObjectAddress address = address_of(s, id);
    refuse_encryption_loss(address);
    delete_container_object(s, kind, address.container);
  }

  static Bytes import_enveloped_key(DriverSession& s, const Bytes& signing_key_id,
                                    const crt_sm2_enveloped_key& envelope, const std::string&) {
    s.check_present();
    return import_envelope(s, signing_key_id, envelope);
  }

  static void write_certificate_for(DriverSession& s, const Bytes& id, std::uint32_t usage,
                                    const std::string&, const Bytes& der) {
    s.check_present();
    import_certificate_for(s, id, usage, der);
  }

  static Secret open_sealed(DriverSession& s, const Bytes& key_id,
                            const crt_sm2_cipher& wrapped_key, const Bytes& data) {
    s.check_present();
    return open_sealed_on_device(s, key_id, wrapped_key, data);
  }
};

constexpr crt_driver_v1 kDriverTable = kit::driver_table<SkfBridge>();

}  // namespace

const crt_driver_v1* driver_table() {
  return &kDriverTable;
}

}  // namespace certrenew::skf
