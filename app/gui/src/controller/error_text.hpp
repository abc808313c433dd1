#pragma once
// Errors as the person in front of the screen reads them: a message in both languages (the
// dialog shows the one chosen, even if the language is switched while it is open), technical
// details folded away, and what kind of error it was so a screen can react (e.g. a wrong PIN
// stays in the PIN dialog).

#include <exception>
#include <optional>
#include <string>
#include <vector>

#include "app/strings.hpp"
#include "certrenew/client/flow/flow_error.hpp"

namespace certrenew::gui {

struct ErrorText {
  std::string zh;
  std::string en;
  std::string detail;  // English, technical (codes, the library's own words)
  std::optional<client::FlowError::Kind> kind;
  std::optional<int> retries_left;
  std::vector<client::FieldProblem> problems;

  const std::string& in(Language language) const { return language == Language::en ? en : zh; }
};

// Any exception the client library, the token layer or the standard library may throw.
ErrorText describe(std::exception_ptr error);
ErrorText describe(const client::FlowError& error);

// A message from the strings table, in both languages, with the same arguments.
template <typename... Args>
ErrorText message(T id, const Args&... args) {
  ErrorText e;
  e.zh = fmt::format(fmt::runtime(tr_in(id, Language::zh_CN)), args...);
  e.en = fmt::format(fmt::runtime(tr_in(id, Language::en)), args...);
  return e;
}

}  // namespace certrenew::gui
