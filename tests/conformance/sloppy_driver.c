/*
 * A driver that loads fine but breaks the contract in ways the conformance kit must catch:
 * - list_tokens ignores a too-small buffer and writes anyway,
 * - last_error has no text after a failure,
 * - token info says FINAL_TRY while three tries are left, and its label lacks a NUL.
 */
#include <certrenew/token_driver.h>

#include <stdlib.h>
#include <string.h>

struct crt_context {
  int unused;
};
struct crt_session {
  int unused;
};

static const char kList[] = "SLOPPY-1\0";

static crt_status s_open(const char* config, crt_context** out, char* error, size_t error_len) {
  (void)config, (void)error, (void)error_len;
  if (out == NULL) return CRT_ERR_ARGUMENTS;
  *out = calloc(1, sizeof(crt_context));
  return *out ? CRT_OK : CRT_ERR_GENERAL;
}
static void s_close(crt_context* ctx) {
  free(ctx);
}
static crt_status s_last_error(crt_context* ctx, char* buf, size_t* len) {
  (void)ctx;
  if (len == NULL) return CRT_ERR_ARGUMENTS;
  if (buf != NULL && *len >= 1) buf[0] = '\0';
  *len = 1; /* always empty: no reason is ever given */
  return CRT_OK;
}
static crt_status s_list_tokens(crt_context* ctx, char* ids, size_t* len) {
  (void)ctx;
  if (len == NULL) return CRT_ERR_ARGUMENTS;
  if (ids != NULL) memcpy(ids, kList, sizeof kList); /* never checks *len */
  *len = sizeof kList;
  return CRT_OK;
}
static crt_status s_token_info(crt_context* ctx, const char* id, crt_token_info* info) {
  (void)ctx;
  if (info == NULL || id == NULL) return CRT_ERR_ARGUMENTS;
  if (strcmp(id, "SLOPPY-1") != 0) return CRT_ERR_TOKEN_NOT_PRESENT;
  memset(info, 0, sizeof *info);
  strcpy(info->id, "SLOPPY-1");
  memset(info->label, 'x', sizeof info->label); /* no NUL */
  info->pin_retries_left = 3;
  info->pin_retries_max = 3;
  info->flags = CRT_TOKEN_PIN_FINAL_TRY;
  return CRT_OK;
}
static crt_status s_mechanisms(crt_context* ctx, const char* id, crt_mechanism_info* m,
                               size_t* count) {
  (void)ctx, (void)id, (void)m;
  if (count == NULL) return CRT_ERR_ARGUMENTS;
  *count = 0;
  return CRT_OK;
}
static crt_status s_open_session(crt_context* ctx, const char* id, crt_session** out) {
  (void)ctx, (void)id;
  if (out == NULL) return CRT_ERR_ARGUMENTS;
  *out = calloc(1, sizeof(crt_session));
  return *out ? CRT_OK : CRT_ERR_GENERAL;
}
static void s_close_session(crt_session* s) {
  free(s);
}
static crt_status s_login(crt_session* s, const uint8_t* pin, size_t pin_len, int32_t* left) {
  (void)s, (void)pin, (void)pin_len;
  if (left != NULL) *left = 3;
  return CRT_OK;
}
static crt_status s_logout(crt_session* s) {
  (void)s;
  return CRT_OK;
}
static crt_status s_list_objects(crt_session* s, crt_object_info* o, size_t* count) {
  (void)s, (void)o;
  if (count == NULL) return CRT_ERR_ARGUMENTS;
  *count = 0;
  return CRT_OK;
}
static crt_status s_read_object(crt_session* s, uint32_t kind, const crt_object_id* id,
                                uint8_t* value, size_t* len) {
  (void)s, (void)kind, (void)id, (void)value, (void)len;
  return CRT_ERR_OBJECT_NOT_FOUND;
}
static crt_status s_sign(crt_session* s, const crt_object_id* key, uint32_t alg, const uint8_t* sid,
                         size_t sid_len, const uint8_t* in, size_t in_len, uint8_t* sig,
                         size_t* sig_len) {
  (void)s, (void)key, (void)alg, (void)sid, (void)sid_len, (void)in, (void)in_len, (void)sig;
  (void)sig_len;
  return CRT_ERR_NOT_SUPPORTED;
}

static const crt_driver_v1 sloppy_table = {
    /* The later slots (change_pin onwards) stay NULL: this driver does not offer them. */
    .abi_version = CRT_DRIVER_ABI_VERSION,
    .struct_size = sizeof(crt_driver_v1),
    .name = "sloppy",
    .vendor = "CertRenew tests",
    .version = "0.1.0",
    .open = s_open,
    .close = s_close,
    .last_error = s_last_error,
    .list_tokens = s_list_tokens,
    .get_token_info = s_token_info,
    .get_mechanisms = s_mechanisms,
    .open_session = s_open_session,
    .close_session = s_close_session,
    .login = s_login,
    .logout = s_logout,
    .list_objects = s_list_objects,
    .read_object = s_read_object,
    .sign = s_sign,
};

CRT_DRIVER_EXPORT const crt_driver_v1* certrenew_driver_v1(void) {
  return &sloppy_table;
}
