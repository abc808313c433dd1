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

struct Entries : kit::Boundary<TwinContext, TwinSession> {
  static constexpr const char* name = TWIN_NAME;
  static constexpr const char* vendor = "CertRenew tests";
  static constexpr const char* version = "1.0.0";

  static crt_status list_tokens(crt_context* h, char* ids, std::size_t* len) {
    return on_context(h,
                      [&](TwinContext&) { return kit::copy_id_list({twin_token_id()}, ids, len); });
  }

  static crt_status get_token_info(crt_context* h, const char* id, crt_token_info* info) {
    return on_context(h, [&](TwinContext&) {
      kit::require(info, "info");
      require_our_token(id);
      *info = crt_token_info{};
      kit::copy_text(info->id, twin_token_id());
      kit::copy_text(info->label, std::string(twin_identity()) + " token");
      kit::copy_text(info->manufacturer, "CertRenew tests");
      kit::copy_text(info->model, std::string(twin_identity()) + " (context " +
                                      std::to_string(twin_contexts_opened) + ")");
      info->pin_retries_left = CRT_RETRIES_UNKNOWN;
      info->pin_retries_max = CRT_RETRIES_UNKNOWN;
      if (TWIN_PIN_PAD) info->flags |= CRT_TOKEN_PIN_PAD;
      return CRT_OK;
    });
  }

  static crt_status get_mechanisms(crt_context* h, const char*, crt_mechanism_info* mechs,
                                   std::size_t* count) {
    return on_context(h, [&](TwinContext&) {
      return kit::copy_out<crt_mechanism_info>(nullptr, 0, mechs, count);
    });
  }

  static crt_status login(crt_session* h, const std::uint8_t* pin, std::size_t pin_len,
                          std::int32_t* retries_left) {
    const kit::RetriesOut retries(retries_left);  // always unknown
    return on_session(h, [&](TwinSession&) {
      // With a PIN pad the device asks; without one any PIN of 4+ bytes is good enough here.
      if (TWIN_PIN_PAD ? pin != nullptr : (pin == nullptr || pin_len < 4))
        twin_fail(CRT_ERR_PIN_INVALID, "unexpected PIN");
      return CRT_OK;
    });
  }

  static crt_status logout(crt_session* h) {
    return on_session(h, [](TwinSession&) { return CRT_OK; });
  }

  static crt_status list_objects(crt_session* h, crt_object_info* objects, std::size_t* count) {
    return on_session(h, [&](TwinSession&) {
      return kit::copy_out<crt_object_info>(nullptr, 0, objects, count);
    });
  }

  static crt_status read_object(crt_session* h, std::uint32_t, const crt_object_id*, std::uint8_t*,
                                std::size_t*) {
    return on_session(
        h, [](TwinSession&) -> crt_status { twin_fail(CRT_ERR_OBJECT_NOT_FOUND, "no objects"); });
  }

  static crt_status sign(crt_session* h, const crt_object_id*, std::uint32_t, const std::uint8_t*,
                         std::size_t, const std::uint8_t*, std::size_t, std::uint8_t*,
                         std::size_t*) {
    return on_session(
        h, [](TwinSession&) -> crt_status { twin_fail(CRT_ERR_NOT_SUPPORTED, "cannot sign"); });
  }
};

constexpr crt_driver_v1 kTable = kit::driver_table<Entries>();

}  // namespace

extern "C" CRT_DRIVER_EXPORT const crt_driver_v1* certrenew_driver_v1(void) {
  return &kTable;
}
