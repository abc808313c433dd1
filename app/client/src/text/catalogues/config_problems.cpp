// What is wrong with the client's configuration file (ConfigError). "key" and "file" frame a
// problem: {0} = the key or the file, {1} = the problem's own text from this catalogue.
#include <array>

#include "certrenew/client/catalogues.hpp"

namespace certrenew::client::catalogues {
namespace {

constexpr auto kEntries = std::to_array<CatalogueEntry>({
    {"key", "配置项“{0}”{1}", "config key '{0}': {1}"},
    {"file", "{0}：{1}", "{0}: {1}"},
    {"not_an_object", "配置：不是 JSON 对象", "config: not a JSON object"},
    // Problems with one key.
    {"must_be_string", "必须是字符串", "must be a string"},
    {"url.not_https", "必须是 https:// 开头的地址", "must be an https:// URL"},
    {"url.no_host", "缺少主机名", "has no host"},
    {"url.white_space", "含有空白或控制字符", "contains white space or control characters"},
    {"unknown_key", "不是已知的配置项", "unknown key"},
    {"missing", "缺失", "missing"},
    {"folder_list", "必须是目录名列表", "must be a list of folder names"},
    {"drivers", "必须是“驱动名 -> 设置”的对象", "must be an object of driver name -> settings"},
    {"must_be_object", "必须是对象", "must be an object"},
    {"language", "必须是 \"zh-CN\" 或 \"en\"", "must be \"zh-CN\" or \"en\""},
    {"retire_policy", "必须是 \"keep\" 或 \"delete\"", "must be \"keep\" or \"delete\""},
    // Problems with the file ({} = the system's reason, in English).
    {"file.missing", "文件不存在", "does not exist"},
    {"file.unreadable", "无法读取：{}", "cannot read: {}"},
    {"file.too_large", "文件过大", "too large"},
    {"file.cannot_open", "无法打开", "cannot open"},
    {"file.read_error", "读取出错", "read error"},
    {"file.not_json", "不是有效的 JSON", "not valid JSON"},
});

}  // namespace

const Catalogue& config_problems() {
  static constexpr Catalogue catalogue{"client_config_problems", kEntries};
  return catalogue;
}

}  // namespace certrenew::client::catalogues
