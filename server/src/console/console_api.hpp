#pragma once
// The console's JSON API under /console/api/ (issue 18). Every call but login needs a session
// cookie; every change also needs the session's CSRF token in X-CSRF-Token and a JSON body; every
// action checks the operator's role (in the service) and writes one audit entry.

#include <functional>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "console/operator_accounts.hpp"
#include "console/web_types.hpp"
#include "service/api_error.hpp"
#include "service/renewal_service.hpp"
#include "service/report_zone.hpp"

namespace certrenew::server::console {

inline constexpr const char* kSessionCookie = "__Host-certrenew-console";

// A signed-in call: the request, the operator (with the request's address as source).
struct ConsoleCall {
  const WebRequest& request;
  Actor actor;
  nlohmann::json body;  // parsed JSON object for changes; null for reads
};

class ConsoleApi {
 public:
  ConsoleApi(RenewalService& service, OperatorAccounts& accounts);
  // `path` is what follows /console/api/ ("applications/0120260921000001/approve").
  WebResponse handle(const WebRequest& request, const std::string& path);

 private:
  using Handler = std::function<WebResponse(ConsoleCall&, const std::vector<std::string>& args)>;
  struct Route {
    std::string method;
    std::vector<std::string> pattern;  // "*" matches one path part (passed in args)
    Handler handler;
  };
  void add(const std::string& method, const std::string& pattern, Handler handler);
  WebResponse dispatch(const WebRequest& request, const std::string& path);
  WebResponse login(const WebRequest& request);
  WebResponse logout(const WebRequest& request);

  // Routes by area (console/queue_calls.cpp, console/back_office_calls.cpp,
  // console/reconciliation_calls.cpp).
  void add_queue_routes();
  void add_back_office_routes();
  void add_reconciliation_routes();
  void add_operator_routes();  // console/operator_calls.cpp (admins manage accounts)
  void add_report_routes();    // console/report_calls.cpp (the daily report, in the CA's days)
  void add_refund_routes();    // console/refund_calls.cpp (refunds carried out)
  void add_issuer_routes();  // issue 22: console/issuer_status_call.cpp

  RenewalService& service_;
  OperatorAccounts& accounts_;
  ReportZone zone_;  // the CA's days (config reports.time_zone)
  std::vector<Route> routes_;
};

// JSON answers (protocol::encode_json: never throws on odd bytes).
WebResponse json_response(int status, const nlohmann::json& body);
WebResponse error_response(const ApiError& e);
// A CSV download (UTF-8 with a BOM, so spreadsheet programs read it right).
WebResponse csv_response(const std::string& filename, const std::string& body);
// Required string field of a JSON body, at most `max_bytes`; throws 400 naming the field.
std::string body_string(const nlohmann::json& body, const char* field, std::size_t max_bytes,
                        bool allow_empty = false);
// The `from` and `to` days of a query (both optional, YYYY-MM-DD, the CA's days in `zone`) as
// [from 00:00, the day after `to` 00:00) in Unix seconds; an absent bound stays 0. Throws 400
// bad_filter naming the parameter.
void day_range(const WebRequest& request, const ReportZone& zone, std::int64_t& from,
               std::int64_t& to);
std::string session_cookie(const std::string& id, std::int64_t max_age_seconds);

}  // namespace certrenew::server::console
