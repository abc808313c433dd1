/*
 * CertRenew token driver ABI, version 1.
 *
 * This header is the whole contract between CertRenew and a token vendor's driver. A driver is a
 * shared library that exports exactly one symbol, `certrenew_driver_v1`, returning a pointer to a
 * constant function table. The header is plain C (C99 and later, and C++), so any vendor toolchain
 * can build against it; nothing else from CertRenew is needed.
 *
 * Conventions
 * -----------
 * - Every operation returns a `crt_status`. CRT_OK is 0; anything else is an error whose text the
 *   host reads with `last_error` on the same context.
 * - No exception, C++ object or pointer to driver-owned memory crosses the boundary, except the
 *   opaque handles and the strings inside the constant table (valid while the library is loaded).
 * - Output buffers belong to the caller and use the two-call size pattern known from PKCS#11:
 *   pass `buf == NULL` to learn the size in `*len`; pass a buffer of `*len` bytes to fill it. When
 *   the buffer is too small the driver sets `*len` to the size needed and returns
 *   CRT_ERR_BUFFER_TOO_SMALL without side effects.
 * - Text is UTF-8, NUL-terminated. Token ids are the token's serial number (stable across
 *   re-plugging and slot renumbering); never a slot index.
 * - A PIN is passed as bytes with a length and is never stored by the host; the driver must not
 *   log it and should wipe any copy it makes.
 * - Times and sizes are plain integers; there is no allocation on either side's behalf.
 *
 * Thread-safety
 * -------------
 * - `certrenew_driver_v1` and the table are immutable and may be read from any thread.
 * - Different contexts may be used concurrently from different threads.
 * - Calls on one context, and on the sessions opened from it, are never made concurrently: the host
 *   serialises them. A driver therefore needs no locking of its own for one context, but must not
 *   keep unsynchronised global state shared between contexts.
 *
 * Growth
 * ------
 * The table only grows at its end. `struct_size` tells the host how much of it the driver filled;
 * the host refuses a table shorter than CRT_DRIVER_V1_MIN_SIZE and reads a later field only when
 * struct_size covers it (CRT_DRIVER_HAS), so a driver built against an older header keeps loading. The fixed-size info structures below
 * keep `reserved` words that must be zero; a later version may give them meaning.
 */
#ifndef CERTRENEW_TOKEN_DRIVER_H
#define CERTRENEW_TOKEN_DRIVER_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CRT_DRIVER_ABI_VERSION 1u
#define CRT_DRIVER_ENTRY_NAME "certrenew_driver_v1"

#if defined(_WIN32)
#define CRT_DRIVER_EXPORT __declspec(dllexport)
#elif defined(__GNUC__) || defined(__clang__)
#define CRT_DRIVER_EXPORT __attribute__((visibility("default")))
#else
#define CRT_DRIVER_EXPORT
#endif

/* ---- status codes ------------------------------------------------------------------------- */

typedef int32_t crt_status;

#define CRT_OK 0
#define CRT_ERR_GENERAL 1            /* anything not covered below; see last_error */
#define CRT_ERR_ARGUMENTS 2          /* a NULL pointer, a bad length, an unknown enum value */
#define CRT_ERR_BUFFER_TOO_SMALL 3   /* *len now holds the size needed */
#define CRT_ERR_NOT_SUPPORTED 4      /* operation, algorithm or key size not offered */
#define CRT_ERR_CONFIG 5             /* the JSON configuration is malformed or names bad paths */
#define CRT_ERR_TOKEN_NOT_PRESENT 6  /* no token with that id, or it was removed */
#define CRT_ERR_PIN_INCORRECT 7      /* wrong PIN; the retry counter went down */
#define CRT_ERR_PIN_LOCKED 8         /* the PIN is blocked; no try was spent */
#define CRT_ERR_PIN_INVALID 9        /* PIN too short/long or has bad characters; no try spent */
#define CRT_ERR_NOT_LOGGED_IN 10     /* the operation needs a login first */
#define CRT_ERR_OBJECT_NOT_FOUND 11  /* no object of that kind with that id */
#define CRT_ERR_OBJECT_EXISTS 12     /* an object of that kind with that id is already there */
#define CRT_ERR_DEVICE 13            /* I/O or hardware failure; the token state is unchanged */
#define CRT_ERR_TOKEN_FULL 14        /* no room for another object */
#define CRT_ERR_CANCELLED 15         /* the user cancelled on the device (PIN pad, button) */
#define CRT_ERR_DATA_INVALID 16      /* input data (certificate DER, digest length) is not acceptable */

/* ---- algorithms --------------------------------------------------------------------------- */

/* Key types, for key generation and object listing. */
#define CRT_KEY_RSA 1u
#define CRT_KEY_EC_P256 2u
#define CRT_KEY_SM2 3u

/* Signature algorithms. */
#define CRT_SIG_RSA_PKCS1_SHA256 1u  /* RSASSA-PKCS1-v1_5 with SHA-256 */
#define CRT_SIG_ECDSA_P256_SHA256 2u /* ECDSA on P-256 with SHA-256 */
#define CRT_SIG_SM2_SM3 3u           /* SM2 with SM3 (GM/T 0009), signer ID given per call */

/* What `sign` takes as input for an algorithm (crt_mechanism_info.input). */
#define CRT_INPUT_DATA 1u   /* the whole message; the driver hashes (and for SM2 computes Z) */
#define CRT_INPUT_DIGEST 2u /* the 32-byte hash; for RSA the driver adds the DigestInfo prefix,
                               for SM2 it is e = SM3(Z || M) computed by the host */

/* How ECDSA and SM2 signatures come back (crt_mechanism_info.signature_format). */
#define CRT_SIGFMT_PLAIN 0u  /* RSA: the modulus-sized signature; no other meaning */
#define CRT_SIGFMT_DER 1u    /* ECDSA/SM2: DER SEQUENCE { r INTEGER, s INTEGER } */
#define CRT_SIGFMT_RAW_RS 2u /* ECDSA/SM2: r || s, each left-padded to 32 bytes */

/* Object kinds. */
#define CRT_OBJ_CERTIFICATE 1u
#define CRT_OBJ_PRIVATE_KEY 2u

/* What a key pair and its certificate are for (crt_object_info.usage, write_certificate_for).
 * SM2 holders of Chinese CAs have two pairs in one GM/T 0016 container: a signing pair made on
 * the token and an encryption pair made by the CA's key management centre (KMC), delivered as a
 * digital envelope (import_enveloped_key). A key and its certificate share usage and id. */
#define CRT_USAGE_SIGNING 0u
#define CRT_USAGE_ENCRYPTION 1u

/* Symmetric algorithms of digital envelopes. */
#define CRT_SYM_SM4_ECB 1u /* SM4 in ECB mode, no padding (GM/T 0016 SGD_SM4_ECB) */

/* ---- fixed-size information records ------------------------------------------------------- */

#define CRT_TEXT_MAX 128  /* bytes including the NUL, for every text field below */
#define CRT_ID_MAX 64     /* bytes of an object id (CKA_ID-like, binary) */
#define CRT_SPKI_MAX 2048 /* bytes a SubjectPublicKeyInfo DER can take, for generate_key */

/* Token flags (crt_token_info.flags). */
#define CRT_TOKEN_PIN_PAD 0x0001u          /* protected authentication path: login without PIN */
#define CRT_TOKEN_PIN_COUNT_LOW 0x0002u    /* at least one wrong PIN since the last good one */
#define CRT_TOKEN_PIN_FINAL_TRY 0x0004u    /* the next wrong PIN locks the token */
#define CRT_TOKEN_PIN_LOCKED 0x0008u       /* the PIN is blocked */
#define CRT_TOKEN_WRITE_PROTECTED 0x0010u  /* objects cannot be created or deleted */
#define CRT_TOKEN_PIN_CHANGE 0x0020u       /* change_pin is available on this token */
#define CRT_TOKEN_PIN_DEFAULT 0x0040u      /* the user PIN is still the issuer's default: ask the
                                              user to change it */

#define CRT_RETRIES_UNKNOWN (-1)

typedef struct crt_token_info {
  char id[CRT_TEXT_MAX];           /* serial number: the stable token id */
  char label[CRT_TEXT_MAX];        /* what the user named the token */
  char manufacturer[CRT_TEXT_MAX]; /* e.g. "Example Corp." */
  char model[CRT_TEXT_MAX];        /* e.g. "ePass3003" */
  uint32_t flags;                  /* CRT_TOKEN_* */
  int32_t pin_retries_left;        /* CRT_RETRIES_UNKNOWN when the device does not tell */
  int32_t pin_retries_max;         /* CRT_RETRIES_UNKNOWN when the device does not tell */
  uint32_t pin_min_len;            /* 0 when unknown */
  uint32_t pin_max_len;            /* 0 when unknown */
  uint32_t reserved[8];            /* zero */
} crt_token_info;

typedef struct crt_mechanism_info {
  uint32_t algorithm;        /* CRT_SIG_* */
  uint32_t input;            /* CRT_INPUT_DATA or CRT_INPUT_DIGEST */
  uint32_t signature_format; /* CRT_SIGFMT_* */
  uint32_t can_generate;     /* 1 when generate_key can make keys for this algorithm */
  uint32_t min_bits;         /* key sizes offered for generation (RSA); 256 for EC/SM2 */
  uint32_t max_bits;
  uint32_t reserved[4]; /* zero */
} crt_mechanism_info;

typedef struct crt_object_id {
  uint8_t bytes[CRT_ID_MAX];
  uint32_t len; /* 1..CRT_ID_MAX */
} crt_object_id;

typedef struct crt_object_info {
  uint32_t kind;        /* CRT_OBJ_* */
  crt_object_id id;     /* a certificate and its private key share the same id */
  uint32_t key_type;    /* CRT_KEY_* for keys and for certificates' public keys, 0 if unknown */
  uint32_t key_bits;    /* 2048, 3072, 256 ...; 0 if unknown */
  char label[CRT_TEXT_MAX];
  uint32_t usage;       /* CRT_USAGE_*: 0 (signing) from drivers that know no encryption keys */
  uint32_t reserved[3]; /* zero */
} crt_object_info;

/* ---- SM2 digital envelopes (dual certificates) --------------------------------------------- */

#define CRT_SM2_FIELD_LEN 32 /* bytes of a coordinate, a private key or an SM3 hash */

/* An SM2 ciphertext (GM/T 0009 SM2Cipher) as fields: C1 = (x, y), C3 = hash = SM3(x2||M||y2),
 * C2 = ciphertext (as long as the message). Values are big-endian, left-padded with zeros (the
 * host has checked that C1 is on the SM2 curve). This is what GM/T 0016 ECCCIPHERBLOB carries. */
typedef struct crt_sm2_cipher {
  uint8_t x[CRT_SM2_FIELD_LEN];
  uint8_t y[CRT_SM2_FIELD_LEN];
  uint8_t hash[CRT_SM2_FIELD_LEN];
  const uint8_t* ciphertext;
  size_t ciphertext_len;
} crt_sm2_cipher;

/* An encryption key pair sealed to a signing key: GM/T 0009 SM2EnvelopedKey as the host decoded
 * it from the CA's answer with its strict decoder, so every field has been checked:
 * - sym_algorithm is CRT_SYM_SM4_ECB;
 * - sym_key is the 16-byte SM4 key, SM2-encrypted to the signing key named in the call;
 * - public_x/public_y is the encryption public key, a point on the SM2 curve;
 * - encrypted_private_key is SM4-ECB (no padding) of the 32-byte big-endian private key, so
 *   32 bytes. An SKF driver passes it to SKF_ImportECCKeyPair as ENVELOPEDKEYBLOB: see
 *   docs/skf.md for where the 32 bytes sit in cbEncryptedPriKey[64]. */
typedef struct crt_sm2_enveloped_key {
  uint32_t sym_algorithm; /* CRT_SYM_* */
  crt_sm2_cipher sym_key;
  uint8_t public_x[CRT_SM2_FIELD_LEN];
  uint8_t public_y[CRT_SM2_FIELD_LEN];
  const uint8_t* encrypted_private_key;
  size_t encrypted_private_key_len;
  uint32_t reserved[4]; /* zero */
} crt_sm2_enveloped_key;

/* ---- the driver table --------------------------------------------------------------------- */

typedef struct crt_context crt_context; /* opaque, owned by the driver */
typedef struct crt_session crt_session; /* opaque, owned by the driver */

typedef struct crt_driver_v1 {
  uint32_t abi_version; /* CRT_DRIVER_ABI_VERSION */
  uint32_t struct_size; /* sizeof(crt_driver_v1) as the driver was built */
  const char* name;     /* short machine name, e.g. "softtoken" */
  const char* vendor;   /* e.g. "CertRenew" */
  const char* version;  /* driver version, e.g. "1.0.0" */

  /* Opens a driver context. `config_json` is a JSON object (may be "{}" or NULL for defaults).
   * On failure `*out` stays NULL and a reason is written to `error` (at most `error_len` bytes,
   * NUL-terminated, truncated as needed). */
  crt_status (*open)(const char* config_json, crt_context** out, char* error, size_t error_len);
  /* Closes the context and every session still open on it. NULL is accepted. */
  void (*close)(crt_context* ctx);
  /* The text of the last error on this context (two-call pattern; `*len` counts the NUL). */
  crt_status (*last_error)(crt_context* ctx, char* buf, size_t* len);

  /* Ids of the tokens present now, each NUL-terminated, the list ended by one more NUL (two-call
   * pattern; an empty list is the single byte "\0"). */
  crt_status (*list_tokens)(crt_context* ctx, char* ids, size_t* len);
  /* The token's identity and PIN state, read without logging in. */
  crt_status (*get_token_info)(crt_context* ctx, const char* token_id, crt_token_info* info);
  /* The signature algorithms the token offers (two-call pattern; `*count` in records). */
  crt_status (*get_mechanisms)(crt_context* ctx, const char* token_id, crt_mechanism_info* mechs,
                               size_t* count);

  /* Sessions: one per token in use. */
  crt_status (*open_session)(crt_context* ctx, const char* token_id, crt_session** out);
  void (*close_session)(crt_session* session); /* logs out first if needed; NULL accepted */

  /* Logs the user in. With CRT_TOKEN_PIN_PAD, pass pin == NULL and the device asks for it.
   * `retries_left` (may be NULL) receives the retries left after the attempt, or
   * CRT_RETRIES_UNKNOWN. A locked PIN gives CRT_ERR_PIN_LOCKED without spending a try. */
  crt_status (*login)(crt_session* session, const uint8_t* pin, size_t pin_len,
                      int32_t* retries_left);
  crt_status (*logout)(crt_session* session);

  /* Certificates and private keys on the token (two-call pattern; `*count` in records). Listing
   * does not need a login, though some devices show private keys only after one. */
  crt_status (*list_objects)(crt_session* session, crt_object_info* objects, size_t* count);
  /* The value of an object (two-call pattern): the DER of a certificate, or the DER
   * SubjectPublicKeyInfo of a private key's public half. Private key material is never returned. */
  crt_status (*read_object)(crt_session* session, uint32_t kind, const crt_object_id* id,
                            uint8_t* value, size_t* len);

  /* Signs with a private key. `input` is the message or the digest, as the mechanism declares.
   * `signer_id` is the SM2 signer ID (NULL/0 for other algorithms; the host passes
   * "1234567812345678" unless configured otherwise). Needs a login. */
  crt_status (*sign)(crt_session* session, const crt_object_id* key_id, uint32_t algorithm,
                     const uint8_t* signer_id, size_t signer_id_len, const uint8_t* input,
                     size_t input_len, uint8_t* signature, size_t* signature_len);

  /* ---- optional: NULL when the driver cannot do it ---- */

  /* Changes the user PIN. Needs no prior login; the old PIN is checked like a login. */
  crt_status (*change_pin)(crt_session* session, const uint8_t* old_pin, size_t old_len,
                           const uint8_t* new_pin, size_t new_len, int32_t* retries_left);
  /* Generates a key pair on the token; the private key is created non-extractable and can never
   * leave the token. `bits` is the RSA modulus size (0 means the default). `id_out` receives the
   * new key's id; `spki` must have room for CRT_SPKI_MAX bytes and receives the public key as DER
   * SubjectPublicKeyInfo, its length in `*spki_len`. Needs a login. */
  crt_status (*generate_key)(crt_session* session, uint32_t key_type, uint32_t bits,
                             const char* label, crt_object_id* id_out, uint8_t* spki,
                             size_t* spki_len);
  /* Stores a certificate (DER) paired with the private key of the same id. Fails with
   * CRT_ERR_OBJECT_EXISTS when a certificate with that id is there already. Needs a login. */
  crt_status (*write_certificate)(crt_session* session, const crt_object_id* id,
                                  const char* label, const uint8_t* der, size_t der_len);
  /* Deletes one object. Needs a login. */
  crt_status (*delete_object)(crt_session* session, uint32_t kind, const crt_object_id* id);

  /* ---- added to version 1 later: present when struct_size covers them (CRT_DRIVER_HAS) ---- */

  /* Sets a new user PIN with the administrator's (security officer's) PIN, which also unblocks a
   * locked user PIN. Needs no prior login; the administrator PIN is checked like a login and
   * `retries_left` (may be NULL) receives the administrator PIN's tries left. Optional. */
  crt_status (*unblock_pin)(crt_session* session, const uint8_t* admin_pin, size_t admin_len,
                            const uint8_t* new_pin, size_t new_len, int32_t* retries_left);

  /* Dual certificates (all three optional; a driver offers all or none of them). */

  /* Imports an encryption key pair sealed to the SM2 signing key `signing_key_id` into that key's
   * container, next to it: the driver (or the device) decrypts the symmetric key with the signing
   * private key, the private key with the symmetric key, and keeps the pair only when the private
   * key matches the public key; otherwise it fails with CRT_ERR_DATA_INVALID and the token is
   * unchanged. `id_out` receives the id the pair is listed under (usage CRT_USAGE_ENCRYPTION).
   * A container holds one encryption pair: the previous one must be kept elsewhere by the caller
   * (a renewal imports into the new signing key's container, so the old pair stays where it is);
   * CRT_ERR_OBJECT_EXISTS when the container already holds one. Needs a login. */
  crt_status (*import_enveloped_key)(crt_session* session, const crt_object_id* signing_key_id,
                                     const crt_sm2_enveloped_key* envelope, const char* label,
                                     crt_object_id* id_out);
  /* write_certificate for a key of the given usage (CRT_USAGE_*): CRT_ERR_DATA_INVALID when the
   * key with that id is not of that usage. CRT_USAGE_SIGNING is exactly write_certificate. */
  crt_status (*write_certificate_for)(crt_session* session, const crt_object_id* id,
                                      uint32_t usage, const char* label, const uint8_t* der,
                                      size_t der_len);
  /* Opens data sealed to an encryption key (a digital envelope, as sealed tender bids are):
   * `wrapped_key` is a symmetric key SM2-encrypted to the key `key_id` (16 bytes for SM4), `data`
   * is encrypted with it in `sym_algorithm` (CRT_SYM_SM4_ECB: no padding, a multiple of 16
   * bytes). The plaintext, as long as `data`, comes back through the two-call pattern;
   * CRT_ERR_DATA_INVALID when the key does not unwrap (C3 does not verify). Needs a login. */
  crt_status (*open_sealed)(crt_session* session, const crt_object_id* key_id,
                            const crt_sm2_cipher* wrapped_key, uint32_t sym_algorithm,
                            const uint8_t* data, size_t data_len, uint8_t* plain,
                            size_t* plain_len);
} crt_driver_v1;

/* The size of the first version-1 table (up to delete_object): the smallest table a host
 * accepts. A field added later is read only when the driver's struct_size covers it. */
#define CRT_DRIVER_V1_MIN_SIZE offsetof(crt_driver_v1, unblock_pin)
#define CRT_DRIVER_HAS(table, field)                                                  \
  ((table)->struct_size >= offsetof(crt_driver_v1, field) + sizeof((table)->field) && \
   (table)->field != NULL)

/* The one exported entry point. It must return the same table on every call. A driver defines it
 * as `CRT_DRIVER_EXPORT const crt_driver_v1* certrenew_driver_v1(void) { ... }`; the declaration
 * below gives it C linkage in C++ too. */
typedef const crt_driver_v1* (*crt_driver_entry_fn)(void);
CRT_DRIVER_EXPORT const crt_driver_v1* certrenew_driver_v1(void);

#ifdef __cplusplus
}
#endif

#endif /* CERTRENEW_TOKEN_DRIVER_H */
