#include "certrenew/client/flow/token_inventory.hpp"

#include <algorithm>
#include <cctype>

#include "certrenew/client/flow/flow_error.hpp"
#include "certrenew/core/token/token_error.hpp"
#include "dual_certificates.hpp"
#include "flow_text.hpp"

namespace certrenew::client {
namespace {

// Fingerprints are typed or pasted in many shapes: "AB:CD..", "abcd..", with spaces.
std::string hex_only(std::string_view text) {
  std::string out;
  for (char c : text)
    if (std::isxdigit(static_cast<unsigned char>(c)))
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    else if (c != ':' && c != ' ')
      return {};
  return out;
}

}  // namespace

bool driver_not_set_up(const token::TokenError& open_error, bool has_settings) {
  return !has_settings && open_error.code() == token::TokenErrc::config;
}

TokenInventory::TokenInventory(const ClientConfig& config,
                               std::vector<std::filesystem::path> plugin_dirs) {
  host_.scan(plugin_dirs);
  for (const auto& driver : host_.drivers()) {
    auto it = config.drivers.find(driver.name());
    std::string driver_config = it == config.drivers.end() ? "{}" : it->second.dump();
    try {
      open_.push_back({driver, driver.open(driver_config)});
    } catch (const token::TokenError& e) {
      if (driver_not_set_up(e, it != config.drivers.end()))
        not_set_up_.push_back(driver.name());
      else
        open_problems_.push_back({driver.name(), {}, e.what()});
    }
  }
}

std::vector<InventoryProblem> TokenInventory::problems() const {
  auto all = open_problems_;
  all.insert(all.end(), list_problems_.begin(), list_problems_.end());
  return all;
}

std::vector<TokenEntry> TokenInventory::tokens() const {
  std::vector<TokenEntry> out;
  list_problems_.clear();
  for (const auto& d : open_) {
    try {
      for (auto& info : d.context.tokens()) out.push_back({d.driver.name(), std::move(info)});
    } catch (const token::TokenError& e) {
      list_problems_.push_back({d.driver.name(), {}, e.what()});
    }
  }
  return out;
}

std::vector<CertificateEntry> TokenInventory::certificates() const {
  std::vector<CertificateEntry> out;
  for (const auto& t : tokens()) {
    try {
      auto session = open_session(t.info.id);
      auto objects = session.objects();
      for (const auto& o : objects) {
        if (!o.certificate) continue;
        CertificateEntry e;
        e.driver = t.driver;
        e.token = t.info;
        e.id = o.id;
        e.label = o.certificate->label;
        e.der = o.certificate->der;
        try {
          e.certificate = x509::parse_certificate(e.der);
        } catch (const x509::CertificateError& err) {
          list_problems_.push_back(
              {t.driver, t.info.id,
               "certificate \"" + e.label + "\" is unreadable: " + err.what()});
          continue;
        }
        e.has_private_key = o.key.has_value();
        e.encryption = is_encryption_certificate(e.certificate, o.usage);
        out.push_back(std::move(e));
      }
    } catch (const token::TokenError& err) {
      list_problems_.push_back({t.driver, t.info.id, err.what()});
    } catch (const FlowError& err) {
      list_problems_.push_back({t.driver, t.info.id, err.what()});  // pulled out meanwhile
    }
  }
  pair_encryption_certificates(out);
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(a.token.id, a.label) < std::tie(b.token.id, b.label);
  });
  return out;
}

CertificateEntry TokenInventory::select_certificate(const std::string& selector) const {
  auto all = certificates();
  std::vector<CertificateEntry> hits;
  const std::string hex = hex_only(selector);
  for (auto& e : all) {
    bool hit = selector.empty();
    if (!hit && hex.size() >= 8) {
      std::string fp = to_hex(e.certificate.sha256_fingerprint);
      hit = fp.rfind(hex, 0) == 0;  // a unique prefix is enough, like git hashes
    }
    if (!hit) hit = selector == e.token.id + "/" + e.label || selector == e.label;
    if (hit) hits.push_back(std::move(e));
  }
  if (hits.size() == 1) return std::move(hits.front());
  if (hits.empty()) {
    if (selector.empty())
      throw FlowError(FlowError::Kind::certificate_not_found, flow_error("certificate.none"));
    throw FlowError(FlowError::Kind::certificate_not_found,
                    flow_error("certificate.no_match", selector));
  }
  std::string list;
  for (const auto& h : hits)
    list += "\n  " + format_fingerprint_prefix(h) + "  " + h.certificate.subject.display();
  throw FlowError(FlowError::Kind::ambiguous_certificate, flow_error("certificate.ambiguous", list))
      .with_detail(std::to_string(hits.size()));
}

std::optional<TokenEntry> TokenInventory::find_token(const std::string& token_id) const {
  for (auto& t : tokens())
    if (t.info.id == token_id) return t;
  return std::nullopt;
}

token::Session TokenInventory::open_session(const std::string& token_id) const {
  for (const auto& d : open_) {
    std::vector<token::TokenInfo> present;
    try {
      present = d.context.tokens();
    } catch (const token::TokenError&) {
      continue;
    }
    for (const auto& t : present)
      if (t.id == token_id) return d.context.open_session(token_id);
  }
  throw FlowError(FlowError::Kind::token_missing, flow_error("token.not_plugged_in", token_id));
}

const CertificateEntry* successor_of(const std::vector<CertificateEntry>& certificates,
                                     const CertificateEntry& entry) {
  const CertificateEntry* newest = nullptr;
  for (const auto& c : certificates) {
    if (c.driver != entry.driver || c.token.id != entry.token.id) continue;
    if (!supersedes(c.certificate, entry.certificate)) continue;
    if (!newest || c.certificate.not_after > newest->certificate.not_after) newest = &c;
  }
  return newest;
}

bool supersedes(const x509::Certificate& newer, const x509::Certificate& older) {
  return newer.subject.same_as(older.subject) && newer.not_after > older.not_after;
}

std::string format_fingerprint_prefix(const CertificateEntry& entry) {
  return to_hex(entry.certificate.sha256_fingerprint).substr(0, 16);
}

}  // namespace certrenew::client
