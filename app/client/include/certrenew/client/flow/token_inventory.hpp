#pragma once
// The drivers, tokens and certificates this machine has, for the home screen (seed step 1) and
// the CLI's `tokens`/`certs`. Built once from the configuration; tokens() and certificates() ask
// the drivers again on every call, so a token plugged in or pulled out shows up (hot-plug).
// Safe to use from several threads: driver calls are serialised per context by the token layer.

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "certrenew/client/store/client_config.hpp"
#include "certrenew/core/bytes.hpp"
#include "certrenew/core/token/plugin_host.hpp"
#include "certrenew/core/token/session.hpp"
#include "certrenew/core/token/token_context.hpp"
#include "certrenew/core/token/token_error.hpp"
#include "certrenew/core/x509/certificate.hpp"
#include "certrenew/core/x509/renewal.hpp"

namespace certrenew::client {

struct TokenEntry {
  std::string driver;  // the driver's name
  token::TokenInfo info;
};

struct CertificateEntry {
  std::string driver;
  token::TokenInfo token;
  token::ObjectId id;  // shared with its key when the token pairs them
  std::string label;
  Bytes der;
  x509::Certificate certificate;
  bool has_private_key = false;  // a key with the same id is on the token
  // SM2 dual certificates (issue 21): an encryption certificate (not listed by certificates():
  // it is renewed with its signing certificate), and for a signing certificate the newest
  // encryption certificate next to it (same token and subject), DER.
  bool encryption = false;
  std::optional<Bytes> encryption_certificate;
};

// A driver that loaded but refused its configuration, or a token that could not be read.
struct InventoryProblem {
  std::string driver;
  std::string token_id;  // empty for driver-level problems
  std::string message;
};

// True when a driver opened with no settings of its own ("{}") refused for want of them: it is
// installed but not set up, which is not a fault.
bool driver_not_set_up(const token::TokenError& open_error, bool has_settings);

class TokenInventory {
 public:
  // Scans `plugin_dirs` (runtime.hpp's plugin_search_path()) and opens every driver with its
  // entry from config.drivers ("{}" when it has none).
  TokenInventory(const ClientConfig& config, std::vector<std::filesystem::path> plugin_dirs);

  const token::PluginHost& host() const { return host_; }
  // Problems met while opening drivers (at construction) and during the last listing.
  std::vector<InventoryProblem> problems() const;
  // Drivers installed but not set up: no entry in config.drivers, and the driver needs one (a
  // bridge without its vendor library). Not a problem: most holders never use every bridge.
  const std::vector<std::string>& not_set_up() const { return not_set_up_; }

  std::vector<TokenEntry> tokens() const;
  // Every certificate on every present token, sorted by token then label.
  std::vector<CertificateEntry> certificates() const;
  // The certificate whose SHA-256 fingerprint (hex, any case, colons allowed) or token serial
  // plus label matches `selector`; with an empty selector the only certificate there is.
  // Throws FlowError(certificate_not_found / ambiguous_certificate).
  CertificateEntry select_certificate(const std::string& selector) const;

  // nullopt when no present token has this serial number.
  std::optional<TokenEntry> find_token(const std::string& token_id) const;
  // Throws FlowError(token_missing) when the token is not present.
  token::Session open_session(const std::string& token_id) const;

 private:
  struct OpenDriver {
    token::Driver driver;
    token::TokenContext context;
  };
  token::PluginHost host_;
  std::vector<OpenDriver> open_;
  std::vector<InventoryProblem> open_problems_;
  std::vector<std::string> not_set_up_;
  mutable std::vector<InventoryProblem> list_problems_;
};

// The certificate that replaced `entry` after a renewal: the newest certificate of the same
// subject on the same token whose notAfter is later than entry's. nullptr when `entry` is the
// newest (a renewed certificate stays on the token under the "keep" retire policy, and must
// neither be renewed again nor warn about its expiry).
const CertificateEntry* successor_of(const std::vector<CertificateEntry>& certificates,
                                     const CertificateEntry& entry);
// The rule itself, for certificates of one token: `newer` replaced `older` (same subject, later
// notAfter). Diagnostics uses it on the objects it reads from a token.
bool supersedes(const x509::Certificate& newer, const x509::Certificate& older);

// The first 16 hex digits of the certificate's SHA-256 fingerprint: enough to select it.
std::string format_fingerprint_prefix(const CertificateEntry& entry);

}  // namespace certrenew::client
