#include "notify/templates.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace certrenew::server {

namespace {

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read the notification template " + file.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string html_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// Facts come from stored records: CR and LF inside one would let it forge lines (and headers, in
// the subject), so they become spaces.
std::string one_line(std::string text) {
  for (char& c : text)
    if (c == '\r' || c == '\n') c = ' ';
  return text;
}

std::string fill(std::string_view text, const nlohmann::json& facts, bool html,
                 const std::string& where, std::map<std::string, std::string>* used = nullptr) {
  std::string out;
  std::size_t pos = 0;
  while (true) {
    const auto open = text.find("{{", pos);
    if (open == std::string_view::npos) break;
    const auto close = text.find("}}", open);
    if (close == std::string_view::npos)
      throw std::runtime_error(where + ": \"{{\" without \"}}\"");
    out.append(text.substr(pos, open - pos));
    const std::string name(text.substr(open + 2, close - open - 2));
    if (!facts.contains(name) || !facts.at(name).is_string())
      throw std::runtime_error(where + ": no fact \"" + name + "\"");
    const std::string value = one_line(facts.at(name).get<std::string>());
    out += html ? html_escape(value) : value;
    if (used) (*used)[name] = value;
    pos = close + 2;
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace

const std::vector<std::string>& NotifyTemplates::events() {
  static const std::vector<std::string> kEvents{"submitted",       "payment_confirmed", "approved",
                                                "rejected",        "completed",         "cancelled",
                                                "refund_recorded", "expiry_reminder"};
  return kEvents;
}

const std::vector<std::string>& NotifyTemplates::languages() {
  static const std::vector<std::string> kLanguages{"zh-CN", "en"};
  return kLanguages;
}

NotifyTemplates NotifyTemplates::load(const std::filesystem::path& dir) {
  NotifyTemplates out;
  for (const auto& language : languages()) {
    for (const auto& event : events()) {
      const auto file = dir / language / (event + ".txt");
      std::string body = read_file(file);
      Template t;
      std::istringstream lines(body);
      std::string line;
      std::size_t consumed = 0;
      while (std::getline(lines, line)) {
        consumed += line.size() + 1;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) break;
        if (line.rfind("Subject: ", 0) == 0)
          t.subject = line.substr(9);
        else if (line.rfind("SMS: ", 0) == 0)
          t.sms = line.substr(5);
        else
          throw std::runtime_error(file.string() +
                                   ": expected \"Subject: \" or \"SMS: \" lines, "
                                   "then a blank line, then the body");
      }
      t.text = consumed < body.size() ? body.substr(consumed) : std::string();
      if (t.subject.empty() || t.sms.empty() || t.text.empty())
        throw std::runtime_error(file.string() + ": needs a Subject, an SMS line and a body");
      const auto html = dir / language / (event + ".html");
      if (std::filesystem::exists(html)) t.html = read_file(html);
      out.templates_[language + "/" + event] = std::move(t);
    }
  }
  return out;
}

RenderedMessage NotifyTemplates::render(std::string_view event, std::string_view language,
                                        const nlohmann::json& facts) const {
  const std::string key = std::string(language) + "/" + std::string(event);
  auto it = templates_.find(key);
  if (it == templates_.end()) throw std::runtime_error("no notification template " + key);
  const Template& t = it->second;
  RenderedMessage out;
  out.subject = fill(t.subject, facts, false, key + " subject");
  out.sms = fill(t.sms, facts, false, key + " SMS", &out.sms_facts);
  out.text = fill(t.text, facts, false, key + " body");
  if (t.html) out.html = fill(*t.html, facts, true, key + " HTML");
  return out;
}

std::size_t utf8_length(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace certrenew::server
