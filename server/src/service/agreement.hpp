#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace certrenew::server {

// The service agreement the applicant accepts in step 3: one version, one text per language. An
// application records the version and the SHA-256 of the text shown, so the CA can prove later
// which words were accepted.
class Agreement {
 public:
  struct Text {
    std::string language;  // zh-CN, en
    std::string body;      // Markdown, UTF-8
    std::string sha256;    // hex of body's bytes
  };

  // Reads each language's file; throws std::runtime_error naming a missing or empty file.
  static Agreement load(std::string version,
                        const std::map<std::string, std::filesystem::path>& files);

  const std::string& version() const { return version_; }
  // The text in `language`, falling back to zh-CN (the reference) when that language is missing.
  const Text& text(const std::string& language) const;
  // True when `sha256` is the hash of this version's text in any language.
  bool matches(const std::string& version, const std::string& sha256) const;
  const std::map<std::string, Text>& texts() const { return texts_; }

 private:
  std::string version_;
  std::map<std::string, Text> texts_;
};

}  // namespace certrenew::server
