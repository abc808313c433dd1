#pragma once

// Dual certificates on a softtoken (issue 21): an SM2 encryption key pair delivered by the CA's
// KMC in a digital envelope sealed to a signing key is opened here (driver kit's sm2_envelope)
// and stored next to that key, marked "encryption"; data sealed to it is opened on request.

#include "secret.hpp"
#include "token.hpp"

#include <certrenew/token_driver.h>

#include <string>

namespace certrenew::softtoken {

// Opens the envelope with the SM2 signing key `signing_key_id` and stores the pair; returns its
// id. CRT_ERR_DATA_INVALID, with nothing written, when it does not open to a consistent pair;
// CRT_ERR_OBJECT_EXISTS when that signing key already has an encryption pair next to it.
ObjectId import_enveloped_key(Token& token, const Secret& dek, const ObjectId& signing_key_id,
                              const crt_sm2_enveloped_key& envelope, const std::string& label);

// CRT_ERR_DATA_INVALID unless the key with this id is of this usage (CRT_USAGE_*); an
// encryption key must be there (CRT_ERR_OBJECT_NOT_FOUND), a signing certificate may come alone.
void require_key_usage(const Token& token, const ObjectId& id, std::uint32_t usage);

// The usage of the key with this id (a certificate shares its key's); signing when there is none.
std::uint32_t usage_of(const Token& token, const ObjectId& id);

// Data sealed to the encryption key `key_id`. A signing key is refused (CRT_ERR_DATA_INVALID):
// it must never be used to decrypt.
Secret open_sealed(const Token& token, const Secret& dek, const ObjectId& key_id,
                   const crt_sm2_cipher& wrapped_key, const std::vector<std::uint8_t>& data);

}  // namespace certrenew::softtoken
