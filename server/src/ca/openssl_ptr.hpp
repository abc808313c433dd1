#pragma once
// The OpenSSL owners the CA code uses, from the shared header.

#include "certrenew/core/openssl_ptr.hpp"

namespace certrenew::server {

using PkeyPtr = ossl::EvpPkeyPtr;
using PkeyCtxPtr = ossl::EvpPkeyCtxPtr;
using MdCtxPtr = ossl::EvpMdCtxPtr;
using X509Ptr = ossl::X509Ptr;
using X509ReqPtr = ossl::X509ReqPtr;
using X509NamePtr = ossl::X509NamePtr;
using X509ExtPtr = ossl::X509ExtensionPtr;
using BnPtr = ossl::BignumPtr;
using Asn1IntPtr = ossl::Asn1IntegerPtr;

}  // namespace certrenew::server
