#pragma once

// OpenSSL owners, error text and strict DER come from the driver kit
// (certrenew/driver_kit/openssl.hpp); the bridge adds the owners only it needs.

#include <certrenew/driver_kit/openssl.hpp>

#include <openssl/param_build.h>

namespace certrenew::pkcs11 {

using driver_kit::Asn1ObjectPtr, driver_kit::Asn1OctetStringPtr, driver_kit::BignumPtr,
    driver_kit::EvpPkeyCtxPtr, driver_kit::EvpPkeyPtr, driver_kit::OpenSslPtr, driver_kit::X509Ptr,
    driver_kit::take_openssl_error;

using X509SigPtr = OpenSslPtr<X509_SIG, X509_SIG_free>;
using ParamBldPtr = OpenSslPtr<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>;
using ParamPtr = OpenSslPtr<OSSL_PARAM, OSSL_PARAM_free>;

}  // namespace certrenew::pkcs11
