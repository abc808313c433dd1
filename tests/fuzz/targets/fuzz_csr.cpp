// libFuzzer target: PKCS#10 certification requests (the new key's request in an application).
#include <cstddef>
#include <cstdint>

#include "certrenew/core/pki/csr.hpp"
#include "certrenew/core/pki/error.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    (void)certrenew::pki::verify_csr(certrenew::ByteView(data, size));
  } catch (const certrenew::pki::PkiError&) {
  }
  return 0;
}
