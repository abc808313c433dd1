#pragma once
// The CA a renewed certificate must chain to before it is written to a token. It is never what the
// service says at install time (a service that was taken over would vouch for its own
// certificates): it is configured (`issuer_ca` in the configuration), or else pinned at the
// client's first contact with the service and kept in the data folder. A service that later
// names another CA gets its certificates refused until the configuration names the new one.

#include <filesystem>
#include <mutex>
#include <optional>
#include <string>

#include "certrenew/core/bytes.hpp"

namespace certrenew::client {

struct IssuerAnchor {
  enum class Source { configured, pinned };
  Bytes der;  // the CA certificate
  Source source = Source::pinned;
  std::filesystem::path file;  // where it is kept; empty: pinned for this run only
  std::string subject;         // for people: diagnostics, the log
  std::string fingerprint;     // SHA-256, "AB:CD:..."
};
std::string_view code(IssuerAnchor::Source source);  // "configured", "pinned"

class IssuerTrust {
 public:
  // Pins in memory only, for this object's life (a flow without a data folder, tests).
  IssuerTrust() = default;
  // `configured`: the certificate file the configuration names (PEM or DER; empty: none).
  // `pin_file`: where the anchor pinned at first contact is kept (empty: memory only).
  IssuerTrust(std::filesystem::path configured, std::filesystem::path pin_file);

  // The anchor in force, nullopt while none is configured and none pinned yet. Throws
  // ConfigError (key "issuer_ca", both languages) when the configured or pinned file is unusable:
  // a damaged anchor is never silently replaced by what the service says.
  std::optional<IssuerAnchor> anchor() const;
  // Called with the CA the service names whenever the client contacts it: pins it when nothing is
  // configured or pinned yet (written atomically, owner-only). Returns the anchor in force, which
  // may differ from `service_ca`.
  IssuerAnchor on_contact(ByteView service_ca);

 private:
  std::optional<IssuerAnchor> read_locked() const;

  std::filesystem::path configured_;
  std::filesystem::path pin_file_;
  mutable std::mutex mutex_;
  std::optional<IssuerAnchor> pinned_in_memory_;
};

}  // namespace certrenew::client
