#pragma once

// The CertRenew driver kit, optional part for drivers that read their configuration (the JSON
// text given to `open`) with nlohmann-json: one strict reader, one way of saying what is wrong.
// Every problem throws DriverError(CRT_ERR_CONFIG, "<driver> configuration: <problem>").

#include <certrenew/driver_kit/error.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

namespace certrenew::driver_kit {

class JsonConfig {
 public:
  // NULL or "" is "{}" (the defaults); anything else must be one JSON object.
  JsonConfig(const char* text, std::string driver) : driver_(std::move(driver)) {
    if (text == nullptr || *text == '\0') return;
    doc_ = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (doc_.is_discarded()) error("not valid JSON");
    if (!doc_.is_object()) error("must be a JSON object");
  }

  const nlohmann::json& doc() const { return doc_; }
  bool has(const char* key) const { return doc_.contains(key); }
  // The member `key`, or NULL when absent.
  const nlohmann::json* find(const char* key) const { return member(doc_, key); }

  [[noreturn]] void error(const std::string& problem) const {
    fail(CRT_ERR_CONFIG, driver_ + " configuration: " + problem);
  }

  // Refuses members of `object` not in `allowed`, so a typo is reported, not ignored. `where`
  // names the object in the message ("" for the top level, " in \"sm2\"" for a member).
  void only_keys(const nlohmann::json& object, std::initializer_list<const char*> allowed,
                 const std::string& where = "") const {
    for (const auto& item : object.items()) {
      const std::string& key = item.key();
      if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; })) {
        std::string known;
        for (const char* a : allowed) known += (known.empty() ? "" : ", ") + std::string(a);
        error("unknown key \"" + key + "\"" + where + " (known: " + known + ")");
      }
    }
  }

  // A non-empty string; `field` names it in the message.
  std::string text(const nlohmann::json& value, const std::string& field) const {
    if (!value.is_string() || value.get<std::string>().empty())
      error("\"" + field + "\" must be a non-empty string");
    return value.get<std::string>();
  }

  // The member `key` as an array of strings (empty when absent); `what` says what the strings are
  // ("pkcs11: URIs"), `non_empty` refuses "".
  std::vector<std::string> strings(const char* key, const std::string& what,
                                   bool non_empty = true) const {
    std::vector<std::string> out;
    const nlohmann::json* array = find(key);
    if (array == nullptr) return out;
    if (!array->is_array()) error("\"" + std::string(key) + "\" must be an array of " + what);
    for (const nlohmann::json& entry : *array) {
      if (!entry.is_string() || (non_empty && entry.get<std::string>().empty()))
        error("\"" + std::string(key) + "\" entries must be " + (non_empty ? "non-empty " : "") +
              what);
      out.push_back(entry.get<std::string>());
    }
    return out;
  }

  static const nlohmann::json* member(const nlohmann::json& object, const char* key) {
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
  }

 private:
  std::string driver_;
  nlohmann::json doc_ = nlohmann::json::object();
};

}  // namespace certrenew::driver_kit
