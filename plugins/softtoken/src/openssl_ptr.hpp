#pragma once

// OpenSSL owners and error text come from the driver kit (certrenew/driver_kit/openssl.hpp);
// the PKCS#12 import adds the owners only it needs.

#include <certrenew/driver_kit/openssl.hpp>

#include <openssl/pkcs12.h>

namespace certrenew::softtoken {

using driver_kit::EvpCipherCtxPtr, driver_kit::EvpMdCtxPtr, driver_kit::EvpPkeyCtxPtr,
    driver_kit::EvpPkeyPtr, driver_kit::OpenSslPtr, driver_kit::X509Ptr, driver_kit::X509PubkeyPtr,
    driver_kit::take_openssl_error;

using Pkcs12Ptr = OpenSslPtr<PKCS12, PKCS12_free>;
using Pkcs8Ptr = OpenSslPtr<PKCS8_PRIV_KEY_INFO, PKCS8_PRIV_KEY_INFO_free>;

inline void free_x509_stack(STACK_OF(X509) * stack) {
  sk_X509_pop_free(stack, X509_free);
}
using X509StackPtr = OpenSslPtr<STACK_OF(X509), free_x509_stack>;

}  // namespace certrenew::softtoken
