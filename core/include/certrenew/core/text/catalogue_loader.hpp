#pragma once
// The one reader of message catalogues (the JSON files in catalogues/ folders; how a translator
// edits one: docs/architecture.md, "Text and languages"). It is strict, so that a mistake in a
// catalogue stops the build's tests rather than showing a person a broken sentence:
//
//   {"catalogue": "<name>", "note": "<for translators, optional>",
//    "entries": [{"id": "<ascii id>", "zh-CN": "<text>", "en": "<text>",
//                 "note": "<optional>", "placeholders-in-one-language": ["{1}", ...]}, ...]}
//
// Refused, with an error naming the catalogue and the entry: text that is not JSON or not UTF-8,
// a key twice or a key not listed above, a missing or empty language, an id twice or not of
// [A-Za-z0-9._-], a brace that does not open or close a placeholder ("{}" or "{N}"), "{}" mixed
// with "{N}" in one text, and placeholders that differ between zh-CN and en, unless the entry
// lists exactly those in "placeholders-in-one-language" (an English-only technical detail).

#include <stdexcept>
#include <string_view>

#include "certrenew/core/text/catalogue.hpp"

namespace certrenew {

class CatalogueError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads a catalogue from json; source names it in errors until its name is read (the file's path).
// Throws CatalogueError only.
Catalogue load_catalogue(std::string_view source, std::string_view json);

}  // namespace certrenew
