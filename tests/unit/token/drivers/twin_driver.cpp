// Built twice from this one file with different TWIN_* definitions: two drivers whose internal
// functions and globals have the same names but different behaviour. Loaded together they must
// each answer with their own identity; nothing may bind to the other library's copy (the kit's
// inline functions and templates, too, exist once in each twin).
//   TWIN_NAME      driver name, e.g. "twin-a"
//   TWIN_TOKEN_ID  the one token's id
//   TWIN_PIN_PAD   1 when the token has a PIN pad (login takes no PIN)
#include <certrenew/driver_kit.hpp>

#include <cstdio>
#include <string>

// Deliberately not static and not in an unnamed namespace: the same external names exist in
// both twins.
const char* twin_identity() {
  return TWIN_NAME;
}
const char* twin_token_id() {
  return TWIN_TOKEN_ID;
}
int twin_contexts_opened = 0;

namespace {

namespace kit = certrenew::driver_kit;

[[noreturn]] void twin_fail(crt_status status, const std::string& text) {
  kit::fail(status, std::string(twin_identity()) + ": " + text);
}

void require_our_token(const char* id) {
  kit::require(id, "the token id");
  if (id != std::string(twin_token_id())) twin_fail(CRT_ERR_TOKEN_NOT_PRESENT, "no token");
}

struct TwinSession;

struct TwinContext : kit::ContextBase<TwinSession> {
  explicit TwinContext(const char*) { ++twin_contexts_opened; }
};

struct TwinSession : kit::SessionBase<TwinContext> {
  TwinSession(TwinContext& ctx, const char* token_id) : SessionBase(ctx) {
    require_our_token(token_id);
  }
};

// The ABI's operations in C++; kit::driver_table makes the C entry points around them.
struct TwinDriver : kit::DriverTypes<TwinContext, TwinSession> {
  static constexpr kit::DriverIdentity identity{TWIN_NAME, "CertRenew tests", "1.0.0"};

  static std::vector<std::string> list_tokens(TwinContext&) { return {twin_token_id()}; }

  static crt_token_info get_token_info(TwinContext&, const char* id) {
    require_our_token(id);
    crt_token_info info{};
    kit::copy_text(info.id, twin_token_id());
    kit::copy_text(info.label, std::string(twin_identity()) + " token");
    kit::copy_text(info.manufacturer, "CertRenew tests");
    kit::copy_text(info.model, std::string(twin_identity()) + " (context " +
                                   std::to_string(twin_contexts_opened) + ")");
    info.pin_retries_left = CRT_RETRIES_UNKNOWN;
    info.pin_retries_max = CRT_RETRIES_UNKNOWN;
    if (TWIN_PIN_PAD) info.flags |= CRT_TOKEN_PIN_PAD;
    return info;
  }

  static std::vector<crt_mechanism_info> get_mechanisms(TwinContext&, const char*) { return {}; }

  static void login(TwinSession&, const std::uint8_t* pin, std::size_t pin_len,
                    kit::RetriesOut&) {  // retries: always unknown
    // With a PIN pad the device asks; without one any PIN of 4+ bytes is good enough here.
    if (TWIN_PIN_PAD ? pin != nullptr : (pin == nullptr || pin_len < 4))
      twin_fail(CRT_ERR_PIN_INVALID, "unexpected PIN");
  }

  static void logout(TwinSession&) {}

  static std::vector<crt_object_info> list_objects(TwinSession&) { return {}; }

  static kit::Bytes read_object(TwinSession&, std::uint32_t, const kit::Bytes&) {
    twin_fail(CRT_ERR_OBJECT_NOT_FOUND, "no objects");
  }

  static crt_status sign(TwinSession&, const kit::SignRequest&, const kit::SignatureOut&) {
    twin_fail(CRT_ERR_NOT_SUPPORTED, "cannot sign");
  }
};

constexpr crt_driver_v1 kTable = kit::driver_table<TwinDriver>();

}  // namespace

extern "C" CRT_DRIVER_EXPORT const crt_driver_v1* certrenew_driver_v1(void) {
  return &kTable;
}
