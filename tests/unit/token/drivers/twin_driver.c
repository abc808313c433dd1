/*
 * Built twice from this one file with different TWIN_* definitions: two drivers whose internal
 * functions and globals have the same names but different behaviour. Loaded together they must
 * each answer with their own identity; nothing may bind to the other library's copy.
 *   TWIN_NAME      driver name, e.g. "twin-a"
 *   TWIN_TOKEN_ID  the one token's id
 *   TWIN_PIN_PAD   1 when the token has a PIN pad (login takes no PIN)
 */
#include <certrenew/token_driver.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Deliberately not static: the same external names exist in both twins. */
const char* twin_identity(void) {
  return TWIN_NAME;
}
const char* twin_token_id(void) {
  return TWIN_TOKEN_ID;
}
int twin_contexts_opened = 0;

struct crt_context {
  char error[128];
};
struct crt_session {
  crt_context* ctx;
};

static crt_status fail(crt_context* ctx, crt_status status, const char* text) {
  snprintf(ctx->error, sizeof ctx->error, "%s: %s", twin_identity(), text);
  return status;
}

static crt_status copy_out(const void* data, size_t size, void* buf, size_t* len) {
  if (len == NULL) return CRT_ERR_ARGUMENTS;
  if (buf == NULL) {
    *len = size;
    return CRT_OK;
  }
  if (*len < size) {
    *len = size;
    return CRT_ERR_BUFFER_TOO_SMALL;
  }
  memcpy(buf, data, size);
  *len = size;
  return CRT_OK;
}

static crt_status t_open(const char* config, crt_context** out, char* error, size_t error_len) {
  (void)config, (void)error, (void)error_len;
  if (out == NULL) return CRT_ERR_ARGUMENTS;
  *out = calloc(1, sizeof(crt_context));
  if (*out == NULL) return CRT_ERR_GENERAL;
  ++twin_contexts_opened;
  return CRT_OK;
}
static void t_close(crt_context* ctx) {
  free(ctx);
}
static crt_status t_last_error(crt_context* ctx, char* buf, size_t* len) {
  if (ctx == NULL) return CRT_ERR_ARGUMENTS;
  return copy_out(ctx->error, strlen(ctx->error) + 1, buf, len);
}
static crt_status t_list_tokens(crt_context* ctx, char* ids, size_t* len) {
  char list[CRT_TEXT_MAX + 1] = {0};
  size_t n = strlen(twin_token_id());
  if (ctx == NULL) return CRT_ERR_ARGUMENTS;
  memcpy(list, twin_token_id(), n); /* followed by two NULs from the initialiser */
  return copy_out(list, n + 2, ids, len);
}
static crt_status t_token_info(crt_context* ctx, const char* id, crt_token_info* info) {
  if (ctx == NULL || info == NULL || id == NULL) return CRT_ERR_ARGUMENTS;
  if (strcmp(id, twin_token_id()) != 0) return fail(ctx, CRT_ERR_TOKEN_NOT_PRESENT, "no token");
  memset(info, 0, sizeof *info);
  snprintf(info->id, sizeof info->id, "%s", twin_token_id());
  snprintf(info->label, sizeof info->label, "%s token", twin_identity());
  snprintf(info->manufacturer, sizeof info->manufacturer, "CertRenew tests");
  snprintf(info->model, sizeof info->model, "%s (context %d)", twin_identity(),
           twin_contexts_opened);
  info->pin_retries_left = CRT_RETRIES_UNKNOWN;
  info->pin_retries_max = CRT_RETRIES_UNKNOWN;
  if (TWIN_PIN_PAD) info->flags |= CRT_TOKEN_PIN_PAD;
  return CRT_OK;
}
static crt_status t_mechanisms(crt_context* ctx, const char* id, crt_mechanism_info* m,
                               size_t* count) {
  (void)id, (void)m;
  if (ctx == NULL || count == NULL) return CRT_ERR_ARGUMENTS;
  *count = 0;
  return CRT_OK;
}
static crt_status t_open_session(crt_context* ctx, const char* id, crt_session** out) {
  if (ctx == NULL || out == NULL || id == NULL) return CRT_ERR_ARGUMENTS;
  if (strcmp(id, twin_token_id()) != 0) return fail(ctx, CRT_ERR_TOKEN_NOT_PRESENT, "no token");
  *out = calloc(1, sizeof(crt_session));
  if (*out == NULL) return CRT_ERR_GENERAL;
  (*out)->ctx = ctx;
  return CRT_OK;
}
static void t_close_session(crt_session* s) {
  free(s);
}
static crt_status t_login(crt_session* s, const uint8_t* pin, size_t pin_len, int32_t* left) {
  if (s == NULL) return CRT_ERR_ARGUMENTS;
  if (left != NULL) *left = CRT_RETRIES_UNKNOWN;
  /* With a PIN pad the device asks; without one any PIN of 4+ bytes is good enough here. */
  if (TWIN_PIN_PAD ? pin != NULL : (pin == NULL || pin_len < 4))
    return fail(s->ctx, CRT_ERR_PIN_INVALID, "unexpected PIN");
  return CRT_OK;
}
static crt_status t_logout(crt_session* s) {
  return s == NULL ? CRT_ERR_ARGUMENTS : CRT_OK;
}
static crt_status t_list_objects(crt_session* s, crt_object_info* o, size_t* count) {
  (void)o;
  if (s == NULL || count == NULL) return CRT_ERR_ARGUMENTS;
  *count = 0;
  return CRT_OK;
}
static crt_status t_read_object(crt_session* s, uint32_t kind, const crt_object_id* id,
                                uint8_t* value, size_t* len) {
  (void)kind, (void)id, (void)value, (void)len;
  if (s == NULL) return CRT_ERR_ARGUMENTS;
  return fail(s->ctx, CRT_ERR_OBJECT_NOT_FOUND, "no objects");
}
static crt_status t_sign(crt_session* s, const crt_object_id* key, uint32_t alg, const uint8_t* sid,
                         size_t sid_len, const uint8_t* in, size_t in_len, uint8_t* sig,
                         size_t* sig_len) {
  (void)key, (void)alg, (void)sid, (void)sid_len, (void)in, (void)in_len, (void)sig, (void)sig_len;
  if (s == NULL) return CRT_ERR_ARGUMENTS;
  return fail(s->ctx, CRT_ERR_NOT_SUPPORTED, "cannot sign");
}

static const crt_driver_v1 twin_table = {
    CRT_DRIVER_ABI_VERSION,
    sizeof(crt_driver_v1),
    TWIN_NAME,
    "CertRenew tests",
    "1.0.0",
    t_open,
    t_close,
    t_last_error,
    t_list_tokens,
    t_token_info,
    t_mechanisms,
    t_open_session,
    t_close_session,
    t_login,
    t_logout,
    t_list_objects,
    t_read_object,
    t_sign,
    NULL,
    NULL,
    NULL,
    NULL,
};

CRT_DRIVER_EXPORT const crt_driver_v1* certrenew_driver_v1(void) {
  return &twin_table;
}
