// libFuzzer target: the service's decoders of JSON from the network. Each decoder may refuse
// input only with ApiError (which the HTTP layer turns into a 4xx); any other exception would be
// a 500 caused by the request's shape, so it is left to crash the fuzzer. The first byte picks the
// decoder; the rest is the JSON text. A new decoder is one line in kDecoders.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "service/api_error.hpp"
#include "service/form_check.hpp"

namespace {

using Decoder = std::function<void(const nlohmann::json&)>;

const Decoder kDecoders[] = {
    // The application content inside the signed application.
    [](const nlohmann::json& j) { (void)certrenew::server::check_application_form(j); },
    // PUT /applications/{no}/bank-transfers: the records list.
    [](const nlohmann::json& j) {
      (void)certrenew::server::check_bank_transfers(
          j.is_object() && j.contains("records") ? j["records"] : j,
          std::chrono::system_clock::now());
    },
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto& decode = kDecoders[data[0] % std::size(kDecoders)];
  // As the HTTP layer reads a body: a parse error is 400 malformed_json, never an exception.
  auto j = nlohmann::json::parse(data + 1, data + size, nullptr, false);
  if (j.is_discarded()) return 0;
  try {
    decode(j);
  } catch (const certrenew::server::ApiError&) {
  }
  return 0;
}
