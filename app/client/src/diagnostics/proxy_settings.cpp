// Which proxy libcurl will use for the service, read the way libcurl reads it, so the report can
// say "requests go through proxy X" before anyone has to guess.
#include <algorithm>
#include <array>
#include <cctype>
#include <sstream>

#include "certrenew/client/diagnostics/redaction.hpp"
#include "certrenew/client/diagnostics/service_checks.hpp"

namespace certrenew::client::diagnostics {

namespace {

std::string lowered(std::string_view text) {
  std::string out;
  for (char c : text) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// libcurl's no_proxy rule for host names: "*" matches everything; otherwise each comma- or
// space-separated entry matches the host itself or any host below it (a leading dot is allowed).
bool no_proxy_matches(std::string_view list, std::string_view host) {
  const std::string h = lowered(host);
  std::istringstream entries{std::string(list)};
  std::string entry;
  while (std::getline(entries, entry, ',')) {
    std::istringstream words(entry);
    std::string word;
    while (words >> word) {
      if (word == "*") return true;
      word = lowered(word);
      if (!word.empty() && word.front() == '.') word.erase(0, 1);
      if (word.empty()) continue;
      if (h == word) return true;
      if (h.size() > word.size() && h.compare(h.size() - word.size(), word.size(), word) == 0 &&
          h[h.size() - word.size() - 1] == '.')
        return true;
    }
  }
  return false;
}

}  // namespace

ProxySettings proxy_settings_for(const std::string& host,
                                 const std::function<const char*(const char*)>& getenv) {
  constexpr std::array<const char*, 8> kNames{"https_proxy", "HTTPS_PROXY", "all_proxy",
                                              "ALL_PROXY",   "no_proxy",    "NO_PROXY",
                                              "http_proxy",  "HTTP_PROXY"};
  ProxySettings settings;
  const auto value_of = [&](const char* name) -> std::string {
    const char* value = getenv(name);
    return value ? std::string(value) : std::string();
  };
  for (const char* name : kNames) {
    const std::string value = value_of(name);
    if (!value.empty()) settings.variables.push_back({name, redact_url_credentials(value)});
  }
  // For https URLs libcurl looks at https_proxy (either case), then all_proxy (either case);
  // http_proxy does not apply.
  for (const char* name : {"https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"}) {
    const std::string value = value_of(name);
    if (value.empty()) continue;
    settings.in_effect = redact_url_credentials(value);
    settings.in_effect_from = name;
    break;
  }
  if (!settings.in_effect.empty()) {
    std::string no_proxy = value_of("no_proxy");
    if (no_proxy.empty()) no_proxy = value_of("NO_PROXY");
    if (no_proxy_matches(no_proxy, host)) {
      settings.bypassed_by_no_proxy = true;
      settings.in_effect.clear();
      settings.in_effect_from.clear();
    }
  }
  return settings;
}

}  // namespace certrenew::client::diagnostics
