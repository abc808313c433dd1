#include "console/console_site.hpp"

#include "service/catalogue_errors.hpp"

namespace certrenew::server::console {

ConsoleSite::ConsoleSite(RenewalService& service, std::filesystem::path assets_dir,
                         LoginPolicy policy)
    : accounts_(service.store(), policy, [&service] { return service.now_seconds(); }),
      api_(service, accounts_),
      files_(assets_dir / "console") {}

WebResponse ConsoleSite::handle(const WebRequest& request) {
  const std::string& path = request.path;
  if (path == kConsolePrefix) {
    WebResponse r;
    r.status = 308;
    r.headers.emplace_back("Location", "/console/");
    add_security_headers(r);
    return r;
  }
  static const std::string api = std::string(kConsolePrefix) + "/api/";
  if (path.rfind(api, 0) == 0) return api_.handle(request, path.substr(api.size()));
  if (request.method == "GET" || request.method == "HEAD") {
    if (auto file = files_.serve(path.substr(std::string(kConsolePrefix).size() + 1))) return *file;
    return error_response(back_office_error(404, "no_such_file", "request.no_endpoint"));
  }
  return error_response(back_office_error(405, "method_not_allowed", "request.method"));
}

}  // namespace certrenew::server::console
