#pragma once
// The OpenSSL owners the x509 area uses, from the shared header.

#include "certrenew/core/openssl_ptr.hpp"

namespace certrenew::x509::detail {

using ossl::BignumPtr;
using ossl::BioPtr;
using ossl::GeneralNamesPtr;
using ossl::X509Ptr;
using EkuPtr = ossl::ExtendedKeyUsagePtr;
using OsslMemPtr = ossl::MemoryPtr;

}  // namespace certrenew::x509::detail
