// Drivers and tokens: why a token is not seen is nearly always one of these lines.
#include "certrenew/client/diagnostics/token_checks.hpp"

#include <fmt/format.h>

#include "certrenew/client/flow/token_inventory.hpp"
#include "certrenew/core/token/session.hpp"
#include "certrenew/core/token/token_context.hpp"
#include "certrenew/core/token/token_error.hpp"
#include "certrenew/core/x509/certificate.hpp"
#include "certrenew/core/x509/time_format.hpp"

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
  json details = {
      {"path", r.path.string()}, {"reason", token::to_string(r.kind)}, {"message", r.message}};
  Status status = Status::red;
  Text sentence;
  switch (r.kind) {
    case token::RejectionKind::not_a_library:
      status = Status::amber;
      sentence = {
          fmt::format("{} is in a driver folder but is not a shared library; it is "
                      "ignored. Remove it unless a vendor's installer put it there.",
                      file),
          fmt::format("{} 位于驱动目录中，但不是动态库，已被忽略。除非是厂商安装程序放置的，"
                      "否则请删除它。",
                      file)};
      break;
    case token::RejectionKind::load_error:
      sentence = {fmt::format("{} could not be loaded. A library it needs is missing, or it was "
                              "built for another system or processor: install the vendor's driver "
                              "for this platform. The loader said: {}",
                              file, r.message),
                  fmt::format("无法加载 {}。它依赖的库缺失，或它是为其他系统或处理器编译的："
                              "请安装厂商针对本平台的驱动。加载器提示：{}",
                              file, r.message)};
      break;
    case token::RejectionKind::missing_entry:
      sentence = {fmt::format("{} is a library but not a CertRenew token driver (it has no "
                              "certrenew_driver_v1 entry). A vendor's PKCS#11 library is not "
                              "dropped here: configure it for the pkcs11 driver instead.",
                              file),
                  fmt::format("{} 是动态库，但不是 CertRenew 介质驱动（缺少 certrenew_driver_v1 "
                              "入口）。厂商的 PKCS#11 库不应放在这里，请在 pkcs11 驱动的配置中"
                              "指定它。",
                              file)};
      break;
    case token::RejectionKind::wrong_abi_version:
      details["abi_version_found"] = r.abi_version_found;
      details["abi_version_supported"] = CRT_DRIVER_ABI_VERSION;
      sentence = {fmt::format("{} was built for driver ABI version {}; this client supports "
                              "version {}. Ask the vendor for a driver for this CertRenew version.",
                              file, r.abi_version_found, CRT_DRIVER_ABI_VERSION),
                  fmt::format("{} 是为驱动接口版本 {} 编译的，本客户端支持版本 {}。请向厂商索取"
                              "适用于本版本 CertRenew 的驱动。",
                              file, r.abi_version_found, CRT_DRIVER_ABI_VERSION)};
      break;
    case token::RejectionKind::short_table:
      details["struct_size_found"] = r.struct_size_found;
      details["struct_size_needed"] = CRT_DRIVER_V1_MIN_SIZE;
      sentence = {fmt::format("{} declares a function table of {} bytes, shorter than the {} "
                              "that version 1 needs: it was built against an incomplete header. "
                              "Ask the vendor for a corrected build.",
                              file, r.struct_size_found, CRT_DRIVER_V1_MIN_SIZE),
                  fmt::format("{} 声明的函数表只有 {} 字节，少于版本 1 要求的 {} 字节：它是用不"
                              "完整的头文件编译的。请向厂商索取修正后的版本。",
                              file, r.struct_size_found, CRT_DRIVER_V1_MIN_SIZE)};
      break;
    case token::RejectionKind::incomplete_table:
      details["missing_field"] = r.missing_field;
      sentence = {fmt::format("{} lacks the required entry '{}': the driver is incomplete. Ask "
                              "the vendor for a corrected build.",
                              file, r.missing_field),
                  fmt::format("{} 缺少必需的项目“{}”：驱动不完整。请向厂商索取修正后的版本。", file,
                              r.missing_field)};
      break;
    case token::RejectionKind::duplicate:
      status = Status::amber;
      details["driver_name"] = r.driver_name;
      sentence = {fmt::format("{} is a second driver named '{}' ({}); the first one found is "
                              "used. Remove the copy that should not be there.",
                              file, r.driver_name, r.message),
                  fmt::format("{} 是第二个名为“{}”的驱动（{}），仅使用先找到的那个。请删除多余的"
                              "副本。",
                              file, r.driver_name, r.message)};
      break;
  }
  return {Area::drivers,
          "driver.rejected",
          status,
          {"Driver " + file + " rejected", "驱动 " + file + " 未加载"},
          std::move(sentence),
          std::move(details)};
}

Check token_line(Status status, std::string id, Text title, Text sentence, json details) {
  return {Area::tokens,     std::move(id),       status,
          std::move(title), std::move(sentence), std::move(details)};
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
  const Text title{"PIN state of " + token_title(t), token_title(t) + " 的 PIN 状态"};
  if (pin.locked) {
    return token_line(Status::red, "token.pin", title,
                      {"The PIN of this token is locked: it cannot sign until it is unlocked with "
                       "the vendor's unlock tool (administrator PIN) or at the CA's service hall. "
                       "Do not try more PINs.",
                       "该介质的 PIN 已锁定：在用厂商解锁工具（管理员 PIN）或到 CA 服务网点解锁"
                       "之前无法签名。请不要再尝试 PIN。"},
                      details);
  }
  if (pin.final_try || (pin.retries_left && *pin.retries_left == 1)) {
    return token_line(Status::amber, "token.pin", title,
                      {"Only one PIN try is left: the next wrong PIN locks the token. Be sure of "
                       "the PIN before the next try (CertRenew never retries by itself).",
                       "仅剩最后一次 PIN 尝试机会：再输错一次介质将被锁定。请确认 PIN 后再尝试"
                       "（CertRenew 不会自动重试）。"},
                      details);
  }
  const std::string left =
      pin.retries_left ? fmt::format("{}", *pin.retries_left) : std::string("?");
  if (pin.is_default) {  // issue 20: anyone who read the issuer's envelope knows it
    return token_line(Status::amber, "token.pin", title,
                      {"The token still has the issuer's default PIN: change it (certrenew-cli "
                       "pin change, or Change PIN in the app) before using it.",
                       "该介质仍在使用发证机构的初始 PIN：请先修改（certrenew-cli pin change，"
                       "或在应用中“修改密码”）。"},
                      details);
  }
  if (pin.count_low) {
    return token_line(
        Status::amber, "token.pin", title,
        {fmt::format("A wrong PIN was entered since the last correct one; {} tries left. Be sure "
                     "of the PIN before the next try.",
                     left),
         fmt::format("上次正确输入后曾输错 PIN，剩余 {} 次尝试机会。请确认 PIN 后再尝试。", left)},
        details);
  }
  if (!pin.retries_left) {
    return token_line(Status::green, "token.pin", title,
                      {"The PIN is not locked (the token does not tell how many tries are left).",
                       "PIN 未锁定（介质不提供剩余尝试次数）。"},
                      details);
  }
  return token_line(Status::green, "token.pin", title,
                    {fmt::format("The PIN is not locked; {} tries left.", left),
                     fmt::format("PIN 未锁定，剩余 {} 次尝试机会。", left)},
                    details);
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
    return token_line(
        Status::amber, "token.certificate",
        {"Certificate object " + object.certificate->label,
         "证书对象 " + object.certificate->label},
        {fmt::format("An object on token {} is stored as a certificate but cannot be read ({}). "
                     "It cannot be renewed; the vendor's tool can show or remove it.",
                     t.id, e.what()),
         fmt::format("介质 {} 上有一个证书对象无法读取（{}），无法续期；可用厂商工具查看或删除。",
                     t.id, e.what())},
        details);
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
  const Text title{"Certificate " + name, "证书 " + name};
  const x509::Certificate* successor = nullptr;
  for (const auto& other : on_token)
    if (supersedes(other, cert) && (!successor || other.not_after > successor->not_after))
      successor = &other;
  if (successor) {
    const std::string next_until = x509::format_utc_date(successor->not_after);
    details["renewed_by_serial"] = successor->serial_hex;
    return token_line(
        Status::green, "token.certificate", title,
        {fmt::format("Renewed: replaced by the certificate valid until {} on the same token. "
                     "Nothing to do (this one ends {}).",
                     next_until, until),
         fmt::format("已续期：同一介质上已有有效期至 {} 的新证书，无需处理（本证书 {} 到期）。",
                     next_until, until)},
        details);
  }
  if (cert.not_after < std::chrono::time_point_cast<std::chrono::seconds>(now)) {
    return token_line(
        Status::red, "token.certificate", title,
        {fmt::format("Expired on {}. An expired certificate cannot be renewed online: the holder "
                     "must apply at the CA's service hall.",
                     until),
         fmt::format("已于 {} 过期。过期证书无法在线续期，持有人须到 CA 服务网点办理。", until)},
        details);
  }
  if (days <= kExpiryNoticeDays) {
    return token_line(Status::amber, "token.certificate", title,
                      {fmt::format("Expires in {} days ({}): renew it now.", days, until),
                       fmt::format("将在 {} 天后（{}）过期，请立即续期。", days, until)},
                      details);
  }
  return token_line(Status::green, "token.certificate", title,
                    {fmt::format("Valid until {} ({} days left).", until, days),
                     fmt::format("有效期至 {}（剩余 {} 天）。", until, days)},
                    details);
}

}  // namespace

std::vector<Check> driver_checks(const token::PluginHost& host,
                                 const std::vector<fs::path>& searched) {
  std::vector<Check> checks;
  for (const token::Driver& d : host.drivers()) {
    checks.push_back({Area::drivers,
                      "driver.loaded",
                      Status::green,
                      {"Driver " + d.name(), "驱动 " + d.name()},
                      {fmt::format("{} {} by {} is loaded from {}.", d.name(), d.version(),
                                   d.vendor(), d.path().string()),
                       fmt::format("已从 {3} 加载 {0} {1}（{2}）。", d.name(), d.version(),
                                   d.vendor(), d.path().string())},
                      {{"name", d.name()},
                       {"vendor", d.vendor()},
                       {"version", d.version()},
                       {"path", d.path().string()}}});
  }
  for (const token::Rejection& r : host.rejections()) checks.push_back(rejection_check(r));
  if (host.drivers().empty()) {
    json dirs = json::array();
    for (const fs::path& p : searched) dirs.push_back(p.string());
    checks.push_back(
        {Area::drivers,
         "drivers.none",
         Status::red,
         {"No token driver", "没有介质驱动"},
         {fmt::format("No token driver loaded from {}. No token can be seen: put the vendor's "
                      "driver in the plugins folder next to the program, or name its folder in "
                      "plugin_dirs of the configuration.",
                      join_paths(searched)),
          fmt::format("未能从 {} 加载任何介质驱动，因此无法识别介质：请将厂商驱动放入程序旁的 "
                      "plugins 目录，或在配置的 plugin_dirs 中指定其目录。",
                      join_paths(searched))},
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
      checks.push_back(
          {Area::drivers,
           "driver.config",
           Status::red,
           {"Driver " + driver.name() + " settings", "驱动 " + driver.name() + " 的设置"},
           {fmt::format("The driver {} refused its settings ({}). Correct drivers.{} in the "
                        "configuration.",
                        driver.name(), e.what(), driver.name()),
            fmt::format("驱动 {} 不接受其设置（{}）。请更正配置中的 drivers.{}。", driver.name(),
                        e.what(), driver.name())},
           {{"driver", driver.name()}, {"error", e.what()}}});
      continue;
    }
    std::vector<token::TokenInfo> tokens;
    try {
      tokens = context->tokens();
    } catch (const token::TokenError& e) {
      checks.push_back(token_line(
          Status::red, "token.list", {"Tokens of " + driver.name(), driver.name() + " 的介质"},
          {fmt::format("The driver {} could not list its tokens ({}). Re-plug the token; if this "
                       "persists, reinstall the vendor's driver or middleware.",
                       driver.name(), e.what()),
           fmt::format("驱动 {} 无法列出介质（{}）。请重新插拔介质；如仍出现，请重新安装厂商驱动"
                       "或中间件。",
                       driver.name(), e.what())},
          {{"driver", driver.name()}, {"error", e.what()}}));
      continue;
    }
    for (const token::TokenInfo& t : tokens) {
      ++tokens_seen;
      checks.push_back(token_line(
          Status::green, "token.present", {"Token " + token_title(t), "介质 " + token_title(t)},
          {fmt::format("Present: {} {}, serial number {}, through the driver {}.", t.manufacturer,
                       t.model, t.id, driver.name()),
           fmt::format("已识别：{} {}，序列号 {}，驱动 {}。", t.manufacturer, t.model, t.id,
                       driver.name())},
          {{"driver", driver.name()},
           {"token_id", t.id},
           {"label", t.label},
           {"manufacturer", t.manufacturer},
           {"model", t.model},
           {"write_protected", t.write_protected}}));
      checks.push_back(pin_check(driver.name(), t));
      std::vector<token::TokenObject> objects;
      try {
        // Listing needs no login; some devices show private keys only after one.
        objects = context->open_session(t.id).objects();
      } catch (const token::TokenError& e) {
        checks.push_back(token_line(
            Status::red, "token.objects",
            {"Certificates on " + token_title(t), token_title(t) + " 上的证书"},
            {fmt::format("The certificates on token {} could not be read ({}). Re-plug the token "
                         "and try again.",
                         t.id, e.what()),
             fmt::format("无法读取介质 {} 上的证书（{}）。请重新插拔介质后再试。", t.id, e.what())},
            {{"driver", driver.name()}, {"token_id", t.id}, {"error", e.what()}}));
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
            Status::amber, "token.certificate",
            {"Certificates on " + token_title(t), token_title(t) + " 上的证书"},
            {fmt::format("Token {} holds no certificate, so there is nothing to renew on it. Check "
                         "that this is the token the certificate was issued to.",
                         t.id),
             fmt::format("介质 {} 上没有证书，无可续期的证书。请确认这是颁发证书时使用的介质。",
                         t.id)},
            {{"driver", driver.name()}, {"token_id", t.id}}));
      }
    }
  }
  if (tokens_seen == 0) {
    checks.push_back(token_line(
        Status::amber, "tokens.none", {"Tokens", "介质"},
        {"No token is present. Plug the token in (try another USB port); if it still does not "
         "show, its vendor's driver is probably missing or rejected (see the drivers above).",
         "未识别到介质。请插入介质（可换一个 USB 口）；如仍无法识别，可能缺少该厂商的驱动或驱动"
         "未加载（见上方驱动部分）。"},
        json::object()));
  }
  return checks;
}

}  // namespace certrenew::client::diagnostics
