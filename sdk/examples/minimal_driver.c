/*
 * The smallest useful CertRenew token driver: one always-present token ("EXAMPLE-0001") with the
 * PIN "123456", three tries, and no keys. It shows the shape every driver has: a constant table,
 * the two-call size pattern, per-context error text and the PIN retry flags. Build it with
 *
 *   cc -std=c99 -shared -fPIC -fvisibility=hidden -I<sdk>/include minimal_driver.c \
 *      -o libcertrenew-example.so
 *
 * and drop the library into CertRenew's plugins/ folder.
 */
#include <certrenew/token_driver.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXAMPLE_TOKEN_ID "EXAMPLE-0001"
#define EXAMPLE_PIN "123456"
#define EXAMPLE_TRIES 3

struct crt_context {
  char error[256];
  int retries_left; /* lives as long as the context: the "device" of this example */
};

struct crt_session {
  crt_context* ctx;
  int logged_in;
};

static crt_status fail(crt_context* ctx, crt_status status, const char* message) {
  snprintf(ctx->error, sizeof ctx->error, "%s", message);
  return status;
}

/* Copies `size` bytes to a caller buffer following the two-call pattern. */
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

static crt_status ex_open(const char* config_json, crt_context** out, char* error,
                          size_t error_len) {
  (void)config_json; /* this example has nothing to configure */
  if (out == NULL) return CRT_ERR_ARGUMENTS;
  *out = calloc(1, sizeof(crt_context));
  if (*out == NULL) {
    if (error != NULL && error_len > 0) snprintf(error, error_len, "out of memory");
    return CRT_ERR_GENERAL;
  }
  (*out)->retries_left = EXAMPLE_TRIES;
  return CRT_OK;
}

static void ex_close(crt_context* ctx) { free(ctx); }

static crt_status ex_last_error(crt_context* ctx, char* buf, size_t* len) {
  if (ctx == NULL) return CRT_ERR_ARGUMENTS;
  return copy_out(ctx->error, strlen(ctx->error) + 1, buf, len);
}

static crt_status ex_list_tokens(crt_context* ctx, char* ids, size_t* len) {
  static const char list[] = EXAMPLE_TOKEN_ID "\0"; /* the literal adds the final NUL */
  if (ctx == NULL) return CRT_ERR_ARGUMENTS;
  return copy_out(list, sizeof list, ids, len);
}

static int is_our_token(const char* token_id) {
  return token_id != NULL && strcmp(token_id, EXAMPLE_TOKEN_ID) == 0;
}

static crt_status ex_get_token_info(crt_context* ctx, const char* token_id, crt_token_info* info) {
  if (ctx == NULL || info == NULL) return CRT_ERR_ARGUMENTS;
  if (!is_our_token(token_id)) return fail(ctx, CRT_ERR_TOKEN_NOT_PRESENT, "no such token");
  memset(info, 0, sizeof *info);
  snprintf(info->id, sizeof info->id, "%s", EXAMPLE_TOKEN_ID);
  snprintf(info->label, sizeof info->label, "Example token");
  snprintf(info->manufacturer, sizeof info->manufacturer, "CertRenew SDK");
  snprintf(info->model, sizeof info->model, "minimal example");
  info->pin_retries_left = ctx->retries_left;
  info->pin_retries_max = EXAMPLE_TRIES;
  info->pin_min_len = 4;
  info->pin_max_len = 16;
  if (ctx->retries_left == 0) info->flags |= CRT_TOKEN_PIN_LOCKED;
  else if (ctx->retries_left == 1) info->flags |= CRT_TOKEN_PIN_FINAL_TRY;
  if (ctx->retries_left < EXAMPLE_TRIES) info->flags |= CRT_TOKEN_PIN_COUNT_LOW;
  return CRT_OK;
}

static crt_status ex_get_mechanisms(crt_context* ctx, const char* token_id,
                                    crt_mechanism_info* mechs, size_t* count) {
  (void)mechs;
  if (ctx == NULL || count == NULL) return CRT_ERR_ARGUMENTS;
  if (!is_our_token(token_id)) return fail(ctx, CRT_ERR_TOKEN_NOT_PRESENT, "no such token");
  *count = 0; /* this example cannot sign */
  return CRT_OK;
}

static crt_status ex_open_session(crt_context* ctx, const char* token_id, crt_session** out) {
  if (ctx == NULL || out == NULL) return CRT_ERR_ARGUMENTS;
  if (!is_our_token(token_id)) return fail(ctx, CRT_ERR_TOKEN_NOT_PRESENT, "no such token");
  *out = calloc(1, sizeof(crt_session));
  if (*out == NULL) return fail(ctx, CRT_ERR_GENERAL, "out of memory");
  (*out)->ctx = ctx;
  return CRT_OK;
}

static void ex_close_session(crt_session* session) { free(session); }

static crt_status ex_login(crt_session* s, const uint8_t* pin, size_t pin_len,
                           int32_t* retries_left) {
  if (s == NULL) return CRT_ERR_ARGUMENTS;
  crt_context* ctx = s->ctx;
  if (retries_left != NULL) *retries_left = ctx->retries_left;
  if (ctx->retries_left == 0) return fail(ctx, CRT_ERR_PIN_LOCKED, "the PIN is locked");
  if (pin == NULL || pin_len < 4 || pin_len > 16)
    return fail(ctx, CRT_ERR_PIN_INVALID, "the PIN must have 4 to 16 characters");
  if (pin_len != strlen(EXAMPLE_PIN) || memcmp(pin, EXAMPLE_PIN, pin_len) != 0) {
    ctx->retries_left--;
    if (retries_left != NULL) *retries_left = ctx->retries_left;
    return fail(ctx, CRT_ERR_PIN_INCORRECT, "wrong PIN");
  }
  ctx->retries_left = EXAMPLE_TRIES;
  if (retries_left != NULL) *retries_left = ctx->retries_left;
  s->logged_in = 1;
  return CRT_OK;
}

static crt_status ex_logout(crt_session* s) {
  if (s == NULL) return CRT_ERR_ARGUMENTS;
  s->logged_in = 0;
  return CRT_OK;
}

static crt_status ex_list_objects(crt_session* s, crt_object_info* objects, size_t* count) {
  (void)objects;
  if (s == NULL || count == NULL) return CRT_ERR_ARGUMENTS;
  *count = 0;
  return CRT_OK;
}

static crt_status ex_read_object(crt_session* s, uint32_t kind, const crt_object_id* id,
                                 uint8_t* value, size_t* len) {
  (void)kind, (void)id, (void)value, (void)len;
  if (s == NULL) return CRT_ERR_ARGUMENTS;
  return fail(s->ctx, CRT_ERR_OBJECT_NOT_FOUND, "this token holds no objects");
}

static crt_status ex_sign(crt_session* s, const crt_object_id* key_id, uint32_t algorithm,
                          const uint8_t* signer_id, size_t signer_id_len, const uint8_t* input,
                          size_t input_len, uint8_t* signature, size_t* signature_len) {
  (void)key_id, (void)algorithm, (void)signer_id, (void)signer_id_len, (void)input;
  (void)input_len, (void)signature, (void)signature_len;
  if (s == NULL) return CRT_ERR_ARGUMENTS;
  return fail(s->ctx, CRT_ERR_NOT_SUPPORTED, "this example cannot sign");
}

static const crt_driver_v1 example_table = {
    CRT_DRIVER_ABI_VERSION,
    sizeof(crt_driver_v1),
    "example",
    "CertRenew SDK",
    "1.0.0",
    ex_open,
    ex_close,
    ex_last_error,
    ex_list_tokens,
    ex_get_token_info,
    ex_get_mechanisms,
    ex_open_session,
    ex_close_session,
    ex_login,
    ex_logout,
    ex_list_objects,
    ex_read_object,
    ex_sign,
    NULL, /* change_pin: not offered */
    NULL, /* generate_key: not offered */
    NULL, /* write_certificate: not offered */
    NULL, /* delete_object: not offered */
    NULL, /* unblock_pin: not offered */
    NULL, /* import_enveloped_key: no encryption keys (dual certificates) */
    NULL, /* write_certificate_for: not offered */
    NULL, /* open_sealed: not offered */
};

CRT_DRIVER_EXPORT const crt_driver_v1* certrenew_driver_v1(void) { return &example_table; }
