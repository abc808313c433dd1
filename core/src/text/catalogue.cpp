#include "certrenew/core/text/catalogue.hpp"

#include <stdexcept>
#include <utility>

namespace certrenew {

Catalogue::Catalogue(std::string name, std::vector<CatalogueTexts> texts)
    : name_(std::move(name)), texts_(std::move(texts)) {
  entries_.reserve(texts_.size());
  for (const CatalogueTexts& t : texts_) entries_.push_back({t.id, t.zh, t.en, t.note});
}

const CatalogueEntry* Catalogue::find(std::string_view id) const {
  for (const CatalogueEntry& entry : entries_) {
    if (entry.id == id) return &entry;
  }
  return nullptr;
}

const CatalogueEntry& Catalogue::at(std::string_view id) const {
  if (const CatalogueEntry* entry = find(id)) return *entry;
  throw std::out_of_range("catalogue " + name_ + " has no text " + std::string(id));
}

Text Catalogue::text(std::string_view id) const {
  const CatalogueEntry& entry = at(id);
  return {std::string(entry.zh), std::string(entry.en)};
}

}  // namespace certrenew
