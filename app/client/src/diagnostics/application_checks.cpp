#include "certrenew/client/diagnostics/application_checks.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>

#include "../flow/leftover_keys.hpp"
#include "certrenew/core/x509/certificate.hpp"
#include "certrenew/core/x509/time_format.hpp"

namespace certrenew::client::diagnostics {

using nlohmann::json;

namespace {

Check application_line(Status status, std::string id, Text title, Text sentence, json details) {
  return {Area::applications, std::move(id),       status,
          std::move(title),   std::move(sentence), std::move(details)};
}

Text state_sentence(const ApplicationRecord& r, Status& status) {
  using protocol::BusinessState;
  const std::string state_en{protocol::label_en(r.business_state)};
  const std::string state_zh{protocol::label_zh(r.business_state)};
  const std::string pay_en{protocol::label_en(r.payment_state)};
  const std::string pay_zh{protocol::label_zh(r.payment_state)};
  const std::string at = format_utc_iso(r.updated_at);
  status = Status::green;
  if (r.phase == LocalPhase::installing_written) {
    status = Status::amber;
    return {fmt::format("The new certificate is already on token {} but the service has not been "
                        "told (last update {}). Open CertRenew with this token plugged in: it "
                        "finishes the installation.",
                        r.token_id, at),
            fmt::format("新证书已写入介质 {}，但尚未通知服务（最后更新 {}）。请插入该介质并打开 "
                        "CertRenew，程序会完成安装。",
                        r.token_id, at)};
  }
  if (r.business_state == BusinessState::approved) {
    status = Status::amber;
    return {fmt::format("Approved: the new certificate is ready (last update {}). Open CertRenew "
                        "with token {} plugged in and install it.",
                        at, r.token_id),
            fmt::format("已审核通过，新证书已就绪（最后更新 {}）。请插入介质 {} 并打开 CertRenew "
                        "安装证书。",
                        at, r.token_id)};
  }
  if (r.business_state == BusinessState::rejected) {
    status = Status::amber;
    return {
        fmt::format("Rejected by the CA (last update {}). The app shows the reason; apply "
                    "again or contact the CA.",
                    at),
        fmt::format("已被 CA 驳回（最后更新 {}）。程序中可查看原因；请重新申请或联系 CA。", at)};
  }
  return {fmt::format("{}; payment state: {} (last update {}).", state_en, pay_en, at),
          fmt::format("{}，{}（最后更新 {}）。", state_zh, pay_zh, at)};
}

}  // namespace

json application_summary(const ApplicationRecord& r) {
  json summary = {{"business_no", r.business_no},
                  {"business_state", protocol::code(r.business_state)},
                  {"payment_state", protocol::code(r.payment_state)},
                  {"local_phase", code(r.phase)},
                  {"service_url", r.service_url},
                  {"token_id", r.token_id},
                  {"period_months", r.period_months},
                  {"created_at", format_utc_iso(r.created_at)},
                  {"updated_at", format_utc_iso(r.updated_at)},
                  {"issued_certificate_downloaded", r.issued_certificate.has_value()}};
  try {
    const x509::Certificate old = x509::parse_certificate(r.old_certificate);
    summary["old_certificate"] = {{"subject", old.subject.display()},
                                  {"serial", old.serial_hex},
                                  {"not_after", x509::format_utc(old.not_after)}};
  } catch (const x509::CertificateError& e) {
    summary["old_certificate"] = {{"error", e.what()}};
  }
  return summary;
}

std::vector<Check> application_checks(const RecordListing& listing) {
  std::vector<Check> checks;
  for (const ApplicationRecord& r : listing.records) {
    Status status = Status::green;
    Text sentence = state_sentence(r, status);
    checks.push_back(application_line(status, "application",
                                      {"Application " + r.business_no, "申请 " + r.business_no},
                                      std::move(sentence), application_summary(r)));
  }
  for (const UnreadableRecord& bad : listing.unreadable) {
    checks.push_back(application_line(
        Status::red, "application.unreadable",
        {"Unreadable record " + bad.file.filename().string(),
         "无法读取的记录 " + bad.file.filename().string()},
        {fmt::format("The record {} cannot be read ({}). Do not delete it: it may be the only "
                     "link to a paid application. Send this report to support.",
                     bad.file.string(), bad.reason),
         fmt::format("记录 {} 无法读取（{}）。请不要删除它：它可能是已付款申请的唯一凭据。"
                     "请将本报告发给技术支持。",
                     bad.file.string(), bad.reason)},
        {{"file", bad.file.string()}, {"reason", bad.reason}}));
  }
  if (checks.empty()) {
    checks.push_back(application_line(
        Status::green, "applications.none", {"Applications", "申请"},
        {"No renewal application was started on this computer.", "本机没有进行中的续期申请。"},
        json::object()));
  }
  return checks;
}

std::vector<Check> leftover_key_checks(const std::filesystem::path& store_folder) {
  std::map<std::string, std::vector<LeftoverKey>> by_token;
  for (LeftoverKey& k : LeftoverKeys(store_folder).all())
    by_token[k.token_id].push_back(std::move(k));
  std::vector<Check> checks;
  for (const auto& [token, keys] : by_token) {
    std::vector<std::string> applications;
    json reasons = json::array();
    for (const LeftoverKey& k : keys) {
      if (!k.business_no.empty()) applications.push_back(k.business_no);
      reasons.push_back({{"business_no", k.business_no}, {"reason", k.reason}});
    }
    const std::string which = applications.empty()
                                  ? std::string()
                                  : " (" + fmt::format("{}", fmt::join(applications, ", ")) + ")";
    checks.push_back(application_line(
        Status::amber, "applications.leftover_keys",
        {"Unused keys on token " + token, "介质 " + token + " 上的未用密钥"},
        {fmt::format("{} key(s) made for applications that ended unused{} are still on token {}. "
                     "CertRenew deletes them the next time the PIN is entered for this token "
                     "(signing or installing); that also frees room if making a new key fails "
                     "for lack of space.",
                     keys.size(), which, token),
         fmt::format(
             "为已结束且未使用的申请{}生成的 {} 个密钥仍在介质 {} 上。下次为该介质输入密码"
             "（签名或安装）时 CertRenew 会删除它们；如因空间不足无法生成新密钥，这也会腾出空间。",
             which.empty() ? "" : "（" + fmt::format("{}", fmt::join(applications, "、")) + "）",
             keys.size(), token)},
        {{"token_id", token}, {"count", keys.size()}, {"applications", reasons}}));
  }
  return checks;
}

}  // namespace certrenew::client::diagnostics
