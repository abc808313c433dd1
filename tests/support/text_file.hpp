#pragma once
// A whole file as text, for tests that look at what a program wrote (logs, records, counters)
// and write what a program reads. A missing file reads as empty.

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace certrenew::testing {

inline std::string read_text_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Replaces `file` with `text`.
inline void write_text_file(const std::filesystem::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << text;
}

}  // namespace certrenew::testing
