// Every catalogue the binaries embed loads, every catalogue file of the tree is embedded, and every
// id has text in both languages: non-empty, Chinese in the zh-CN text (an English sentence left
// there by accident is caught), no Chinese in the English text, ids unique.
#include "certrenew/core/text/catalogue.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "all_catalogues.hpp"
#include "certrenew/client/catalogues.hpp"
#include "certrenew/client/flow/renewal_flow.hpp"
#include "certrenew/core/forms/reason.hpp"
#include "certrenew/core/text/catalogue_loader.hpp"
#include "certrenew/core/text/catalogues.hpp"
#include "cjk.hpp"
#include "cli_text.hpp"
#include "text_file.hpp"

using certrenew::Catalogue;
using certrenew::CatalogueEntry;
using certrenew::Language;
using certrenew::test::has_chinese;

namespace {

void check_complete(const Catalogue& catalogue) {
  CAPTURE(catalogue.name());
  CHECK_FALSE(catalogue.entries().empty());
  std::set<std::string_view> ids;
  for (const CatalogueEntry& entry : catalogue.entries()) {
    CAPTURE(entry.id);
    CHECK_FALSE(entry.id.empty());
    CHECK(ids.insert(entry.id).second);
    CHECK_FALSE(entry.zh.empty());
    CHECK_FALSE(entry.en.empty());
    CHECK(has_chinese(entry.zh));
    CHECK_FALSE(has_chinese(entry.en));
    // fmt placeholders are whole ("{}"): a lone brace would throw when the text is formatted.
    CHECK(std::count(entry.zh.begin(), entry.zh.end(), '{') ==
          std::count(entry.zh.begin(), entry.zh.end(), '}'));
    CHECK(std::count(entry.en.begin(), entry.en.end(), '{') ==
          std::count(entry.en.begin(), entry.en.end(), '}'));
  }
}

}  // namespace

TEST_CASE("every catalogue's embedded data loads, once") {
  std::vector<const Catalogue*> all;
  REQUIRE_NOTHROW(all = certrenew::test::all_catalogues());
  CHECK(all.size() == 14);
  // A second call hands out the same catalogue (read once, a function-local static).
  CHECK(certrenew::test::all_catalogues() == all);
}

TEST_CASE("every catalogue file of the tree is embedded, as it is in the tree") {
  namespace fs = std::filesystem;
  std::map<std::string_view, const Catalogue*> embedded;
  for (const Catalogue* catalogue : certrenew::test::all_catalogues()) {
    CHECK(embedded.emplace(catalogue->name(), catalogue).second);
  }
  const fs::path root = CERTRENEW_SOURCE_DIR;
  std::set<std::string_view> in_tree;
  for (const fs::path& file : certrenew::test::catalogue_files(root)) {
    const std::string source = fs::relative(file, root).generic_string();
    CAPTURE(source);
    const Catalogue read =
        certrenew::load_catalogue(source, certrenew::testing::read_text_file(file));
    const auto it = embedded.find(read.name());
    // A file no CMakeLists embeds (certrenew_embed_catalogues) is a catalogue nobody reads.
    REQUIRE(it != embedded.end());
    in_tree.insert(it->first);
    REQUIRE(read.entries().size() == it->second->entries().size());
    for (std::size_t i = 0; i < read.entries().size(); ++i) {
      const CatalogueEntry& a = read.entries()[i];
      const CatalogueEntry& b = it->second->entries()[i];
      CHECK(std::tie(a.id, a.zh, a.en, a.note) == std::tie(b.id, b.zh, b.en, b.note));
    }
  }
  CHECK(in_tree.size() == embedded.size());
}

TEST_CASE("every catalogue has both languages for every id") {
  CHECK_FALSE(certrenew::core_catalogues().empty());
  CHECK_FALSE(certrenew::client::client_catalogues().empty());
  for (const Catalogue* catalogue : certrenew::test::all_catalogues()) check_complete(*catalogue);
}

TEST_CASE("certrenew-cli's texts take their arguments by position") {
  // Positional arguments: the zh-CN text takes the service's Chinese, the English its English.
  const certrenew::Text problem =
      certrenew::cli::cli_text("config.problem", "/etc/c.json", "not JSON", "不是 JSON");
  CHECK(problem ==
        certrenew::Text{"配置 /etc/c.json：不是 JSON", "configuration /etc/c.json: not JSON"});
}

TEST_CASE("the completeness check catches an untranslated zh-CN text") {
  // The check itself: the predicate it relies on tells Chinese from English.
  CHECK(has_chinese("此项不能为空。"));
  CHECK(has_chinese("（"));
  CHECK_FALSE(has_chinese("This field is required."));
  CHECK_FALSE(has_chinese("the middle dot \"·\", “quoted”"));
}

TEST_CASE("a catalogue finds texts by id and refuses an unknown id by name") {
  const Catalogue& reasons = certrenew::catalogues::form_reasons();
  CHECK(reasons.in("empty", Language::en) == "This field is required.");
  CHECK(reasons.in("empty", Language::zh_CN) == "此项不能为空。");
  CHECK(reasons.text("empty") == certrenew::Text{"此项不能为空。", "This field is required."});
  CHECK(reasons.find("no.such.id") == nullptr);
  CHECK_THROWS_WITH_AS(reasons.at("no.such.id"), "catalogue form_reasons has no text no.such.id",
                       std::out_of_range);
}

TEST_CASE("every form reason's id has a text in the form_reasons catalogue") {
  const Catalogue& reasons = certrenew::catalogues::form_reasons();
  for (certrenew::forms::Reason reason : certrenew::forms::all_reasons()) {
    CAPTURE(certrenew::forms::reason_id(reason));
    CHECK(reasons.find(certrenew::forms::reason_id(reason)) != nullptr);
  }
}

// Every value 0..last of an enum named by name_of() gets its own English words, never the
// catalogue's fallback (id unknown_id), in each language.
template <class Enum, class NameOf>
void check_named(Enum last, NameOf name_of, std::string_view unknown_id) {
  const auto& words = certrenew::client::catalogues::flow_words();
  std::set<std::string_view> english;
  for (int i = 0; i <= static_cast<int>(last); ++i) {
    CAPTURE(i);
    for (Language language : certrenew::kLanguages) {
      const std::string_view name = name_of(static_cast<Enum>(i), language);
      CHECK(name != words.in(unknown_id, language));
      if (language == Language::en) CHECK(english.insert(name).second);
    }
  }
}

TEST_CASE("every flow step and action has its own words, an unknown one a generic word") {
  using certrenew::client::FlowAction;
  using certrenew::client::FlowStep;
  check_named(FlowStep::rejected, certrenew::client::step_name, "step.unknown");
  check_named(FlowAction::install, certrenew::client::action_name, "action.unknown");
  CHECK(step_name(FlowStep::sign, Language::zh_CN) == "输入证书密码签署申请");
  CHECK(action_name(FlowAction::cancel, Language::en) == "cancel the application");
  CHECK(step_name(static_cast<FlowStep>(99), Language::zh_CN) == "未知步骤");
  CHECK(action_name(static_cast<FlowAction>(99), Language::en) == "do this");
}
