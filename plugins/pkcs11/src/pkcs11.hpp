#pragma once

// The PKCS#11 header the bridge is built against: p11-kit's (Debian libp11-kit-dev), in its
// standard-conforming CK_* form (CRYPTOKI_COMPAT, the header's default).
#include <p11-kit/pkcs11.h>

#include <cstdint>
#include <vector>

namespace certrenew::pkcs11 {

using Bytes = std::vector<std::uint8_t>;

// PKCS#11 takes non-const pointers everywhere, even for data it only reads.
inline CK_VOID_PTR mutable_ptr(const void* p) {
  return const_cast<void*>(p);
}

}  // namespace certrenew::pkcs11
