#pragma once
// Everything certrenew-cli prints goes through here: results to stdout (text in the user's
// language, or one JSON document with --json), warnings and errors to stderr.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "certrenew/client/flow/flow_error.hpp"
#include "certrenew/client/store/client_config.hpp"
#include "certrenew/core/text/text.hpp"

namespace certrenew::cli {

class Output {
 public:
  Output() = default;
  Output(client::Language language, bool json) : language_(language), json_(json) {}

  client::Language language() const { return language_; }
  void set_language(client::Language language) { language_ = language; }
  bool json() const { return json_; }

  // The text in the user's language.
  std::string tr(std::string_view en, std::string_view zh) const;
  const std::string& tr(const Text& text) const { return text.in(language_); }

  // A line of the human-readable result (ignored with --json).
  void line(std::string_view en, std::string_view zh) const;
  void line(const Text& text) const { line(text.en, text.zh); }
  void text(std::string_view same_in_both) const;
  // Progress and warnings: stderr, in both modes, so stdout stays one JSON document.
  void note(std::string_view en, std::string_view zh) const;
  void note(const Text& text) const { note(text.en, text.zh); }
  // The JSON result (only with --json).
  void document(const nlohmann::json& j) const;

  void error(const client::FlowError& e) const;
  void error(std::string_view en, std::string_view zh) const;
  void error(const Text& text) const { error(text.en, text.zh); }

 private:
  client::Language language_ = client::Language::zh_CN;
  bool json_ = false;
};

}  // namespace certrenew::cli
