#pragma once
// The OpenSSL owners the token host uses, from the shared header.

#include "certrenew/core/openssl_ptr.hpp"

namespace certrenew::token::detail {

using ossl::BignumPtr;
using ossl::EcdsaSigPtr;
using ossl::EcGroupPtr;
using ossl::EvpMdCtxPtr;
using ossl::EvpPkeyPtr;

}  // namespace certrenew::token::detail
