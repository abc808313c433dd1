// Units of time written after a number, in diagnostics ("12 min 5 s" / "12 分钟 5 秒").
#include <array>

#include "certrenew/client/catalogues.hpp"

namespace certrenew::client::catalogues {
namespace {

constexpr auto kEntries = std::to_array<CatalogueEntry>({
    {"second", "秒", "s"},
    {"minute", "分钟", "min"},
    {"hour", "小时", "h"},
    {"day", "天", "d"},
});

}  // namespace

const Catalogue& time_units() {
  static constexpr Catalogue catalogue{"client_time_units", kEntries};
  return catalogue;
}

}  // namespace certrenew::client::catalogues
