#include "app/strings.hpp"

#include <array>
#include <atomic>

namespace certrenew::gui {
namespace {

struct Entry {
  const char* id;
  const char* zh;
  const char* en;
};

constexpr std::array<Entry, kStringCount> kTable{{
#define S(id, zh, en) {#id, zh, en},
#include "app/strings.inc"
#undef S
}};

// Read by the UI thread only in practice; atomic so a worker formatting a message is safe too.
std::atomic<Language> g_language{Language::zh_CN};

}  // namespace

void set_language(Language language) {
  g_language.store(language);
}
Language language() {
  return g_language.load();
}

const char* tr_in(T id, Language lang) {
  const Entry& e = kTable[static_cast<std::size_t>(id)];
  return lang == Language::en ? e.en : e.zh;
}

const char* tr(T id) {
  return tr_in(id, language());
}

std::string_view string_id(T id) {
  return kTable[static_cast<std::size_t>(id)].id;
}

}  // namespace certrenew::gui
