#pragma once
// The operators' web console (issue 18) as one handler: /console/ serves the pages
// (assets/console), /console/api/ the JSON API. Library-neutral: an HTTP layer hands it a
// WebRequest for every path under /console and sends back the WebResponse.

#include <filesystem>
#include <memory>

#include "console/console_api.hpp"
#include "console/operator_accounts.hpp"
#include "console/static_files.hpp"

namespace certrenew::server::console {

inline constexpr const char* kConsolePrefix = "/console";

class ConsoleSite {
 public:
  ConsoleSite(RenewalService& service, std::filesystem::path assets_dir, LoginPolicy policy = {});
  WebResponse handle(const WebRequest& request);

 private:
  OperatorAccounts accounts_;
  ConsoleApi api_;
  StaticFiles files_;
};

}  // namespace certrenew::server::console
