#include "output.hpp"

#include <iostream>

#include "cli_text.hpp"

namespace certrenew::cli {

std::string Output::tr(std::string_view en, std::string_view zh) const {
  return std::string(language_ == client::Language::en ? en : zh);
}

void Output::line(std::string_view en, std::string_view zh) const {
  if (!json_) std::cout << tr(en, zh) << '\n';
}

void Output::text(std::string_view same_in_both) const {
  if (!json_) std::cout << same_in_both << '\n';
}

void Output::note(std::string_view en, std::string_view zh) const {
  std::cerr << tr(en, zh) << std::endl;
}

void Output::document(const nlohmann::json& j) const {
  if (json_) std::cout << j.dump(2) << std::endl;
}

void Output::error(const client::FlowError& e) const {
  if (json_) {
    nlohmann::json j = {{"error",
                         {{"kind", client::code(e.kind())},
                          {"message", e.message_en()},
                          {"message_zh", e.message_zh()}}}};
    if (e.retries_left()) j["error"]["retries_left"] = *e.retries_left();
    if (!e.service_code().empty()) j["error"]["service_code"] = e.service_code();
    if (!e.detail().empty()) j["error"]["detail"] = e.detail();
    for (const auto& p : e.problems())
      j["error"]["fields"].push_back({{"field", p.field},
                                      {"reason", p.reason},
                                      {"message", p.message_en},
                                      {"message_zh", p.message_zh}});
    std::cout << j.dump(2) << std::endl;
  }
  std::cerr << tr(cli_text("error.prefix")) << e.message(language_) << '\n';
  for (const auto& p : e.problems())
    std::cerr << "  " << p.field << ": " << p.message(language_) << '\n';
  if (!e.detail().empty() && e.kind() == client::FlowError::Kind::certificate_rejected)
    std::cerr << e.detail();
  std::cerr.flush();
}

void Output::error(std::string_view en, std::string_view zh) const {
  if (json_)
    std::cout << nlohmann::json{{"error", {{"message", en}, {"message_zh", zh}}}}.dump(2)
              << std::endl;
  std::cerr << tr(cli_text("error.prefix")) << tr(en, zh) << std::endl;
}

}  // namespace certrenew::cli
