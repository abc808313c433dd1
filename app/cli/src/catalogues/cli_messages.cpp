// What certrenew-cli itself says (the flow's messages come from the client's catalogues). {} and
// {0}, {1}... are filled with the same arguments in both languages.
#include "cli_text.hpp"

#include <array>

namespace certrenew::cli {
namespace {

constexpr std::array<CatalogueEntry, 18> kEntries = {{
    // Help: shown in both languages at once, English first.
    {"help.app", "证书在线续期", "renew the certificate on your USB token online"},
    {"help.diagnose", "诊断",
     "why a token, driver, service or clock does not work: environment, drivers, tokens, "
     "service, applications, log"},
    {"error.prefix", "错误：", "Error: "},
    // {0} the configuration file, {1} the problem in English, {2} in zh-CN.
    {"config.problem", "配置 {0}：{2}", "configuration {0}: {1}"},
    {"config.create_hint", "（可用 certrenew-cli config init --service-url 地址 创建）",
     " (create one with `certrenew-cli config init --service-url URL`)"},
    // The service's own Chinese comes first; these stand in when it has none (English: its own).
    {"service.refused", "续期服务拒绝了请求。", "The renewal service refused the request."},
    {"service.unreachable", "无法连接续期服务，请检查网络和配置后重试。",
     "The renewal service cannot be reached; check the network and the configuration, then try "
     "again."},
    {"token.error", "证书介质报告错误，请检查后重试。",
     "The token reported an error; check it and try again."},
    {"log.unwritable", "无法写入日志文件。", "The log cannot be written: {}"},
    {"application.bad_business_no", "“{}”不是有效的业务单号（17位数字）。",
     "\"{}\" is not a business number (17 digits)."},
    {"application.unknown", "本机没有业务单号为 {} 的申请记录。",
     "No application {} is known on this computer."},
    // config init / show: {0} the option, {1} the value given.
    {"config.no_such_file", "--{0} {1}：文件不存在", "--{0} {1}: no such file"},
    {"config.portable", "（便携模式）", " (portable)"},
    {"config.no_place", "没有可放置配置文件的位置，请用 --config 指定",
     "no place for a configuration file; use --config"},
    {"config.exists", "{} 已存在；如需替换请加 --force",
     "{} exists already; use --force to replace it"},
    {"config.driver_format", "--driver 的格式应为 名称=JSON，实际为“{}”",
     "--driver wants NAME=JSON, got \"{}\""},
    // {0} the driver's name, {1} the parser's complaint.
    {"config.driver_not_json", "--driver {0}：不是有效的 JSON", "--driver {0}: not JSON: {1}"},
    {"config.written", "配置已写入 {}", "Configuration written to {}"},
}};

}  // namespace

const Catalogue& cli_messages() {
  static constexpr Catalogue catalogue{"cli_messages", kEntries};
  return catalogue;
}

}  // namespace certrenew::cli
