#pragma once
// A message catalogue: texts keyed by a stable ASCII id ("form.resident_id.bad_checksum"). Every
// sentence CertRenew shows a person lives in one catalogue, in both languages; code refers to it
// by id only. Catalogue sources live in a catalogues/ folder, the only place (besides tests)
// where Chinese literals are allowed (tests/unit/text/chinese_literals_test.cpp enforces it).

#include <span>
#include <string_view>

#include "certrenew/core/text/language.hpp"
#include "certrenew/core/text/text.hpp"

namespace certrenew {

struct CatalogueEntry {
  std::string_view id;
  std::string_view zh;  // zh-CN
  std::string_view en;

  std::string_view in(Language language) const { return language == Language::en ? en : zh; }
};

class Catalogue {
 public:
  constexpr Catalogue(std::string_view name, std::span<const CatalogueEntry> entries)
      : name_(name), entries_(entries) {}

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
  std::string_view name_;
  std::span<const CatalogueEntry> entries_;
};

// Every catalogue of the core library (for the completeness test and translators).
std::span<const Catalogue* const> core_catalogues();

}  // namespace certrenew
