// libFuzzer target: X.509 certificates (DER or PEM), as the service reads the signer's
// certificate and the client reads what a token or the service returns.
#include <cstddef>
#include <cstdint>

#include "certrenew/core/x509/certificate.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  certrenew::ByteView input(data, size);
  try {
    auto cert = certrenew::x509::parse_certificate(input);
    (void)cert.subject.display();
  } catch (const certrenew::x509::CertificateError&) {
  }
  try {
    (void)certrenew::x509::parse_certificate_bundle(input);
  } catch (const certrenew::x509::CertificateError&) {
  }
  return 0;
}
