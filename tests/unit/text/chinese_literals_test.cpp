// Chinese text lives in message catalogues (the JSON files of a catalogues/ folder) and tests only.
// This test lexes every C/C++ source outside tests/ and lists the files whose string literals hold
// Chinese, and every other JSON file that holds Chinese; a JSON file in a catalogues/ folder must
// load as a catalogue. chinese_literal_allowlist.txt names the files not converted yet; the test
// also fails when a listed file no longer has Chinese literals (or is gone), so that the list can
// only shrink.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "certrenew/core/text/catalogue_loader.hpp"
#include "cjk.hpp"
#include "text_file.hpp"

namespace fs = std::filesystem;

namespace {

bool identifier_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// The string literals of a C++ source (comments skipped; raw strings, escapes, character literals
// and digit separators handled), concatenated with a newline between them.
std::string string_literals(const std::string& s) {
  std::string literals;
  std::size_t i = 0;
  while (i < s.size()) {
    if (s.compare(i, 2, "//") == 0) {
      i = s.find('\n', i);
      if (i == std::string::npos) break;
    } else if (s.compare(i, 2, "/*") == 0) {
      i = s.find("*/", i + 2);
      if (i == std::string::npos) break;
      i += 2;
    } else if (s[i] == '"' && i > 0 && s[i - 1] == 'R') {
      const std::size_t open = s.find('(', i);
      if (open == std::string::npos) break;
      const std::string close = ")" + s.substr(i + 1, open - i - 1) + "\"";
      const std::size_t end = s.find(close, open);
      if (end == std::string::npos) break;
      literals += s.substr(open + 1, end - open - 1) + "\n";
      i = end + close.size();
    } else if (s[i] == '"' || (s[i] == '\'' && !(i > 0 && identifier_char(s[i - 1])))) {
      const char quote = s[i++];
      const std::size_t start = i;
      while (i < s.size() && s[i] != quote && s[i] != '\n') i += s[i] == '\\' ? 2 : 1;
      if (quote == '"') literals += s.substr(start, i - start) + "\n";
      ++i;
    } else {
      ++i;
    }
  }
  return literals;
}

bool source_file(const fs::path& path) {
  const std::string ext = path.extension().string();
  return ext == ".cpp" || ext == ".hpp" || ext == ".h" || ext == ".c" || ext == ".cc";
}

bool catalogue_file(const fs::path& path) {
  return path.extension() == ".json" && path.parent_path().filename() == "catalogues";
}

// Relative paths ("app/cli/src/main.cpp") of the product's sources with Chinese literals, and of
// its JSON files with Chinese that are not catalogues. A catalogue that does not load is a CHECK
// failure here too (its error names the file and the entry).
std::set<std::string> files_with_chinese_literals(const fs::path& root) {
  std::set<std::string> found;
  for (const char* top : {"app", "bench", "core", "plugins", "sdk", "server", "tools"}) {
    if (!fs::is_directory(root / top)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root / top)) {
      if (!entry.is_regular_file()) continue;
      const fs::path& path = entry.path();
      const std::string relative = fs::relative(path, root).generic_string();
      if (catalogue_file(path)) {
        CHECK_NOTHROW(
            certrenew::load_catalogue(relative, certrenew::testing::read_text_file(path)));
      } else if (path.extension() == ".json") {
        if (certrenew::test::has_chinese(certrenew::testing::read_text_file(path))) {
          found.insert(relative);
        }
      } else if (source_file(path) && certrenew::test::has_chinese(string_literals(
                                          certrenew::testing::read_text_file(path)))) {
        found.insert(relative);
      }
    }
  }
  return found;
}

std::set<std::string> allowlist() {
  std::set<std::string> listed;
  std::ifstream in(CERTRENEW_ALLOWLIST);
  REQUIRE(in);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    listed.insert(line);
  }
  return listed;
}

}  // namespace

TEST_CASE("the lexer finds Chinese in string literals only") {
  using certrenew::test::has_chinese;
  CHECK(has_chinese(string_literals("auto s = \"续期\";")));
  CHECK(has_chinese(string_literals("auto s = R\"x(\"续期\")x\";")));
  CHECK(has_chinese(string_literals("auto s = \"a\\\"续\";")));
  CHECK_FALSE(has_chinese(string_literals("// 续期\nint a = 1'000; /* 证书 */ auto s = \"ok\";")));
  CHECK_FALSE(has_chinese(string_literals("char c = '\"'; // \"续\"")));
}

TEST_CASE("Chinese literals only in catalogues, tests and the shrinking allow-list") {
  const std::set<std::string> found = files_with_chinese_literals(CERTRENEW_SOURCE_DIR);
  const std::set<std::string> listed = allowlist();
  std::vector<std::string> unlisted;
  std::set_difference(found.begin(), found.end(), listed.begin(), listed.end(),
                      std::back_inserter(unlisted));
  std::vector<std::string> stale;
  std::set_difference(listed.begin(), listed.end(), found.begin(), found.end(),
                      std::back_inserter(stale));
  // Move the text of these files into a catalogue (a JSON file in a catalogues/ folder), by id:
  for (const std::string& file : unlisted) CHECK_MESSAGE(false, "Chinese literal in " << file);
  // These have no Chinese literal any more: remove them from chinese_literal_allowlist.txt:
  for (const std::string& file : stale) CHECK_MESSAGE(false, "converted, unlist " << file);
}
