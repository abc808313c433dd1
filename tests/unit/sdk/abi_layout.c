/* Freezes the version-1 ABI layout on LP64 platforms: if one of these fails to compile, a change
 * to token_driver.h broke every driver already built. Grow the table only at its end. */
#include <certrenew/token_driver.h>

#include <stddef.h>

#if defined(__LP64__) || defined(_WIN64)
#define CHECK(cond) _Static_assert(cond, #cond)
CHECK(offsetof(crt_driver_v1, abi_version) == 0);
CHECK(offsetof(crt_driver_v1, struct_size) == 4);
CHECK(offsetof(crt_driver_v1, name) == 8);
CHECK(offsetof(crt_driver_v1, open) == 32);
CHECK(offsetof(crt_driver_v1, sign) == 32 + 12 * 8);
CHECK(offsetof(crt_driver_v1, delete_object) == 32 + 16 * 8);
CHECK(CRT_DRIVER_V1_MIN_SIZE == 32 + 17 * 8);
CHECK(offsetof(crt_driver_v1, unblock_pin) == 32 + 17 * 8); /* added later, at the end */
CHECK(offsetof(crt_driver_v1, import_enveloped_key) == 32 + 18 * 8); /* dual certificates */
CHECK(offsetof(crt_driver_v1, write_certificate_for) == 32 + 19 * 8);
CHECK(offsetof(crt_driver_v1, open_sealed) == 32 + 20 * 8);
CHECK(sizeof(crt_driver_v1) == 32 + 21 * 8);
CHECK(offsetof(crt_object_info, usage) == 4 + (CRT_ID_MAX + 4) + 4 + 4 + CRT_TEXT_MAX);
CHECK(sizeof(crt_sm2_cipher) == 3 * 32 + 8 + 8);
CHECK(offsetof(crt_sm2_enveloped_key, sym_key) == 8);
CHECK(offsetof(crt_sm2_enveloped_key, public_x) == 8 + sizeof(crt_sm2_cipher));
CHECK(offsetof(crt_sm2_enveloped_key, encrypted_private_key) == 8 + sizeof(crt_sm2_cipher) + 64);
CHECK(sizeof(crt_sm2_enveloped_key) == 8 + sizeof(crt_sm2_cipher) + 64 + 8 + 8 + 4 * 4);
CHECK(sizeof(crt_token_info) == 4 * CRT_TEXT_MAX + 4 * 5 + 4 * 8);
CHECK(sizeof(crt_mechanism_info) == 4 * 10);
CHECK(sizeof(crt_object_id) == CRT_ID_MAX + 4);
CHECK(sizeof(crt_object_info) == 4 + (CRT_ID_MAX + 4) + 4 + 4 + CRT_TEXT_MAX + 4 * 4);
#endif

/* ISO C forbids an empty translation unit. */
int certrenew_sdk_abi_layout_checked(void);
int certrenew_sdk_abi_layout_checked(void) { return 1; }
