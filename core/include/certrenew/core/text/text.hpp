#pragma once
// The one bilingual text type: a sentence shown to a person, in zh-CN and in English.

#include <string>

#include "certrenew/core/text/language.hpp"

namespace certrenew {

struct Text {
  std::string zh;  // zh-CN
  std::string en;

  const std::string& in(Language language) const { return language == Language::en ? en : zh; }
  bool empty() const { return zh.empty() && en.empty(); }
  bool operator==(const Text&) const = default;

  // Appends b's text in each language (for a sentence built from pieces).
  Text& operator+=(const Text& b) {
    zh += b.zh;
    en += b.en;
    return *this;
  }
};

inline Text operator+(Text a, const Text& b) {
  a += b;
  return a;
}

}  // namespace certrenew
