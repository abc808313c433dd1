// The diagnostic report's frame and its checks of the environment, the configuration, the log and
// the pending applications ({} filled as each comment says; the zh-CN text may use the arguments
// in another order, by number).
#include <array>

#include "certrenew/client/catalogues.hpp"

namespace certrenew::client::catalogues {
namespace {

constexpr auto kEntries = std::to_array<CatalogueEntry>({
    // Sections, by code(Area), and verdicts, by code(Status) (English padded to one width).
    {"area.environment", "运行环境", "Environment"},
    {"area.drivers", "介质驱动", "Token drivers"},
    {"area.tokens", "介质与证书", "Tokens and certificates"},
    {"area.service", "续期服务", "Renewal service"},
    {"area.applications", "待办申请", "Pending applications"},
    {"area.log", "日志", "Log"},
    {"verdict.green", "[正常]", "[GREEN]"},
    {"verdict.amber", "[注意]", "[AMBER]"},
    {"verdict.red", "[故障]", "[RED]  "},
    // The plain-text report ({0}, {1}, {2} = how many checks are green, amber, red).
    {"report.title", "CertRenew 诊断报告", "CertRenew diagnostic report"},
    {"report.generated", "生成时间：", "Generated: "},
    {"report.overall", "总体：", "Overall: "},
    {"report.counts", "正常 {0}，注意 {1}，故障 {2}", "green {0}, amber {1}, red {2}"},
    {"report.label_end", "：", ": "},
    {"report.log_tail", "日志末尾：", "Last lines of the log:"},
    // Environment facts.
    {"fact.os", "操作系统", "Operating system"},
    {"fact.arch", "处理器架构（程序）", "Processor architecture (program)"},
    {"fact.app_version", "CertRenew 版本", "CertRenew version"},
    {"fact.build", "构建", "Build"},
    {"fact.locale", "区域设置", "Locale"},
    {"fact.time_zone", "时区", "Time zone"},
    {"fact.config_file", "配置文件", "Configuration file"},
    {"fact.config_source", "配置来源", "Configuration read from"},
    {"fact.data_dir", "数据目录", "Data folder"},
    {"fact.data_source", "数据目录来源", "Data folder chosen by"},
    {"fact.driver_path", "驱动搜索路径", "Driver search path"},
    // Facts the desktop app adds.
    {"fact.opengl_renderer", "OpenGL 渲染器", "OpenGL renderer"},
    {"fact.font", "字体", "Font"},
    {"fact.display_scale", "显示缩放", "Display scale"},
    // Where the configuration was found, by code(ConfigSource).
    {"config_source.explicit", "命令行指定", "given on the command line"},
    {"config_source.portable", "便携模式：程序所在目录", "portable: beside the program"},
    {"config_source.user", "用户配置目录", "the user's config folder"},
    // The configuration ({0} = its file, {1} = where it was found or what is wrong).
    {"config.title", "配置", "Configuration"},
    {"config.no_location",
     "没有可用的配置位置：环境中没有用户主目录，程序也不是便携模式。请设置 HOME（或 APPDATA），"
     "或在程序旁放置 certrenew.portable 和 config.json。",
     "There is no place for a configuration: the environment names no home folder and the "
     "program is not portable. Set HOME (or APPDATA), or put certrenew.portable and config.json "
     "beside the program."},
    {"config.missing", "{0} 处没有配置文件：客户端不知道续期服务地址。请将 CA 提供的 config.json 放在该处。",
     "No configuration at {0}: the client does not know the renewal service. Put the config.json "
     "the CA provides there."},
    {"config.read", "读取自 {0}（{1}）。", "Read from {0} ({1})."},
    {"config.unusable", "配置文件无法使用：{}。请更正（或换成 CA 提供的 config.json）。",
     "The configuration cannot be used: {}. Correct it (or replace it with the CA's "
     "config.json)."},
    // The data folder ({} = the folder).
    {"data_dir.title", "数据目录", "Data folder"},
    {"data_dir.no_home", "没有数据目录：环境中没有用户主目录。请设置 HOME（或 APPDATA），或使用便携版。",
     "There is no data folder: the environment names no home folder. Set HOME (or APPDATA), or "
     "run the portable edition."},
    {"data_dir.not_yet", "{} 尚不存在：本机尚未保存任何数据，首次申请时会创建。",
     "{} does not exist yet: nothing was stored on this computer so far. It is created at the "
     "first application."},
    {"data_dir.not_a_folder", "{} 存在但不是目录：客户端无法保存申请和日志。请移走该文件。",
     "{} exists but is not a folder: the client cannot keep its applications or its log. Move "
     "the file away."},
    {"data_dir.ok", "{} 正常。", "{} is in place."},
    // The issuing CA ({0} = its subject, {1} = its SHA-256 fingerprint, {2} = the file; for
    // issuer_ca.unusable {0} = the problem).
    {"issuer_ca.title", "签发 CA", "Issuing CA"},
    {"issuer_ca.none",
     "尚未配置或固定签发 CA：首次联系续期服务时将固定服务所示的 CA，续期证书须链到该 CA。"
     "如需从一开始就确定，请在配置项 issuer_ca 中指定证书机构提供的 CA 证书。",
     "No issuing CA is configured or pinned yet: the CA the service names at the first contact is "
     "pinned and renewed certificates must chain to it. To be sure from the start, set issuer_ca "
     "in the configuration to the CA certificate your CA provides."},
    {"issuer_ca.configured", "续期证书须链到 {0}（SHA-256 {1}），配置于 {2}。",
     "Renewed certificates must chain to {0} (SHA-256 {1}), configured in {2}."},
    {"issuer_ca.pinned", "续期证书须链到 {0}（SHA-256 {1}），首次联系时固定，保存于 {2}。",
     "Renewed certificates must chain to {0} (SHA-256 {1}), pinned at the first contact and kept "
     "in {2}."},
    {"issuer_ca.unusable", "{0}修复之前无法安装续期证书。",
     "{0} Renewed certificates cannot be installed until it is fixed."},
    // The log ({0} = its folder, {1} = how many files).
    {"log.title", "日志", "Log"},
    {"log.none", "{0} 中还没有日志文件。程序运行时才会写日志：请先重现一次问题，再重新诊断。",
     "No log file in {0} yet. The app writes one while it runs: reproduce the problem once, then "
     "run the diagnosis again."},
    {"log.kept", "日志保存在 {0}（{1} 个文件），末尾几行见下。",
     "The log is kept in {0} ({1} files); its last lines follow."},
    // Pending applications ({} as each says).
    {"applications.store.title", "申请存储", "Application store"},
    {"applications.store.unlisted", "无法列出已保存的申请（{}）。请检查数据目录的权限。",
     "The stored applications cannot be listed ({}). Check the permissions of the data folder."},
    {"application.title", "申请 {}", "Application {}"},  // {} = business number
    // {0} = the token, {1} = the last update.
    {"application.written",
     "新证书已写入介质 {0}，但尚未通知服务（最后更新 {1}）。请插入该介质并打开 CertRenew，"
     "程序会完成安装。",
     "The new certificate is already on token {0} but the service has not been told (last update "
     "{1}). Open CertRenew with this token plugged in: it finishes the installation."},
    {"application.approved",
     "已审核通过，新证书已就绪（最后更新 {1}）。请插入介质 {0} 并打开 CertRenew 安装证书。",
     "Approved: the new certificate is ready (last update {1}). Open CertRenew with token {0} "
     "plugged in and install it."},
    {"application.rejected", "已被 CA 驳回（最后更新 {1}）。程序中可查看原因；请重新申请或联系 CA。",
     "Rejected by the CA (last update {1}). The app shows the reason; apply again or contact the "
     "CA."},
    // {0} = the business state, {1} = the payment state, {2} = the last update.
    {"application.state", "{0}，{1}（最后更新 {2}）。",
     "{0}; payment state: {1} (last update {2})."},
    // {0} = the file, {1} = why.
    {"application.unreadable.title", "无法读取的记录 {0}", "Unreadable record {0}"},
    {"application.unreadable",
     "记录 {0} 无法读取（{1}）。请不要删除它：它可能是已付款申请的唯一凭据。请将本报告发给技术支持。",
     "The record {0} cannot be read ({1}). Do not delete it: it may be the only link to a paid "
     "application. Send this report to support."},
    {"applications.none.title", "申请", "Applications"},
    {"applications.none", "本机没有进行中的续期申请。",
     "No renewal application was started on this computer."},
    // {0} = the token, {1} = how many keys, {2} = the applications' list (may be empty).
    {"applications.leftover_keys.title", "介质 {0} 上的未用密钥", "Unused keys on token {0}"},
    {"applications.leftover_keys",
     "为已结束且未使用的申请{2}生成的 {1} 个密钥仍在介质 {0} 上。下次为该介质输入密码（签名或安装）"
     "时 CertRenew 会删除它们；如因空间不足无法生成新密钥，这也会腾出空间。",
     "{1} key(s) made for applications that ended unused{2} are still on token {0}. CertRenew "
     "deletes them the next time the PIN is entered for this token (signing or installing); that "
     "also frees room if making a new key fails for lack of space."},
    {"list.open", "（", " ("},
    {"list.separator", "、", ", "},
    {"list.close", "）", ")"},
});

}  // namespace

const Catalogue& diagnostics_report() {
  static constexpr Catalogue catalogue{"client_diagnostics_report", kEntries};
  return catalogue;
}

}  // namespace certrenew::client::catalogues
