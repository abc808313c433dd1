#include "certrenew/core/text/catalogue.hpp"

#include <stdexcept>
#include <string>

namespace certrenew {

const CatalogueEntry* Catalogue::find(std::string_view id) const {
  for (const CatalogueEntry& entry : entries_) {
    if (entry.id == id) return &entry;
  }
  return nullptr;
}

const CatalogueEntry& Catalogue::at(std::string_view id) const {
  if (const CatalogueEntry* entry = find(id)) return *entry;
  throw std::out_of_range("catalogue " + std::string(name_) + " has no text " + std::string(id));
}

Text Catalogue::text(std::string_view id) const {
  const CatalogueEntry& entry = at(id);
  return {std::string(entry.zh), std::string(entry.en)};
}

}  // namespace certrenew
