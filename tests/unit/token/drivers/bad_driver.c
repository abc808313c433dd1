/*
 * One source for the libraries the plugin host must reject. BAD_DRIVER_KIND picks the defect:
 *   1 no entry point          2 ABI version 7           3 table shorter than version 1
 *   4 required function NULL  5 vendor string NULL      6 entry returns NULL
 * Everything else is a well-formed table, so each library has exactly one defect.
 */
#include <certrenew/token_driver.h>

#include <stddef.h>

#ifndef BAD_DRIVER_KIND
#error "define BAD_DRIVER_KIND"
#endif

static crt_status no_open(const char* config_json, crt_context** out, char* error,
                          size_t error_len) {
  (void)config_json, (void)error, (void)error_len;
  if (out != NULL) *out = NULL;
  return CRT_ERR_NOT_SUPPORTED;
}
static void no_close(crt_context* ctx) {
  (void)ctx;
}
static crt_status no_last_error(crt_context* ctx, char* buf, size_t* len) {
  (void)ctx, (void)buf, (void)len;
  return CRT_ERR_NOT_SUPPORTED;
}
static crt_status no_list_tokens(crt_context* ctx, char* ids, size_t* len) {
  (void)ctx, (void)ids, (void)len;
  return CRT_ERR_NOT_SUPPORTED;
}
static crt_status no_token_info(crt_context* ctx, const char* id, crt_token_info* info) {
  (void)ctx, (void)id, (void)info;
  return CRT_ERR_NOT_SUPPORTED;
}
static crt_status no_mechanisms(crt_context* ctx, const char* id, crt_mechanism_info* m,
                                size_t* count) {
  (void)ctx, (void)id, (void)m, (void)count;
  return CRT_ERR_NOT_SUPPORTED;
}
static crt_status no_open_session(crt_context* ctx, const char* id, crt_session** out) {
  (void)ctx, (void)id, (void)out;
  return CRT_ERR_NOT_SUPPORTED;
}
static void no_close_session(crt_session* s) {
  (void)s;
}
static crt_status no_login(crt_session* s, const uint8_t* pin, size_t pin_len, int32_t* left) {
  (void)s, (void)pin, (void)pin_len, (void)left;
  return CRT_ERR_NOT_SUPPORTED;
}
static crt_status no_logout(crt_session* s) {
  (void)s;
  return CRT_ERR_NOT_SUPPORTED;
}
static crt_status no_list_objects(crt_session* s, crt_object_info* o, size_t* count) {
  (void)s, (void)o, (void)count;
  return CRT_ERR_NOT_SUPPORTED;
}
static crt_status no_read_object(crt_session* s, uint32_t kind, const crt_object_id* id,
                                 uint8_t* value, size_t* len) {
  (void)s, (void)kind, (void)id, (void)value, (void)len;
  return CRT_ERR_NOT_SUPPORTED;
}
static crt_status no_sign(crt_session* s, const crt_object_id* key, uint32_t alg,
                          const uint8_t* sid, size_t sid_len, const uint8_t* in, size_t in_len,
                          uint8_t* sig, size_t* sig_len) {
  (void)s, (void)key, (void)alg, (void)sid, (void)sid_len, (void)in, (void)in_len, (void)sig;
  (void)sig_len;
  return CRT_ERR_NOT_SUPPORTED;
}

static const crt_driver_v1 table = {
    /* The later slots (change_pin onwards) stay NULL: this driver does not offer them. */
    .abi_version = BAD_DRIVER_KIND == 2 ? 7u : CRT_DRIVER_ABI_VERSION,
    .struct_size = BAD_DRIVER_KIND == 3 ? (uint32_t)offsetof(crt_driver_v1, sign)
                                        : (uint32_t)sizeof(crt_driver_v1),
    .name = "bad-fixture",
    .vendor = BAD_DRIVER_KIND == 5 ? NULL : "CertRenew tests",
    .version = "0.0.1",
    .open = no_open,
    .close = no_close,
    .last_error = no_last_error,
    .list_tokens = no_list_tokens,
    .get_token_info = no_token_info,
    .get_mechanisms = no_mechanisms,
    .open_session = no_open_session,
    .close_session = no_close_session,
    .login = BAD_DRIVER_KIND == 4 ? NULL : no_login,
    .logout = no_logout,
    .list_objects = no_list_objects,
    .read_object = no_read_object,
    .sign = no_sign,
};

#if BAD_DRIVER_KIND == 1
/* Exports something, just not the entry point. */
CRT_DRIVER_EXPORT const crt_driver_v1* certrenew_driver_v0(void) {
  return &table;
}
#elif BAD_DRIVER_KIND == 6
CRT_DRIVER_EXPORT const crt_driver_v1* certrenew_driver_v1(void) {
  return NULL;
}
/* Keeps the table referenced so the compiler does not warn about it. */
CRT_DRIVER_EXPORT const crt_driver_v1* bad_fixture_table(void) {
  return &table;
}
#else
CRT_DRIVER_EXPORT const crt_driver_v1* certrenew_driver_v1(void) {
  return &table;
}
#endif
