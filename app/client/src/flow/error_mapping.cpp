#include "error_mapping.hpp"

#include <string>

namespace certrenew::client {

using K = FlowError::Kind;

FlowError token_locked_error() {
  return FlowError(
      K::pin_locked,
      "The token is locked after too many wrong PINs. It cannot be used until it is "
      "unblocked; bring it to the CA's service hall.",
      "证书介质因多次输入错误密码已被锁定，无法继续使用。请携带证书介质到营业厅解锁。");
}

FlowError from_token_error(const token::TokenError& e) {
  using token::TokenErrc;
  switch (e.code()) {
    case TokenErrc::pin_incorrect: {
      auto left = e.retries_left();
      if (left && *left == 0) return token_locked_error().with_retries(0);
      std::string en = "The PIN is incorrect.";
      std::string zh = "证书密码（PIN）错误。";
      if (left) {
        en += " " + std::to_string(*left) + (*left == 1 ? " try" : " tries") + " left.";
        zh += "还可尝试 " + std::to_string(*left) + " 次。";
        if (*left == 1) {
          en += " One more wrong PIN locks the token.";
          zh += "再输错一次，证书介质将被锁定。";
        }
      } else {
        en += " The token does not say how many tries are left.";
        zh += "该证书介质不提供剩余尝试次数。";
      }
      return FlowError(K::pin_incorrect, en, zh).with_retries(left);
    }
    case TokenErrc::pin_locked:
      return token_locked_error().with_retries(0);
    case TokenErrc::pin_invalid:
      return FlowError(K::pin_invalid,
                       "The PIN is empty or not in the form this token accepts; it was not sent "
                       "to the token, so no try was used.",
                       "密码为空或格式不符合该证书介质的要求，未提交给证书介质，未消耗尝试次数。");
    case TokenErrc::token_not_present:
      return FlowError(K::token_missing,
                       "The token was removed. Plug it in again and repeat the step.",
                       "证书介质已被拔出。请重新插入后重试此步骤。");
    default:
      return FlowError(K::token_failure, std::string("The token reported an error: ") + e.what(),
                       std::string("证书介质报告错误：") + e.what());
  }
}

FlowError from_service_error(const ServiceError& e) {
  using SK = ServiceError::Kind;
  switch (e.kind()) {
    case SK::http:
      break;
    case SK::tls:
      return FlowError(K::service_unreachable,
                       std::string("The renewal service's identity could not be verified (TLS), "
                                   "so nothing was sent. ") +
                           e.what(),
                       "无法验证续期服务的身份（TLS），未发送任何数据。")
          .with_detail(e.what());
    case SK::bad_endpoint:
      return FlowError(K::service_unreachable,
                       std::string("The renewal service's address or trust file is unusable: ") +
                           e.what(),
                       "续期服务的地址或信任证书文件无法使用，请检查配置。")
          .with_detail(e.what());
    default:
      return FlowError(K::service_unreachable,
                       std::string("The renewal service cannot be reached; nothing was changed. ") +
                           e.what(),
                       "无法连接续期服务，未做任何更改。请检查网络后重试。")
          .with_detail(e.what());
  }
  const std::string& code = e.code();
  // The service's own Chinese, or a sentence of ours: never its English in the Chinese message.
  std::string zh = !e.message_zh().empty()
                       ? e.message_zh()
                       : "续期服务未能处理该请求（状态码 " + std::to_string(e.http_status()) +
                             "），请稍后重试。";
  FlowError out(K::service_refused, e.what(), zh);
  if (code == "certificate_expired")
    out = FlowError(K::expired, e.what(), zh);
  else if (code == "renewal_window_not_open")
    out = FlowError(K::too_early, e.what(), zh);
  else if (code == "application_open") {
    out = FlowError(K::application_open, e.what(), zh);
    const auto& d = e.details();
    if (d.is_object() && d.contains("business_no") && d["business_no"].is_string())
      out.with_detail(d["business_no"].get<std::string>());
  } else if (code == "validation_failed") {
    std::vector<FieldProblem> problems;
    const auto& d = e.details();
    if (d.is_object() && d.contains("fields") && d["fields"].is_array())
      for (const auto& f : d["fields"])
        problems.push_back({f.value("field", ""), f.value("reason", ""), f.value("message", ""),
                            f.value("message_zh", "")});
    out = FlowError(K::form_invalid, e.what(), zh);
    out.with_problems(std::move(problems));
  }
  out.with_service_code(code);
  return out;
}

bool is_definite_refusal(const ServiceError& e) {
  return e.kind() == ServiceError::Kind::http && e.http_status() >= 400 && e.http_status() < 500 &&
         !e.code().empty();
}

FlowError submission_kept_error(const ServiceError& e) {
  return FlowError(K::service_unreachable,
                   std::string("The signed application did not get an answer from the renewal "
                               "service (") +
                       e.what() +
                       "). It is kept on this computer with its new key and sent again when you "
                       "submit again; the service answers it with the same application.",
                   "已签署的申请未得到续期服务的答复。申请及其新密钥已保存在本机，再次提交时将"
                   "重新发送，续期服务会返回同一份申请。")
      .with_detail(e.what());
}

FlowError with_key_kept(const FlowError& e) {
  FlowError out(e.kind(),
                e.message_en() +
                    " The new key already generated on the token is kept and used again when you "
                    "retry.",
                e.message_zh() + "证书介质上已生成的新密钥已保留，重试时将继续使用。");
  out.with_retries(e.retries_left()).with_service_code(e.service_code()).with_detail(e.detail());
  out.with_problems(e.problems());
  return out;
}

}  // namespace certrenew::client
