// libFuzzer target: the service's decoders of JSON from the network. Each decoder may refuse
// input only with DecodeError or ApiError (which the HTTP layer turns into a 4xx); any other
// exception would be a 500 caused by the request's shape, so it is left to crash the fuzzer. The
// first byte picks the decoder; the rest is the JSON text. A new decoder is one line in kDecoders.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "certrenew/core/protocol/json_field.hpp"
#include "certrenew/core/protocol/requests.hpp"
#include "service/api_error.hpp"
#include "service/form_check.hpp"

namespace {

namespace protocol = certrenew::protocol;
using Decoder = std::function<void(const nlohmann::json&)>;

// Each request decoder of core/protocol, and the service's checks that run on what it decoded.
const Decoder kDecoders[] = {
    [](const nlohmann::json& j) {
      const auto content = protocol::decode_application_content(j);
      (void)certrenew::server::check_application_form(
          content.operator_info, content.recipient,
          std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
    },
    [](const nlohmann::json& j) { (void)protocol::decode_submit_request(j); },
    [](const nlohmann::json& j) {
      const auto request = protocol::decode_bank_transfers_request(j);
      (void)certrenew::server::check_bank_transfers(request.records,
                                                    std::chrono::system_clock::now());
    },
    [](const nlohmann::json& j) { (void)protocol::decode_payment_notification(j); },
    [](const nlohmann::json& j) { (void)protocol::decode_reject_request(j); },
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto& decode = kDecoders[data[0] % std::size(kDecoders)];
  // As the HTTP layer reads a body: the one strict parser, then the decoder. Refusals are
  // DecodeError (400) or ApiError (4xx); anything else would be a 500 and crashes the fuzzer.
  try {
    decode(
        protocol::parse_json(std::string_view(reinterpret_cast<const char*>(data + 1), size - 1)));
  } catch (const protocol::DecodeError&) {
  } catch (const certrenew::server::ApiError&) {
  }
  return 0;
}
