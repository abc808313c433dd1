#include "service/service_text.hpp"

#include <vector>

namespace certrenew::server {

std::string fill_text(std::string_view pattern, std::initializer_list<std::string_view> list) {
  const std::vector<std::string_view> args(list);
  std::string out;
  out.reserve(pattern.size());
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const bool placeholder = pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 1] >= '0' &&
                             pattern[i + 1] <= '9' && pattern[i + 2] == '}';
    const std::size_t n = placeholder ? static_cast<std::size_t>(pattern[i + 1] - '0') : 0;
    if (placeholder && n < args.size()) {
      out += args[n];
      i += 2;
    } else {
      out += pattern[i];
    }
  }
  return out;
}

Text service_text(std::string_view id, std::initializer_list<std::string_view> args) {
  const CatalogueEntry& e = service_catalogue().at(id);
  return {fill_text(e.zh, args), fill_text(e.en, args)};
}

ApiError service_error(int status, std::string code, std::string_view id,
                       std::initializer_list<std::string_view> args, nlohmann::json details) {
  Text t = service_text(id, args);
  return ApiError(status, std::move(code), t.en, std::move(t.zh), std::move(details));
}

}  // namespace certrenew::server
