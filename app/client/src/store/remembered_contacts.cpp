#include "certrenew/client/store/remembered_contacts.hpp"

#include <fstream>
#include <sstream>

#include "certrenew/client/store/atomic_file.hpp"

namespace certrenew::client {

namespace {

using nlohmann::json;

constexpr int kVersion = 1;
constexpr std::size_t kMaxFileBytes = 1024 * 1024;

std::string key_of(ByteView subject_der) {
  return to_base64(subject_der);
}

std::string text(const json& o, const char* key) {
  return o.is_object() && o.contains(key) && o.at(key).is_string() ? o.at(key).get<std::string>()
                                                                   : std::string();
}

bool flag(const json& o, const char* key) {
  return !(o.is_object() && o.contains(key) && o.at(key).is_boolean()) || o.at(key).get<bool>();
}

RememberedContacts from_json(const json& e) {
  RememberedContacts c;
  c.subject = text(e, "subject");
  const json op = e.value("operator", json::object());
  c.operator_info.name = text(op, "name");
  c.operator_info.mobile = text(op, "mobile");
  c.operator_info.email = text(op, "email");
  const json rc = e.value("recipient", json::object());
  c.recipient.name = text(rc, "name");
  c.recipient.mobile = text(rc, "mobile");
  c.recipient.address = text(rc, "address");
  const json n = e.value("notify", json::object());
  c.notify.email = flag(n, "email");
  c.notify.sms = flag(n, "sms");
  c.saved_at = text(e, "saved_at");
  return c;
}

}  // namespace

RememberedContactsStore::RememberedContactsStore(std::filesystem::path folder)
    : folder_(std::move(folder)), file_(folder_ / "remembered-contacts.json") {}

json RememberedContactsStore::read() const {
  std::error_code ec;
  const auto size = std::filesystem::file_size(file_, ec);
  if (ec || size > kMaxFileBytes) return json::object();
  std::ifstream in(file_, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  json j = json::parse(text.str(), nullptr, false);
  if (!j.is_object() || j.value("version", 0) != kVersion || !j.contains("subjects") ||
      !j.at("subjects").is_object())
    return json::object();
  return j.at("subjects");
}

void RememberedContactsStore::write(const json& entries) const {
  std::filesystem::create_directories(folder_);
  write_file_atomically(file_, json{{"version", kVersion}, {"subjects", entries}}.dump(2) + "\n");
}

std::optional<RememberedContacts> RememberedContactsStore::find(ByteView subject_der) const {
  const json entries = read();
  const auto it = entries.find(key_of(subject_der));
  if (it == entries.end() || !it->is_object()) return std::nullopt;
  return from_json(*it);
}

std::vector<RememberedContacts> RememberedContactsStore::all() const {
  std::vector<RememberedContacts> out;
  const json entries = read();
  for (const auto& e : entries)
    if (e.is_object()) out.push_back(from_json(e));
  return out;
}

void RememberedContactsStore::remember(ByteView subject_der, const std::string& subject_display,
                                       const RenewalForm& form, const std::string& saved_at) {
  json entries = read();
  const auto& op = form.operator_info;
  const auto& rc = form.recipient;
  // Not the ID number, not its type: see the header.
  entries[key_of(subject_der)] = {
      {"subject", subject_display},
      {"operator", {{"name", op.name}, {"mobile", op.mobile}, {"email", op.email}}},
      {"recipient", {{"name", rc.name}, {"mobile", rc.mobile}, {"address", rc.address}}},
      {"notify", protocol::encode(form.notify)},
      {"saved_at", saved_at}};
  write(entries);
}

bool RememberedContactsStore::forget(ByteView subject_der) {
  json entries = read();
  if (entries.erase(key_of(subject_der)) == 0) return false;
  if (entries.empty()) {
    std::filesystem::remove(file_);
  } else {
    write(entries);
  }
  return true;
}

std::size_t RememberedContactsStore::forget_all() {
  const std::size_t n = read().size();
  std::error_code ec;
  const bool removed = std::filesystem::remove(file_, ec);
  return removed ? n : 0;
}

RenewalForm RememberedContactsStore::apply(const RememberedContacts& c, RenewalForm base) {
  base.operator_info.name = c.operator_info.name;
  base.operator_info.mobile = c.operator_info.mobile;
  base.operator_info.email = c.operator_info.email;
  base.recipient = c.recipient;
  base.notify = c.notify;
  return base;
}

}  // namespace certrenew::client
