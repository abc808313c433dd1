// libFuzzer target: the softtoken's files (token.json, keys/<id>.json, certs/<id>.json), which
// anyone with access to the token folder can change. The first byte picks the file kind.
#include <cstddef>
#include <cstdint>

#include "certrenew/softtoken/store.hpp"
#include "token_files.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  namespace st = certrenew::softtoken;
  std::span<const std::uint8_t> body(data + 1, size - 1);
  try {
    switch (data[0] % 3) {
      case 0:
        (void)st::parse_meta(body, "token.json");
        break;
      case 1:
        (void)st::parse_key(body, "keys/01.json");
        break;
      default:
        (void)st::parse_cert_label(body, "certs/01.json");
        break;
    }
  } catch (const st::StoreError&) {
  }
  return 0;
}
