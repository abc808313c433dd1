#pragma once
// Message templates per event and language (assets/notify/<language>/<event>.txt, optional
// <event>.html). A .txt file starts with "Subject: ..." and "SMS: ..." lines, then a blank line,
// then the plain-text body. {{name}} is replaced by the fact `name`; a missing fact is an error,
// never an empty gap.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace certrenew::server {

struct RenderedMessage {
  std::string subject;
  std::string text;                 // plain-text body, lines ending in \n
  std::optional<std::string> html;  // alternative HTML body, when the template has one
  std::string sms;                  // the short text (at most 70 characters once rendered)
  // The facts the short text uses, by name: what a provider that keeps the text as its own
  // template (Alibaba Cloud SMS) is sent instead of the text.
  std::map<std::string, std::string> sms_facts;
};

class NotifyTemplates {
 public:
  // Reads every event's template in zh-CN and en; throws std::runtime_error naming the file that
  // is missing or malformed, so a broken installation fails at start, not at the first message.
  static NotifyTemplates load(const std::filesystem::path& dir);

  // Throws std::runtime_error for an unknown event or language, or a fact the template needs
  // that `facts` lacks.
  RenderedMessage render(std::string_view event, std::string_view language,
                         const nlohmann::json& facts) const;

  static const std::vector<std::string>& events();
  static const std::vector<std::string>& languages();

 private:
  struct Template {
    std::string subject, sms, text;
    std::optional<std::string> html;
  };
  std::map<std::string, Template> templates_;  // "<language>/<event>"
};

// Characters (Unicode code points) in UTF-8 text: SMS length counts these.
std::size_t utf8_length(std::string_view text);

}  // namespace certrenew::server
