// What the serving layer says when it refuses a request by itself, keyed by the protocol's error
// code (docs/protocol.md); "refused" is the text for any other code.
#include "http/catalogues/serving_refusals.hpp"

#include <array>

namespace certrenew::server::catalogues {
namespace {

constexpr std::array<CatalogueEntry, 7> kEntries = {{
    {"refused", "请求被拒绝", "the request was refused"},
    {"internal", "服务内部错误，请稍后重试", "the service failed; try again later"},
    {"no_such_endpoint", "请求的地址不存在", "no such endpoint"},
    {"payload_too_large", "请求内容过大", "the request body is larger than the service accepts"},
    {"headers_too_large", "请求头过大", "the request headers are larger than the service accepts"},
    {"bad_request", "请求格式错误", "the request is not valid HTTP/1.1"},
    {"unavailable", "服务暂不可用，请稍后重试", "the service is not ready; try again later"},
}};

}  // namespace

const Catalogue& serving_refusals() {
  static constexpr Catalogue catalogue{"serving_refusals", kEntries};
  return catalogue;
}

}  // namespace certrenew::server::catalogues
