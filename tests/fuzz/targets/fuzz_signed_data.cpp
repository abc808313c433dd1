// libFuzzer target: the signed application — RFC 5652 CMS SignedData (RSA, ECDSA) and GM/T 0010
// SignedData (SM2) — through the verifier the service runs first on every submission.
#include <cstddef>
#include <cstdint>

#include "certrenew/core/pki/error.hpp"
#include "certrenew/core/pki/signed_data.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    (void)certrenew::pki::verify_signed_data(certrenew::ByteView(data, size));
  } catch (const certrenew::pki::PkiError&) {
  }
  return 0;
}
