// Drivers and tokens: why a token is not seen is nearly always one of these lines.
#include "certrenew/client/diagnostics/token_checks.hpp"

#include <fmt/format.h>

#include "certrenew/client/flow/token_inventory.hpp"
#include "certrenew/core/token/session.hpp"
#include "certrenew/core/token/token_context.hpp"
#include "certrenew/core/token/token_error.hpp"
#include "certrenew/core/x509/certificate.hpp"
#include "certrenew/core/x509/time_format.hpp"
#include "diagnostics/wording.hpp"

namespace certrenew::client::diagnostics {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string join_paths(const std::vector<fs::path>& paths) {
  std::string out;
  for (const fs::path& p : paths) out += (out.empty() ? "" : ", ") + p.string();
  return out.empty() ? "(none)" : out;
}

Check rejection_check(const token::Rejection& r) {
  const std::string file = r.path.filename().string();
  const std::string reason{token::to_string(r.kind)};
  json details = {{"path", r.path.string()}, {"reason", reason}, {"message", r.message}};
  Status status = Status::red;
  // The finding's {1} and {2} (catalogue driver.rejected.*): what this kind of rejection tells.
  std::string first = r.message;
  std::string second;
  // What the driver has beside what the host needs, both in the details and in the finding.
  const auto found_and_needed = [&](const char* found_key, std::uint64_t found,
                                    const char* needed_key, std::uint64_t needed) {
    details[found_key] = found;
    details[needed_key] = needed;
    first = std::to_string(found);
    second = std::to_string(needed);
  };
  switch (r.kind) {
    case token::RejectionKind::not_a_library:
      status = Status::amber;
      break;
    case token::RejectionKind::load_error:
    case token::RejectionKind::missing_entry:
      break;
    case token::RejectionKind::wrong_abi_version:
      found_and_needed("abi_version_found", r.abi_version_found, "abi_version_supported",
                       CRT_DRIVER_ABI_VERSION);
      break;
    case token::RejectionKind::short_table:
      found_and_needed("struct_size_found", r.struct_size_found, "struct_size_needed",
                       CRT_DRIVER_V1_MIN_SIZE);
      break;
    case token::RejectionKind::incomplete_table:
      details["missing_field"] = r.missing_field;
      first = r.missing_field;
      break;
    case token::RejectionKind::duplicate:
      status = Status::amber;
      details["driver_name"] = r.driver_name;
      first = r.driver_name;
      second = r.message;
      break;
  }
  return {Area::drivers,
          "driver.rejected",
          status,
          token_text("driver.rejected.title", file),
          token_text("driver.rejected." + reason, file, first, second),
          std::move(details)};
}

// A token check titled by the catalogue's "<title_id>" (its {} filled with the same args).
template <class... Args>
Check token_line(Status status, std::string id, std::string_view title_id, std::string_view finding,
                 json details, const Args&... args) {
  return {Area::tokens,
          std::move(id),
          status,
          token_text(title_id, args...),
          token_text(finding, args...),
          std::move(details)};
}

std::string token_title(const token::TokenInfo& t) {
  return t.label.empty() ? t.id : t.label + " (" + t.id + ")";
}

// PIN state read from the token's flags, without logging in.
Check pin_check(const std::string& driver, const token::TokenInfo& t) {
  const token::PinState& pin = t.pin;
  json details = {{"driver", driver},
                  {"token_id", t.id},
                  {"retries_left", pin.retries_left ? json(*pin.retries_left) : json(nullptr)},
                  {"retries_max", pin.retries_max ? json(*pin.retries_max) : json(nullptr)},
                  {"count_low", pin.count_low},
                  {"final_try", pin.final_try},
                  {"locked", pin.locked},
                  {"default_pin", pin.is_default},
                  {"pin_pad", t.pin_pad}};
  const std::string left =
      pin.retries_left ? fmt::format("{}", *pin.retries_left) : std::string("?");
  auto line = [&](Status status, std::string_view finding) {
    return token_line(status, "token.pin", "token.pin.title", finding, details, token_title(t),
                      left);
  };
  if (pin.locked) return line(Status::red, "token.pin.locked");
  if (pin.final_try || (pin.retries_left && *pin.retries_left == 1))
    return line(Status::amber, "token.pin.final_try");
  if (pin.is_default)  // issue 20: anyone who read the issuer's envelope knows it
    return line(Status::amber, "token.pin.default");
  if (pin.count_low) return line(Status::amber, "token.pin.count_low");
  if (!pin.retries_left) return line(Status::green, "token.pin.unknown_tries");
  return line(Status::green, "token.pin.ok");
}

// `on_token`: every readable certificate of the token, so that one kept after its renewal is
// reported as renewed rather than as expiring (issue 16, 2).
Check certificate_check(const std::string& driver, const token::TokenInfo& t,
                        const token::TokenObject& object,
                        const std::vector<x509::Certificate>& on_token,
                        std::chrono::system_clock::time_point now) {
  json details = {{"driver", driver},
                  {"token_id", t.id},
                  {"object_id", to_hex(object.id)},
                  {"label", object.certificate->label},
                  {"private_key_visible", object.key.has_value()},
                  // The driver ABI (version 1) has no way to tell free space.
                  {"free_space_bytes", nullptr}};
  x509::Certificate cert;
  try {
    cert = x509::parse_certificate(object.certificate->der);
  } catch (const x509::CertificateError& e) {
    details["error"] = e.what();
    return token_line(Status::amber, "token.certificate", "token.certificate.object",
                      "token.certificate.unreadable", details, object.certificate->label, t.id,
                      e.what());
  }
  const long days = cert.days_left(now);
  const std::string until = x509::format_utc_date(cert.not_after);
  const std::string name =
      cert.subject.first("CN").empty() ? cert.subject.display() : cert.subject.first("CN");
  details["subject"] = cert.subject.display();
  details["issuer"] = cert.issuer.display();
  details["serial"] = cert.serial_hex;
  details["not_after"] = x509::format_utc(cert.not_after);
  details["days_left"] = days;
  auto line = [&](Status status, std::string_view finding) {
    return token_line(status, "token.certificate", "token.certificate.title", finding, details,
                      name, until, days);
  };
  const x509::Certificate* successor = nullptr;
  for (const auto& other : on_token)
    if (supersedes(other, cert) && (!successor || other.not_after > successor->not_after))
      successor = &other;
  if (successor) {
    details["renewed_by_serial"] = successor->serial_hex;
    return token_line(Status::green, "token.certificate", "token.certificate.title",
                      "token.certificate.renewed", details, name, until, days,
                      x509::format_utc_date(successor->not_after));
  }
  if (cert.not_after < std::chrono::time_point_cast<std::chrono::seconds>(now))
    return line(Status::red, "token.certificate.expired");
  if (days <= kExpiryNoticeDays) return line(Status::amber, "token.certificate.expiring");
  return line(Status::green, "token.certificate.valid");
}

}  // namespace

std::vector<Check> driver_checks(const token::PluginHost& host,
                                 const std::vector<fs::path>& searched) {
  std::vector<Check> checks;
  for (const token::Driver& d : host.drivers()) {
    checks.push_back(
        {Area::drivers,
         "driver.loaded",
         Status::green,
         token_text("driver.loaded.title", d.name()),
         token_text("driver.loaded", d.name(), d.version(), d.vendor(), d.path().string()),
         {{"name", d.name()},
          {"vendor", d.vendor()},
          {"version", d.version()},
          {"path", d.path().string()}}});
  }
  for (const token::Rejection& r : host.rejections()) checks.push_back(rejection_check(r));
  if (host.drivers().empty()) {
    json dirs = json::array();
    for (const fs::path& p : searched) dirs.push_back(p.string());
    checks.push_back({Area::drivers,
                      "drivers.none",
                      Status::red,
                      token_text("drivers.none.title"),
                      token_text("drivers.none", join_paths(searched)),
                      {{"searched", dirs}}});
  }
  return checks;
}

std::vector<Check> token_checks(const token::PluginHost& host,
                                const std::map<std::string, json>& driver_settings,
                                std::chrono::system_clock::time_point now) {
  std::vector<Check> checks;
  std::size_t tokens_seen = 0;
  for (const token::Driver& driver : host.drivers()) {
    const auto settings = driver_settings.find(driver.name());
    const std::string config = settings == driver_settings.end() ? "{}" : settings->second.dump();
    std::optional<token::TokenContext> context;
    try {
      context = driver.open(config);
    } catch (const token::TokenError& e) {
      // A driver nobody set up is amber; a configuration the driver refuses is red.
      const bool not_set_up = driver_not_set_up(e, settings != driver_settings.end());
      const std::string id = not_set_up ? "driver.not_set_up" : "driver.config";
      checks.push_back({Area::drivers,
                        id,
                        not_set_up ? Status::amber : Status::red,
                        token_text(id + ".title", driver.name()),
                        token_text(id, driver.name(), e.what()),
                        {{"driver", driver.name()}, {"error", e.what()}}});
      continue;
    }
    std::vector<token::TokenInfo> tokens;
    try {
      tokens = context->tokens();
    } catch (const token::TokenError& e) {
      checks.push_back(token_line(Status::red, "token.list", "token.list.title", "token.list",
                                  {{"driver", driver.name()}, {"error", e.what()}}, "",
                                  driver.name(), "", e.what()));
      continue;
    }
    for (const token::TokenInfo& t : tokens) {
      ++tokens_seen;
      checks.push_back(
          token_line(Status::green, "token.present", "token.present.title", "token.present",
                     {{"driver", driver.name()},
                      {"token_id", t.id},
                      {"label", t.label},
                      {"manufacturer", t.manufacturer},
                      {"model", t.model},
                      {"write_protected", t.write_protected}},
                     token_title(t), driver.name(), t.id, "", t.manufacturer, t.model));
      checks.push_back(pin_check(driver.name(), t));
      std::vector<token::TokenObject> objects;
      try {
        // Listing needs no login; some devices show private keys only after one.
        objects = context->open_session(t.id).objects();
      } catch (const token::TokenError& e) {
        checks.push_back(
            token_line(Status::red, "token.objects", "token.objects.title", "token.objects",
                       {{"driver", driver.name()}, {"token_id", t.id}, {"error", e.what()}},
                       token_title(t), driver.name(), t.id, e.what()));
        continue;
      }
      std::vector<x509::Certificate> on_token;
      for (const token::TokenObject& object : objects) {
        if (!object.certificate) continue;
        try {
          on_token.push_back(x509::parse_certificate(object.certificate->der));
        } catch (const x509::CertificateError&) {
          // reported by certificate_check below
        }
      }
      bool any_certificate = false;
      for (const token::TokenObject& object : objects) {
        if (!object.certificate) continue;
        any_certificate = true;
        checks.push_back(certificate_check(driver.name(), t, object, on_token, now));
      }
      if (!any_certificate) {
        checks.push_back(token_line(
            Status::amber, "token.certificate", "token.objects.title", "token.no_certificate",
            {{"driver", driver.name()}, {"token_id", t.id}}, token_title(t), driver.name(), t.id));
      }
    }
  }
  if (tokens_seen == 0) {
    checks.push_back(token_line(Status::amber, "tokens.none", "tokens.none.title", "tokens.none",
                                json::object()));
  }
  return checks;
}

}  // namespace certrenew::client::diagnostics
