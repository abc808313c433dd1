#include "leftover_keys.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "certrenew/client/store/atomic_file.hpp"

namespace certrenew::client {

namespace {

bool same(const LeftoverKey& k, const std::string& token_id, ByteView key_id) {
  return k.token_id == token_id && k.key_id == Bytes(key_id.begin(), key_id.end());
}

}  // namespace

std::vector<LeftoverKey> LeftoverKeys::all() const {
  std::ifstream in(file(), std::ios::binary);
  if (!in) return {};
  std::stringstream text;
  text << in.rdbuf();
  std::vector<LeftoverKey> out;
  try {
    const auto j = nlohmann::json::parse(text.str());
    for (const auto& k : j.at("keys"))
      out.push_back({k.at("token_id").get<std::string>(),
                     from_hex(k.at("key_id").get<std::string>()), k.value("reason", ""),
                     k.value("business_no", "")});
  } catch (const std::exception&) {
    return {};
  }
  return out;
}

void LeftoverKeys::write(const std::vector<LeftoverKey>& keys) const {
  if (keys.empty()) {
    std::error_code ec;
    std::filesystem::remove(file(), ec);
    return;
  }
  nlohmann::json list = nlohmann::json::array();
  for (const auto& k : keys)
    list.push_back({{"token_id", k.token_id},
                    {"key_id", to_hex(k.key_id)},
                    {"reason", k.reason},
                    {"business_no", k.business_no}});
  std::filesystem::create_directories(folder_);
  write_file_atomically(file(), nlohmann::json{{"version", 1}, {"keys", list}}.dump(2));
}

void LeftoverKeys::add(const LeftoverKey& key) const {
  if (key.key_id.empty()) return;
  auto keys = all();
  if (std::any_of(keys.begin(), keys.end(),
                  [&](const LeftoverKey& k) { return same(k, key.token_id, key.key_id); }))
    return;
  keys.push_back(key);
  write(keys);
}

std::vector<LeftoverKey> LeftoverKeys::for_token(const std::string& token_id) const {
  auto keys = all();
  std::erase_if(keys, [&](const LeftoverKey& k) { return k.token_id != token_id; });
  return keys;
}

void LeftoverKeys::remove(const std::string& token_id, const std::vector<Bytes>& key_ids) const {
  auto keys = all();
  const auto before = keys.size();
  std::erase_if(keys, [&](const LeftoverKey& k) {
    return k.token_id == token_id &&
           std::find(key_ids.begin(), key_ids.end(), k.key_id) != key_ids.end();
  });
  if (keys.size() != before) write(keys);
}

}  // namespace certrenew::client
