#include "controller/error_text.hpp"

#include <filesystem>
#include <system_error>

#include "certrenew/client/service/service_client.hpp"
#include "certrenew/client/store/client_config.hpp"
#include "certrenew/core/token/token_error.hpp"
#include "certrenew/core/x509/certificate.hpp"

namespace certrenew::gui {

ErrorText describe(const client::FlowError& error) {
  ErrorText e;
  if (error.kind() == client::FlowError::Kind::service_unreachable) {
    // The library's text carries curl's words (addresses, ports): they go to the details and
    // the person reads what to do.
    e = message(T::error_service_unreachable);
    e.kind = error.kind();
    e.detail = std::string(client::code(error.kind())) + "\n" + error.message_en();
    return e;
  }
  e.zh = error.message_zh();
  e.en = error.message_en();
  e.kind = error.kind();
  e.retries_left = error.retries_left();
  e.problems = error.problems();
  e.detail = std::string(client::code(error.kind()));
  if (!error.service_code().empty()) e.detail += " / " + error.service_code();
  if (!error.detail().empty()) e.detail += "\n" + error.detail();
  return e;
}

ErrorText describe(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const client::FlowError& e) {
    return describe(e);
  } catch (const client::ServiceError& e) {
    ErrorText out;
    if (e.kind() == client::ServiceError::Kind::http && !e.message_zh().empty()) {
      out.zh = e.message_zh();
      out.en = e.what();
    } else {
      out = message(T::error_service_unreachable);
    }
    out.detail = e.what();
    return out;
  } catch (const client::ConfigError& e) {
    // Each language gets the configuration's own sentence in that language.
    ErrorText out;
    out.zh = fmt::format(fmt::runtime(tr_in(T::error_config, Language::zh_CN)), e.message_zh());
    out.en = fmt::format(fmt::runtime(tr_in(T::error_config, Language::en)), e.what());
    out.detail = e.key().empty() ? "" : "key: " + e.key();
    return out;
  } catch (const token::TokenError& e) {
    ErrorText out = e.code() == token::TokenErrc::token_not_present
                        ? message(T::error_token_gone)
                        : message(T::error_unexpected, e.what());
    out.detail = e.what();
    return out;
  } catch (const std::exception& e) {
    ErrorText out = message(T::error_unexpected, e.what());
    out.detail = e.what();
    return out;
  } catch (...) {
    return message(T::error_unexpected, "?");
  }
}

}  // namespace certrenew::gui
