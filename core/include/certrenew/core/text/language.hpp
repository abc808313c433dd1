#pragma once
// The languages CertRenew speaks to people. One enum for client, GUI, CLI and server; its tag
// ("zh-CN", "en") is what configuration files, command lines and protocol messages carry.

#include <array>
#include <optional>
#include <string_view>

namespace certrenew {

enum class Language { zh_CN, en };

inline constexpr std::array kLanguages = {Language::zh_CN, Language::en};

// "zh-CN" or "en" (BCP 47).
std::string_view tag(Language language);
// The inverse of tag(); nullopt for anything else (no guessing on case or "zh").
std::optional<Language> parse_language(std::string_view tag);

}  // namespace certrenew
