#include "certrenew/core/text/catalogue_loader.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace certrenew {
namespace {

using nlohmann::json;

constexpr std::string_view kOneLanguage = "placeholders-in-one-language";

// Keys a JSON object of the catalogue had more than once: by the object's depth, by its ordinal
// among the objects at that depth (nlohmann keeps the last value silently).
using RepeatedKeys = std::map<std::pair<int, int>, std::string>;

json parse(std::string_view source, std::string_view text, RepeatedKeys& repeated) {
  std::vector<std::set<std::string>> open;  // keys seen in each enclosing object
  std::map<int, int> objects_at_depth;
  std::vector<std::pair<int, int>> where;
  const json::parser_callback_t note_keys = [&](int depth, json::parse_event_t event,
                                                json& parsed) {
    if (event == json::parse_event_t::object_start) {
      open.emplace_back();
      where.emplace_back(depth, objects_at_depth[depth]++);
    } else if (event == json::parse_event_t::object_end) {
      open.pop_back();
      where.pop_back();
    } else if (event == json::parse_event_t::key) {
      const std::string key = parsed.get<std::string>();
      if (!open.back().insert(key).second) repeated.emplace(where.back(), key);
    }
    return true;
  };
  try {
    return json::parse(text.begin(), text.end(), note_keys);
  } catch (const json::exception& e) {
    throw CatalogueError("catalogue " + std::string(source) + ": not valid JSON (" + e.what() +
                         ")");
  }
}

// The placeholders of one text: "{}" counted, "{N}" as a set, and each as written (for errors).
struct Placeholders {
  std::set<std::string> tokens;
  int automatic = 0;
  std::string written;
};

// Empty, or what is wrong with text's braces.
std::string read_placeholders(std::string_view text, Placeholders& out) {
  bool numbered = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '}') return "a \"}\" at byte " + std::to_string(i) + " closes no placeholder";
    if (text[i] != '{') continue;
    std::size_t j = i + 1;
    while (j < text.size() && text[j] >= '0' && text[j] <= '9') ++j;
    if (j == text.size() || text[j] != '}') {
      return "a \"{\" at byte " + std::to_string(i) + " opens no placeholder (\"{}\" or \"{N}\")";
    }
    out.tokens.emplace(text.substr(i, j - i + 1));
    out.written += (out.written.empty() ? "" : " ") + std::string(text.substr(i, j - i + 1));
    if (j == i + 1) {
      ++out.automatic;
    } else {
      numbered = true;
    }
    i = j;
  }
  if (out.automatic > 0 && numbered) return "mixes \"{}\" with numbered placeholders";
  return {};
}

std::string joined(const std::set<std::string>& tokens) {
  std::string all;
  for (const std::string& t : tokens) all += (all.empty() ? "" : " ") + t;
  return all.empty() ? "none" : all;
}

std::string written(const Placeholders& p) {
  return p.written.empty() ? "none" : p.written;
}

class Reader {
 public:
  explicit Reader(std::string where) : where_(std::move(where)) {}

  [[noreturn]] void fail(const std::string& problem) const {
    throw CatalogueError("catalogue " + where_ + ": " + problem);
  }

  void only_keys(const json& object, std::initializer_list<std::string_view> allowed) const {
    for (const auto& [key, value] : object.items()) {
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        fail("unknown key \"" + key + "\"");
      }
    }
  }

  // The non-empty string at key; "" when optional and absent.
  std::string text(const json& object, const std::string& key, bool optional = false) const {
    const auto it = object.find(key);
    if (it == object.end()) {
      if (optional) return {};
      fail("\"" + key + "\" is missing");
    }
    if (!it->is_string()) fail("\"" + key + "\" is not a string");
    std::string value = it->get<std::string>();
    if (value.empty()) fail("\"" + key + "\" is empty");
    return value;
  }

 private:
  std::string where_;
};

bool valid_id(std::string_view id) {
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
  });
}

// The placeholders an entry declares to be in one language only.
std::set<std::string> declared_one_language(const Reader& entry, const json& object) {
  std::set<std::string> declared;
  const auto it = object.find(kOneLanguage);
  if (it == object.end()) return declared;
  if (!it->is_array() || it->empty()) {
    entry.fail("\"" + std::string(kOneLanguage) + "\" is not a list of placeholders");
  }
  for (const json& token : *it) {
    Placeholders one;
    if (!token.is_string() || !read_placeholders(token.get<std::string>(), one).empty() ||
        one.tokens.size() != 1 || *one.tokens.begin() != token.get<std::string>() ||
        !declared.insert(token.get<std::string>()).second) {
      entry.fail("\"" + std::string(kOneLanguage) + "\" holds " + token.dump() +
                 ", not one placeholder listed once");
    }
  }
  return declared;
}

void check_placeholders(const Reader& entry, const json& object, const CatalogueTexts& t) {
  Placeholders zh;
  Placeholders en;
  if (std::string problem = read_placeholders(t.zh, zh); !problem.empty()) {
    entry.fail("zh-CN " + problem);
  }
  if (std::string problem = read_placeholders(t.en, en); !problem.empty()) {
    entry.fail("en " + problem);
  }
  std::set<std::string> differ;
  std::set_symmetric_difference(zh.tokens.begin(), zh.tokens.end(), en.tokens.begin(),
                                en.tokens.end(), std::inserter(differ, differ.end()));
  if (zh.automatic != en.automatic) differ.insert("{}");
  const std::set<std::string> declared = declared_one_language(entry, object);
  if (differ == declared) return;
  if (declared.empty()) {
    entry.fail("placeholders differ between zh-CN (" + written(zh) + ") and en (" + written(en) +
               ")");
  }
  entry.fail("\"" + std::string(kOneLanguage) + "\" lists " + joined(declared) +
             " but the languages differ in " + joined(differ));
}

}  // namespace

Catalogue load_catalogue(std::string_view source, std::string_view json_text) {
  RepeatedKeys repeated;
  const json document = parse(source, json_text, repeated);
  Reader file{std::string(source)};
  if (!document.is_object()) file.fail("is not a JSON object");
  if (const auto it = repeated.find({0, 0}); it != repeated.end()) {
    file.fail("key \"" + it->second + "\" appears twice");
  }
  file.only_keys(document, {"catalogue", "note", "entries"});
  const std::string name = file.text(document, "catalogue");
  Reader catalogue{name};
  catalogue.text(document, "note", true);
  const auto entries = document.find("entries");
  if (entries == document.end() || !entries->is_array() || entries->empty()) {
    catalogue.fail("\"entries\" is not a non-empty list");
  }
  std::vector<CatalogueTexts> texts;
  std::set<std::string> ids;
  int index = 0;
  for (const json& object : *entries) {
    Reader entry{name + ", entry " + std::to_string(index + 1)};
    if (!object.is_object()) entry.fail("is not a JSON object");
    CatalogueTexts t;
    t.id = entry.text(object, "id");
    entry = Reader{name + ", entry " + t.id};
    if (!valid_id(t.id)) entry.fail("the id is not of A-Z a-z 0-9 . _ -");
    if (const auto it = repeated.find({2, index}); it != repeated.end()) {
      entry.fail("key \"" + it->second + "\" appears twice");
    }
    entry.only_keys(object, {"id", "zh-CN", "en", "note", kOneLanguage});
    if (!ids.insert(t.id).second) entry.fail("the id appears twice");
    t.zh = entry.text(object, "zh-CN");
    t.en = entry.text(object, "en");
    t.note = entry.text(object, "note", true);
    check_placeholders(entry, object, t);
    texts.push_back(std::move(t));
    ++index;
  }
  return Catalogue(name, std::move(texts));
}

}  // namespace certrenew
