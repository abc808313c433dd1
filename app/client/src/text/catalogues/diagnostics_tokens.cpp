// The diagnostic checks of token drivers, tokens, PINs and the certificates on tokens. {} are
// filled as each comment says (the zh-CN text may use them in another order, by number).
#include <array>

#include "certrenew/client/catalogues.hpp"

namespace certrenew::client::catalogues {
namespace {

constexpr auto kEntries = std::to_array<CatalogueEntry>({
    // Drivers: {0} = the driver's name, {1} its version, {2} its vendor, {3} its file.
    {"driver.loaded.title", "驱动 {0}", "Driver {0}"},
    {"driver.loaded", "已从 {3} 加载 {0} {1}（{2}）。", "{0} {1} by {2} is loaded from {3}."},
    // {0} = the folders searched.
    {"drivers.none.title", "没有介质驱动", "No token driver"},
    {"drivers.none",
     "未能从 {0} 加载任何介质驱动，因此无法识别介质：请将厂商驱动放入程序旁的 plugins 目录，或在配置的 "
     "plugin_dirs 中指定其目录。",
     "No token driver loaded from {0}. No token can be seen: put the vendor's driver in the "
     "plugins folder next to the program, or name its folder in plugin_dirs of the "
     "configuration."},
    // {0} = the driver's name, {1} = its error.
    {"driver.config.title", "驱动 {0} 的设置", "Driver {0} settings"},
    {"driver.config", "驱动 {0} 不接受其设置（{1}）。请更正配置中的 drivers.{0}。",
     "The driver {0} refused its settings ({1}). Correct drivers.{0} in the configuration."},
    {"driver.not_set_up.title", "驱动 {0} 未配置", "Driver {0} not set up"},
    {"driver.not_set_up",
     "已安装驱动 {0}，但配置中没有 drivers.{0}，因此未使用（{1}）。若您的介质需要它，"
     "请按介质厂商的说明填写 drivers.{0}；否则无需处理。",
     "The driver {0} is installed but the configuration has no drivers.{0}, so it is not used "
     "({1}). If your token needs it, fill in drivers.{0} as its vendor describes; otherwise "
     "nothing needs doing."},
    // A rejected driver file, by code of the rejection: {0} = the file, {1} = the loader's
    // message, the ABI version or the size found, the missing entry or the driver's name, {2} =
    // the supported ABI version or the size needed, or the loader's message for a duplicate.
    {"driver.rejected.title", "驱动 {0} 未加载", "Driver {0} rejected"},
    {"driver.rejected.not_a_library",
     "{0} 位于驱动目录中，但不是动态库，已被忽略。除非是厂商安装程序放置的，否则请删除它。",
     "{0} is in a driver folder but is not a shared library; it is ignored. Remove it unless a "
     "vendor's installer put it there."},
    {"driver.rejected.load_error",
     "无法加载 {0}。它依赖的库缺失，或它是为其他系统或处理器编译的：请安装厂商针对本平台的驱动。"
     "加载器提示：{1}",
     "{0} could not be loaded. A library it needs is missing, or it was built for another system "
     "or processor: install the vendor's driver for this platform. The loader said: {1}"},
    {"driver.rejected.missing_entry",
     "{0} 是动态库，但不是 CertRenew 介质驱动（缺少 certrenew_driver_v1 入口）。厂商的 PKCS#11 "
     "库不应放在这里，请在 pkcs11 驱动的配置中指定它。",
     "{0} is a library but not a CertRenew token driver (it has no certrenew_driver_v1 entry). A "
     "vendor's PKCS#11 library is not dropped here: configure it for the pkcs11 driver instead."},
    {"driver.rejected.wrong_abi_version",
     "{0} 是为驱动接口版本 {1} 编译的，本客户端支持版本 {2}。请向厂商索取适用于本版本 CertRenew 的驱动。",
     "{0} was built for driver ABI version {1}; this client supports version {2}. Ask the vendor "
     "for a driver for this CertRenew version."},
    {"driver.rejected.short_table",
     "{0} 声明的函数表只有 {1} 字节，少于版本 1 要求的 {2} 字节：它是用不完整的头文件编译的。"
     "请向厂商索取修正后的版本。",
     "{0} declares a function table of {1} bytes, shorter than the {2} that version 1 needs: it "
     "was built against an incomplete header. Ask the vendor for a corrected build."},
    {"driver.rejected.incomplete_table", "{0} 缺少必需的项目“{1}”：驱动不完整。请向厂商索取修正后的版本。",
     "{0} lacks the required entry '{1}': the driver is incomplete. Ask the vendor for a "
     "corrected build."},
    {"driver.rejected.duplicate", "{0} 是第二个名为“{1}”的驱动（{2}），仅使用先找到的那个。请删除多余的副本。",
     "{0} is a second driver named '{1}' ({2}); the first one found is used. Remove the copy that "
     "should not be there."},
    // Tokens: {0} = the token's title (label and serial number), {1} = the driver, {2} = the
    // serial number, {3} = the error, {4} = manufacturer, {5} = model.
    {"token.list.title", "{1} 的介质", "Tokens of {1}"},
    {"token.list",
     "驱动 {1} 无法列出介质（{3}）。请重新插拔介质；如仍出现，请重新安装厂商驱动或中间件。",
     "The driver {1} could not list its tokens ({3}). Re-plug the token; if this persists, "
     "reinstall the vendor's driver or middleware."},
    {"token.present.title", "介质 {0}", "Token {0}"},
    {"token.present", "已识别：{4} {5}，序列号 {2}，驱动 {1}。",
     "Present: {4} {5}, serial number {2}, through the driver {1}."},
    {"token.objects.title", "{0} 上的证书", "Certificates on {0}"},
    {"token.objects", "无法读取介质 {2} 上的证书（{3}）。请重新插拔介质后再试。",
     "The certificates on token {2} could not be read ({3}). Re-plug the token and try again."},
    {"token.no_certificate", "介质 {2} 上没有证书，无可续期的证书。请确认这是颁发证书时使用的介质。",
     "Token {2} holds no certificate, so there is nothing to renew on it. Check that this is the "
     "token the certificate was issued to."},
    {"tokens.none.title", "介质", "Tokens"},
    {"tokens.none",
     "未识别到介质。请插入介质（可换一个 USB 口）；如仍无法识别，可能缺少该厂商的驱动或驱动未加载"
     "（见上方驱动部分）。",
     "No token is present. Plug the token in (try another USB port); if it still does not show, "
     "its vendor's driver is probably missing or rejected (see the drivers above)."},
    // The PIN: {0} = the token's title, {1} = tries left ("?" when unknown).
    {"token.pin.title", "{0} 的 PIN 状态", "PIN state of {0}"},
    {"token.pin.locked",
     "该介质的 PIN 已锁定：在用厂商解锁工具（管理员 PIN）或到 CA 服务网点解锁之前无法签名。请不要再"
     "尝试 PIN。",
     "The PIN of this token is locked: it cannot sign until it is unlocked with the vendor's "
     "unlock tool (administrator PIN) or at the CA's service hall. Do not try more PINs."},
    {"token.pin.final_try",
     "仅剩最后一次 PIN 尝试机会：再输错一次介质将被锁定。请确认 PIN 后再尝试（CertRenew 不会自动重试）。",
     "Only one PIN try is left: the next wrong PIN locks the token. Be sure of the PIN before the "
     "next try (CertRenew never retries by itself)."},
    {"token.pin.count_low", "上次正确输入后曾输错 PIN，剩余 {1} 次尝试机会。请确认 PIN 后再尝试。",
     "A wrong PIN was entered since the last correct one; {1} tries left. Be sure of the PIN "
     "before the next try."},
    {"token.pin.unknown_tries", "PIN 未锁定（介质不提供剩余尝试次数）。",
     "The PIN is not locked (the token does not tell how many tries are left)."},
    {"token.pin.default",
     "该介质仍在使用发证机构的初始 PIN：请先修改（certrenew-cli pin change，或在应用中“修改密码”）。",
     "The token still has the issuer's default PIN: change it (certrenew-cli pin change, or Change "
     "PIN in the app) before using it."},
    {"token.pin.ok", "PIN 未锁定，剩余 {1} 次尝试机会。", "The PIN is not locked; {1} tries left."},
    // A certificate: {0} = its name (or the object's label), {1} = the end of validity, {2} =
    // the days left; unreadable: {1} = the token, {2} = the error.
    {"token.certificate.object", "证书对象 {0}", "Certificate object {0}"},
    {"token.certificate.unreadable",
     "介质 {1} 上有一个证书对象无法读取（{2}），无法续期；可用厂商工具查看或删除。",
     "An object on token {1} is stored as a certificate but cannot be read ({2}). It cannot be "
     "renewed; the vendor's tool can show or remove it."},
    {"token.certificate.title", "证书 {0}", "Certificate {0}"},
    {"token.certificate.expired", "已于 {1} 过期。过期证书无法在线续期，持有人须到 CA 服务网点办理。",
     "Expired on {1}. An expired certificate cannot be renewed online: the holder must apply at "
     "the CA's service hall."},
    {"token.certificate.expiring", "将在 {2} 天后（{1}）过期，请立即续期。",
     "Expires in {2} days ({1}): renew it now."},
    // {3} = the end of validity of the certificate that renewed it (issue 16, 2).
    {"token.certificate.renewed",
     "已续期：同一介质上已有有效期至 {3} 的新证书，无需处理（本证书 {1} 到期）。",
     "Renewed: replaced by the certificate valid until {3} on the same token. Nothing to do (this "
     "one ends {1})."},
    {"token.certificate.valid", "有效期至 {1}（剩余 {2} 天）。", "Valid until {1} ({2} days left)."},
    // A vendor library a driver's settings name (SKF "library", PKCS#11 "modules"; issue 20):
    // {0} = the driver, {1} = the file, {2} = its size in bytes, {3} = its SHA-256 (hex),
    // {4} = the reason it cannot be read.
    {"driver.library.title", "{0} 使用的厂商库", "Vendor library of {0}"},
    {"driver.library", "{1}（{2} 字节，SHA-256 {3}）。报告问题时请附上此信息，以便确认库的版本。",
     "{1} ({2} bytes, SHA-256 {3}). Quote this when reporting a problem: it identifies the "
     "library's build."},
    {"driver.library.missing",
     "驱动 {0} 的设置指定了 {1}，但无法读取该文件（{4}）。请安装厂商的库，或更正配置中的 drivers.{0}。",
     "The settings of driver {0} name {1}, which cannot be read ({4}). Install the vendor's "
     "library or correct drivers.{0} in the configuration."},
});

}  // namespace

const Catalogue& diagnostics_tokens() {
  static constexpr Catalogue catalogue{"client_diagnostics_tokens", kEntries};
  return catalogue;
}

}  // namespace certrenew::client::catalogues
