// The smallest driver written with the C++ driver kit (docs/sdk.md, "The C++ driver kit"): one
// always-present token "ACME-1", PIN 123456, three tries, no keys. Build it like any driver:
//   c++ -std=c++17 -shared -fPIC -fvisibility=hidden -fvisibility-inlines-hidden
//       -I<sdk>/include kit_driver.cpp -o libcertrenew-acme.so
#include <certrenew/driver_kit.hpp>

#include <string>
#include <vector>

namespace kit = certrenew::driver_kit;

namespace {  // internal linkage: another driver in the process may use the same names

void check_token(const char* token_id) {
  if (std::string(token_id) != "ACME-1") kit::fail(CRT_ERR_TOKEN_NOT_PRESENT, "no such token");
}

struct AcmeSession;

struct AcmeContext : kit::ContextBase<AcmeSession> {
  explicit AcmeContext(const char* config_json) {  // NULL or "" means the defaults
    if (config_json != nullptr && *config_json != '\0' && std::string(config_json) != "{}")
      kit::fail(CRT_ERR_CONFIG, "acme: this driver takes no configuration");
  }
  int retries_left = 3;
};

struct AcmeSession : kit::SessionBase<AcmeContext> {
  AcmeSession(AcmeContext& ctx, const char* token_id) : SessionBase(ctx) { check_token(token_id); }
  bool logged_in = false;
};

struct Acme : kit::DriverTypes<AcmeContext, AcmeSession> {
  static constexpr kit::DriverIdentity identity{"acme", "Acme Security", "1.0.0"};

  static std::vector<std::string> list_tokens(AcmeContext&) { return {"ACME-1"}; }
  static crt_token_info get_token_info(AcmeContext& ctx, const char* token_id) {
    check_token(token_id);
    crt_token_info info{};
    kit::copy_text(info.id, token_id);
    kit::copy_text(info.label, "Acme token");
    info.pin_retries_left = ctx.retries_left;
    info.pin_retries_max = 3;
    info.flags = kit::retry_flags(ctx.retries_left, 3);
    return info;
  }
  static std::vector<crt_mechanism_info> get_mechanisms(AcmeContext&, const char*) { return {}; }
  static void login(AcmeSession& s, const std::uint8_t* pin, std::size_t len,
                    kit::RetriesOut& retries) {
    retries.value = s.ctx->retries_left;
    if (s.ctx->retries_left == 0) kit::fail(CRT_ERR_PIN_LOCKED, "the PIN is locked");
    if (pin == nullptr || std::string(pin, pin + len) != "123456") {
      retries.value = --s.ctx->retries_left;
      kit::fail(CRT_ERR_PIN_INCORRECT, "wrong PIN");
    }
    retries.value = s.ctx->retries_left = 3;
    s.logged_in = true;
  }
  static void logout(AcmeSession& s) { s.logged_in = false; }
  static std::vector<crt_object_info> list_objects(AcmeSession&) { return {}; }
  static kit::Bytes read_object(AcmeSession&, std::uint32_t, const kit::Bytes&) {
    kit::fail(CRT_ERR_OBJECT_NOT_FOUND, "this token holds no objects");
  }
  static crt_status sign(AcmeSession&, const kit::SignRequest&, const kit::SignatureOut&) {
    kit::fail(CRT_ERR_NOT_SUPPORTED, "this token cannot sign");
  }
  // Optional entries (change_pin, generate_key, write_certificate, delete_object) are offered
  // by declaring them; left out, the table has NULL there.
};

constexpr crt_driver_v1 kTable = kit::driver_table<Acme>();

}  // namespace

extern "C" CRT_DRIVER_EXPORT const crt_driver_v1* certrenew_driver_v1(void) {
  return &kTable;
}
