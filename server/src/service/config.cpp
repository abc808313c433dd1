#include "service/config.hpp"

#include <fstream>
#include <stdexcept>

namespace certrenew::server {

namespace {

class Reader {
 public:
  Reader(const nlohmann::json& j, std::string where) : j_(j), where_(std::move(where)) {
    if (!j_.is_object()) throw std::runtime_error(where_ + ": expected an object");
  }

  std::string text(const char* key, std::string fallback, bool required = false) const {
    if (!j_.contains(key)) {
      if (required) throw std::runtime_error(path(key) + " is required");
      return fallback;
    }
    if (!j_.at(key).is_string() || j_.at(key).get<std::string>().empty())
      throw std::runtime_error(path(key) + ": expected non-empty text");
    return j_.at(key).get<std::string>();
  }

  std::int64_t integer(const char* key, std::int64_t fallback, std::int64_t lo,
                       std::int64_t hi) const {
    if (!j_.contains(key)) return fallback;
    const auto& v = j_.at(key);
    if (!v.is_number_integer() || v.get<std::int64_t>() < lo || v.get<std::int64_t>() > hi)
      throw std::runtime_error(path(key) + ": expected a whole number from " + std::to_string(lo) +
                               " to " + std::to_string(hi));
    return v.get<std::int64_t>();
  }

  bool boolean(const char* key, bool fallback) const {
    if (!j_.contains(key)) return fallback;
    if (!j_.at(key).is_boolean()) throw std::runtime_error(path(key) + ": expected true or false");
    return j_.at(key).get<bool>();
  }

  Reader object(const char* key) const {
    static const nlohmann::json empty = nlohmann::json::object();
    return Reader(j_.contains(key) ? j_.at(key) : empty, path(key));
  }

  const nlohmann::json& raw(const char* key) const {
    static const nlohmann::json null;
    return j_.contains(key) ? j_.at(key) : null;
  }

  std::string path(const char* key) const { return where_ + "." + key; }

 private:
  const nlohmann::json& j_;
  std::string where_;
};

std::filesystem::path resolve(const std::filesystem::path& base, const std::string& p) {
  std::filesystem::path path(p);
  return path.is_absolute() ? path : base / path;
}

// ---- the issuer (issue 22) ------------------------------------------------------------------

HsmKeyConfig read_hsm(const Reader& r, const std::filesystem::path& base_dir) {
  HsmKeyConfig h;
  const std::string driver = r.text("driver", "");
  if (!driver.empty()) h.driver = resolve(base_dir, driver);
  h.module = r.text("module", "", true);
  h.token = r.text("token", "", true);
  if (h.token.rfind("pkcs11:", 0) != 0)
    throw std::runtime_error(r.path("token") + ": expected a pkcs11: URI (RFC 7512)");
  h.key_id_hex = r.text("key_id", "", true);
  if (h.key_id_hex.size() % 2 != 0 || h.key_id_hex.size() > 128 ||
      h.key_id_hex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos)
    throw std::runtime_error(r.path("key_id") + ": expected 1 to 64 bytes in hex");
  h.pin_env = r.text("pin_env", "");
  const std::string pin_file = r.text("pin_file", "");
  if (!pin_file.empty()) h.pin_file = resolve(base_dir, pin_file);
  if (h.pin_env.empty() == h.pin_file.empty())
    throw std::runtime_error(r.path("pin_env") +
                             ": give the PIN's source, either pin_env or pin_file (not both)");
  return h;
}

CmpConfig read_cmp(const Reader& r, const std::filesystem::path& base_dir) {
  CmpConfig m;
  m.server = r.text("server", "", true);
  const bool https = m.server.rfind("https://", 0) == 0;
  const std::size_t scheme = https ? 8 : 7;
  if ((!https && m.server.rfind("http://", 0) != 0) || m.server.size() <= scheme ||
      m.server.find_first_of(" \t\r\n\"<>?#@") != std::string::npos)
    throw std::runtime_error(r.path("server") + ": expected http[s]://host[:port]/path");
  const std::string tls_trust = r.text("tls_trust", "");
  if (https == tls_trust.empty())
    throw std::runtime_error(r.path("tls_trust") +
                             (https ? ": an https server needs the CA certificates its TLS "
                                      "certificate chains to"
                                    : ": only for an https server"));
  if (https) m.tls_trust = resolve(base_dir, tls_trust);
  m.ca_certificate = resolve(base_dir, r.text("ca_certificate", "", true));
  const std::string trust = r.text("server_trust", "");
  m.server_trust = trust.empty() ? m.ca_certificate : resolve(base_dir, trust);
  const std::string ra_cert = r.text("ra_certificate", ""), ra_key = r.text("ra_private_key", "");
  m.mac_reference = r.text("mac_reference", "");
  const std::string mac_secret = r.text("mac_secret_file", "");
  const bool signature = !ra_cert.empty() || !ra_key.empty();
  const bool mac = !m.mac_reference.empty() || !mac_secret.empty();
  if (signature == mac || (signature && (ra_cert.empty() || ra_key.empty())) ||
      (mac && (m.mac_reference.empty() || mac_secret.empty())))
    throw std::runtime_error(
        r.path("ra_certificate") +
        ": protect CMP messages either with ra_certificate + ra_private_key (signature) or with "
        "mac_reference + mac_secret_file (MAC)");
  if (signature) {
    m.ra_certificate = resolve(base_dir, ra_cert);
    m.ra_private_key = resolve(base_dir, ra_key);
  } else {
    m.mac_secret_file = resolve(base_dir, mac_secret);
  }
  const std::string request = r.text("request", "p10cr");
  if (request != "p10cr" && request != "kur")
    throw std::runtime_error(r.path("request") + ": expected \"p10cr\" or \"kur\"");
  m.key_update = request == "kur";
  if (m.key_update && !signature)
    throw std::runtime_error(r.path("request") +
                             ": kur is protected by the RA's signature (ra_certificate)");
  m.total_timeout_seconds =
      static_cast<int>(r.integer("total_timeout_seconds", m.total_timeout_seconds, 1, 86400));
  m.message_timeout_seconds =
      static_cast<int>(r.integer("message_timeout_seconds", m.message_timeout_seconds, 1, 600));
  return m;
}

IssuerConfig read_issuer(const Reader& root, const std::filesystem::path& base_dir) {
  IssuerConfig i;
  if (root.raw("issuer").is_null()) {  // the older form: the built-in CA with a key file
    Reader ca = root.object("ca");
    i.certificate = resolve(base_dir, ca.text("certificate", "", true));
    i.private_key = resolve(base_dir, ca.text("private_key", "", true));
    return i;
  }
  if (!root.raw("ca").is_null())
    throw std::runtime_error("config.ca and config.issuer are both given; keep config.issuer");
  Reader r = root.object("issuer");
  const std::string type = r.text("type", "", true);
  if (type == "builtin-file") {
    i.certificate = resolve(base_dir, r.text("certificate", "", true));
    i.private_key = resolve(base_dir, r.text("private_key", "", true));
  } else if (type == "builtin-pkcs11") {
    i.type = IssuerType::builtin_pkcs11;
    i.certificate = resolve(base_dir, r.text("certificate", "", true));
    i.hsm = read_hsm(r, base_dir);
  } else if (type == "cmp") {
    i.type = IssuerType::cmp;
    i.cmp = read_cmp(r, base_dir);
  } else {
    throw std::runtime_error(r.path("type") +
                             ": expected \"builtin-file\", \"builtin-pkcs11\" or \"cmp\"");
  }
  i.retry_base_seconds =
      static_cast<int>(r.integer("retry_base_seconds", i.retry_base_seconds, 1, 86400));
  i.retry_max_seconds = static_cast<int>(
      r.integer("retry_max_seconds", i.retry_max_seconds, i.retry_base_seconds, 7 * 86400));
  i.poll_milliseconds =
      static_cast<int>(r.integer("poll_milliseconds", i.poll_milliseconds, 50, 600000));
  return i;
}

}  // namespace

ServerConfig ServerConfig::from_json(const nlohmann::json& j,
                                     const std::filesystem::path& base_dir) {
  Reader root(j, "config");
  ServerConfig c;
  c.base_dir = base_dir;
  c.listen = root.text("listen", c.listen);
  const std::string database = root.text("database", "server.db");
  if (is_postgres_url(database))
    c.postgres_url = database;
  else if (database.find("://") != std::string::npos || database.empty())
    throw std::runtime_error(root.path("database") +
                             ": expected a SQLite file or a postgresql:// URI");
  else
    c.database = resolve(base_dir, database);
  c.database_connections =
      static_cast<int>(root.integer("database_connections", c.database_connections, 1, 256));
  c.max_body_bytes = static_cast<std::size_t>(
      root.integer("max_body_bytes", static_cast<std::int64_t>(c.max_body_bytes), 1024, 16 << 20));
  c.request_timeout_seconds =
      static_cast<int>(root.integer("request_timeout_seconds", c.request_timeout_seconds, 1, 600));

  Reader tls = root.object("tls");
  c.tls_certificate = resolve(base_dir, tls.text("certificate", "", true));
  c.tls_private_key = resolve(base_dir, tls.text("private_key", "", true));
  c.tls_trust = tls.text("trust", "").empty() ? c.tls_certificate.parent_path() / "root.crt"
                                              : resolve(base_dir, tls.text("trust", ""));
  c.issuer = read_issuer(root, base_dir);
  c.ca_certificate =
      c.issuer.type == IssuerType::cmp ? c.issuer.cmp.ca_certificate : c.issuer.certificate;
  c.ca_private_key = c.issuer.private_key;
  Reader secrets = root.object("secrets");
  c.capability_key = resolve(base_dir, secrets.text("capability_key", "", true));

  Reader agreement = root.object("agreement");
  c.agreement_version = agreement.text("version", "", true);
  const auto& files = agreement.raw("files");
  if (!files.is_object() || files.empty())
    throw std::runtime_error(agreement.path("files") + ": expected {\"zh-CN\": \"file\", ...}");
  for (const auto& [language, file] : files.items()) {
    if (!file.is_string())
      throw std::runtime_error(agreement.path("files") + "." + language + ": expected a file name");
    c.agreement_files[language] = resolve(base_dir, file.get<std::string>());
  }

  const auto& names = root.raw("service_name");
  if (names.is_object()) {
    for (const auto& [language, name] : names.items())
      if (name.is_string()) c.service_name[language] = name.get<std::string>();
  }

  try {
    c.fees = FeeSchedule::from_json(root.raw("fees"));
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error(std::string("config.") + e.what());
  }

  Reader bank = root.object("bank_account");
  c.bank_account = {bank.text("company", ""), bank.text("account", ""), bank.text("bank", "")};

  Reader policy = root.object("policy");
  c.policy.auto_approve = policy.boolean("auto_approve", false);
  c.policy.allow_key_reuse = policy.boolean("allow_key_reuse", false);
  c.policy.renewal_window_days = static_cast<int>(
      policy.integer("renewal_window_days", c.policy.renewal_window_days, 1, 3650));
  c.policy.max_clock_skew_seconds = static_cast<int>(
      policy.integer("max_clock_skew_seconds", c.policy.max_clock_skew_seconds, 1, 86400));
  c.policy.min_rsa_bits = static_cast<int>(policy.integer("min_rsa_bits", 2048, 1024, 16384));
  const auto& types = policy.raw("allowed_key_types");
  if (!types.is_null()) {
    if (!types.is_array() || types.empty())
      throw std::runtime_error(policy.path("allowed_key_types") + ": expected a non-empty list");
    c.policy.allowed_key_types.clear();
    for (const auto& t : types) {
      if (!t.is_string() || (t != "rsa" && t != "ec_p256" && t != "sm2"))
        throw std::runtime_error(policy.path("allowed_key_types") +
                                 ": each entry is one of rsa, ec_p256, sm2");
      c.policy.allowed_key_types.push_back(t.get<std::string>());
    }
  }

  c.policy.max_applications_per_certificate_per_day =
      static_cast<int>(policy.integer("max_applications_per_certificate_per_day",
                                      c.policy.max_applications_per_certificate_per_day, 1, 1000));
  c.policy.capability_valid_after_end_seconds =
      policy.integer("capability_valid_after_end_seconds",
                     c.policy.capability_valid_after_end_seconds, 0, 3650LL * 86400);
  const std::string revoke = policy.text("revoke_superseded", "on_install");
  using RS = Policy::RevokeSuperseded;
  if (revoke == "on_install")
    c.policy.revoke_superseded = RS::on_install;
  else if (revoke == "at_expiry")
    c.policy.revoke_superseded = RS::at_expiry;
  else if (revoke == "never")
    c.policy.revoke_superseded = RS::never;
  else
    throw std::runtime_error(policy.path("revoke_superseded") +
                             ": expected on_install, at_expiry or never");

  Reader crl = root.object("crl");
  c.crl.url = crl.text("url", "");
  if (!c.crl.url.empty()) {
    // http(s)://host[:port]/path: the path is where the service serves it.
    auto scheme = c.crl.url.find("://");
    auto slash = scheme == std::string::npos ? scheme : c.crl.url.find('/', scheme + 3);
    if (scheme == std::string::npos || slash == std::string::npos ||
        (c.crl.url.rfind("http://", 0) != 0 && c.crl.url.rfind("https://", 0) != 0) ||
        c.crl.url.find_first_of(" \t\r\n\"<>") != std::string::npos)
      throw std::runtime_error(crl.path("url") + ": expected http://host[:port]/path");
    c.crl.path = c.crl.url.substr(slash);
    if (c.crl.path.size() < 2 || c.crl.path.find_first_of("?#") != std::string::npos)
      throw std::runtime_error(crl.path("url") + ": expected a path without query");
  }
  c.crl.http_listen = crl.text("http_listen", "");
  c.crl.file = resolve(base_dir, crl.text("file", "crl/ca.crl"));
  c.crl.validity_hours =
      static_cast<int>(crl.integer("validity_hours", c.crl.validity_hours, 2, 24 * 366));
  c.crl.refresh_before_hours = static_cast<int>(
      crl.integer("refresh_before_hours", c.crl.refresh_before_hours, 1, 24 * 365));
  if (c.crl.refresh_before_hours >= c.crl.validity_hours)
    throw std::runtime_error(crl.path("refresh_before_hours") +
                             ": must be less than validity_hours");

  c.tls.min_version = tls.text("min_version", c.tls.min_version);
  if (c.tls.min_version != "1.2" && c.tls.min_version != "1.3")
    throw std::runtime_error(tls.path("min_version") + ": expected \"1.2\" or \"1.3\"");
  c.tls.ciphers = tls.text("ciphers", c.tls.ciphers);
  c.tls.ciphersuites = tls.text("ciphersuites", c.tls.ciphersuites);
  c.tls.groups = tls.text("groups", c.tls.groups);

  c.demo = root.boolean("demo", false);
  Reader payments = root.object("payments");
  c.payments.gateway = payments.text("gateway", "none");
  c.payments.valid_seconds = static_cast<int>(
      payments.integer("valid_seconds", c.payments.valid_seconds, 1, 7 * 24 * 3600));
  if (c.payments.gateway == "sandbox") {
    // The sandbox's pay page needs no credentials: anyone who knows a payment id could pay it.
    if (!c.demo)
      throw std::runtime_error(
          payments.path("gateway") +
          ": \"sandbox\" is a test double and is refused outside a demo instance "
          "(\"demo\": true, made by init --demo)");
    c.payments.sandbox_key = resolve(base_dir, payments.text("sandbox_key", "", true));
  } else if (c.payments.gateway != "none") {
    throw std::runtime_error(payments.path("gateway") +
                             ": expected \"none\" or \"sandbox\" (demo instances only)");
  }

  c.notify = NotifyConfig::from_json(root.raw("notify"), base_dir);
  Reader reports = root.object("reports");
  c.report_time_zone = reports.text("time_zone", c.report_time_zone);
  ReportZone::load(c.report_time_zone);  // an unknown zone stops the start, naming the key
  c.kmc = KmcConfig::from_json(root.raw("kmc"), base_dir);

  const auto& ops = root.raw("operators");
  if (!ops.is_null()) {
    if (!ops.is_array()) throw std::runtime_error("config.operators: expected a list");
    for (const auto& o : ops) {
      Reader r(o, "config.operators[]");
      Operator op{r.text("name", "", true), r.text("token_sha256", "", true)};
      if (op.token_sha256.size() != 64 ||
          op.token_sha256.find_first_not_of("0123456789abcdef") != std::string::npos)
        throw std::runtime_error(
            "config.operators[].token_sha256: expected 64 lower-case hex digits");
      c.operators.push_back(std::move(op));
    }
  }

  // The serving layer (http/http_server.hpp).
  Reader serving = root.object("serving");
  ServingConfig& s = c.serving;
  s.max_body_bytes = c.max_body_bytes;
  s.body_timeout_seconds = c.request_timeout_seconds;
  s.io_threads = static_cast<int>(serving.integer("io_threads", s.io_threads, 1, 64));
  s.worker_threads = static_cast<int>(serving.integer("worker_threads", s.worker_threads, 0, 1024));
  s.max_connections = static_cast<std::size_t>(
      serving.integer("max_connections", static_cast<std::int64_t>(s.max_connections), 1, 1000000));
  s.max_requests_per_connection = static_cast<int>(
      serving.integer("max_requests_per_connection", s.max_requests_per_connection, 1, 1000000));
  s.max_header_bytes = static_cast<std::size_t>(serving.integer(
      "max_header_bytes", static_cast<std::int64_t>(s.max_header_bytes), 1024, 1 << 20));
  s.header_timeout_seconds =
      static_cast<int>(serving.integer("header_timeout_seconds", s.header_timeout_seconds, 1, 600));
  s.keep_alive_seconds =
      static_cast<int>(serving.integer("keep_alive_seconds", s.keep_alive_seconds, 1, 3600));
  s.shutdown_grace_seconds = static_cast<int>(
      serving.integer("shutdown_grace_seconds", s.shutdown_grace_seconds, 0, 3600));
  s.metrics_listen = root.object("metrics").text("listen", "");
  return c;
}

ServerConfig ServerConfig::load(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read the configuration file " + file.string());
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& e) {
    throw std::runtime_error(file.string() + " is not valid JSON: " + e.what());
  }
  try {
    return from_json(j, std::filesystem::absolute(file).parent_path());
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(file.string() + ": " + e.what());
  }
}

}  // namespace certrenew::server
