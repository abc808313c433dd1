#include "service/agreement.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "service/digest.hpp"

namespace certrenew::server {

Agreement Agreement::load(std::string version,
                          const std::map<std::string, std::filesystem::path>& files) {
  if (version.empty()) throw std::runtime_error("agreement: the version is empty");
  if (!files.contains("zh-CN"))
    throw std::runtime_error("agreement: a zh-CN text is required (it is the reference text)");
  Agreement a;
  a.version_ = std::move(version);
  for (const auto& [language, path] : files) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("agreement: cannot read " + path.string());
    std::ostringstream body;
    body << in.rdbuf();
    if (body.str().empty()) throw std::runtime_error("agreement: " + path.string() + " is empty");
    Text t{language, body.str(), sha256_hex(body.str())};
    a.texts_.emplace(language, std::move(t));
  }
  return a;
}

const Agreement::Text& Agreement::text(const std::string& language) const {
  auto it = texts_.find(language);
  return it != texts_.end() ? it->second : texts_.at("zh-CN");
}

bool Agreement::matches(const std::string& version, const std::string& sha256) const {
  if (version != version_) return false;
  for (const auto& [language, t] : texts_) {
    if (t.sha256 == sha256) return true;
  }
  return false;
}

}  // namespace certrenew::server
