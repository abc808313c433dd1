#pragma once
// A message catalogue: texts keyed by a stable ASCII id ("form.resident_id.bad_checksum"). Every
// sentence CertRenew shows a person lives in one catalogue, in both languages; code refers to it
// by id only. Catalogues are translators' data: JSON files in a catalogues/ folder, embedded into
// the binaries at build time (cmake/CertRenewCatalogues.cmake) and read once by the strict loader
// (catalogue_loader.hpp). Those folders are the only place (besides tests) where Chinese text is
// allowed (tests/unit/text/chinese_literals_test.cpp enforces it).

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "certrenew/core/text/language.hpp"
#include "certrenew/core/text/text.hpp"

namespace certrenew {

// One text of a catalogue, as views into the Catalogue that holds it.
struct CatalogueEntry {
  std::string_view id;
  std::string_view zh;  // zh-CN
  std::string_view en;
  std::string_view note;  // for translators: what the placeholders stand for; may be empty

  std::string_view in(Language language) const { return language == Language::en ? en : zh; }
};

// One text as the loader reads it, owned.
struct CatalogueTexts {
  std::string id;
  std::string zh;
  std::string en;
  std::string note;
};

class Catalogue {
 public:
  Catalogue(std::string name, std::vector<CatalogueTexts> texts);
  // Moving keeps the entries valid (the texts stay where they are); copying would not.
  Catalogue(Catalogue&&) noexcept = default;
  Catalogue& operator=(Catalogue&&) noexcept = default;
  Catalogue(const Catalogue&) = delete;
  Catalogue& operator=(const Catalogue&) = delete;

  std::string_view name() const { return name_; }
  std::span<const CatalogueEntry> entries() const { return entries_; }

  // nullptr for an id the catalogue does not have.
  const CatalogueEntry* find(std::string_view id) const;
  // Throws std::out_of_range naming the catalogue and the id: an unknown id is a programming
  // error, caught by the tests that walk every path using it.
  const CatalogueEntry& at(std::string_view id) const;
  Text text(std::string_view id) const;
  std::string_view in(std::string_view id, Language language) const { return at(id).in(language); }

 private:
  std::string name_;
  std::vector<CatalogueTexts> texts_;
  std::vector<CatalogueEntry> entries_;
};

// Every catalogue of the core library (for the completeness test and translators).
std::span<const Catalogue* const> core_catalogues();

}  // namespace certrenew
