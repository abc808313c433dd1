#include "service/form_check.hpp"

#include "certrenew/core/forms/money.hpp"
#include "certrenew/core/forms/validators.hpp"
#include "service/api_error.hpp"

namespace certrenew::server {

using nlohmann::json;
namespace forms = certrenew::forms;

namespace {

// Collects every failure so the applicant can fix the whole form in one go.
class Problems {
 public:
  std::string check(const json& object, const std::string& where, const char* key,
                    forms::Validation (*validate)(std::string_view)) {
    std::string field = where + "." + key;
    if (!object.is_object() || !object.contains(key) || !object.at(key).is_string()) {
      add(field, forms::Reason::empty);
      return {};
    }
    forms::Validation v = validate(object.at(key).get<std::string>());
    if (!v.ok()) add(field, v.reason);
    return v.value;
  }

  void add(const std::string& field, forms::Reason reason) {
    list_.push_back({{"field", field},
                     {"reason", forms::reason_id(reason)},
                     {"message", forms::message(reason, forms::Lang::en)},
                     {"message_zh", forms::message(reason, forms::Lang::zh_CN)}});
  }

  void add_text(const std::string& field, const std::string& reason, const std::string& en,
                const std::string& zh) {
    list_.push_back({{"field", field}, {"reason", reason}, {"message", en}, {"message_zh", zh}});
  }

  void throw_if_any() const {
    if (!list_.empty())
      throw ApiError(422, "validation_failed", "some fields need correcting",
                     "部分信息填写有误，请修改", {{"fields", list_}});
  }

 private:
  json list_ = json::array();
};

forms::Validation resident_id(std::string_view text) {
  return forms::validate_resident_id(text);
}
forms::Validation account(std::string_view text) {
  forms::Validation v = forms::validate_text(text, 40);
  if (!v.ok()) return v;
  for (char c : v.value)
    if (!(c >= '0' && c <= '9') && c != ' ' && c != '-')
      return forms::Validation::invalid(forms::Reason::control_character);
  return v;
}
forms::Validation payer_name(std::string_view text) {
  return forms::validate_text(text, 60);
}
forms::Validation remarks(std::string_view text) {
  return forms::validate_text(text, 200, false);
}

}  // namespace

json check_application_form(const json& content) {
  Problems p;
  const json op = content.contains("operator") ? content.at("operator") : json();
  const json rc = content.contains("recipient") ? content.at("recipient") : json();
  json out;
  if (!op.is_object() || op.value("id_type", std::string()) != "resident_id")
    p.add_text("operator.id_type", "id_type.unsupported",
               "the operator's ID type must be resident_id (居民身份证)",
               "经办人证件类型须为居民身份证");
  out["operator"] = {{"id_type", "resident_id"},
                     {"id_number", p.check(op, "operator", "id_number", resident_id)},
                     {"name", p.check(op, "operator", "name", forms::validate_person_name)},
                     {"mobile", p.check(op, "operator", "mobile", forms::validate_mobile)},
                     {"email", p.check(op, "operator", "email", forms::validate_email)}};
  out["recipient"] = {{"name", p.check(rc, "recipient", "name", forms::validate_person_name)},
                      {"mobile", p.check(rc, "recipient", "mobile", forms::validate_mobile)},
                      {"address", p.check(rc, "recipient", "address", forms::validate_address)}};
  p.throw_if_any();
  return out;
}

std::vector<BankTransferRecord> check_bank_transfers(const json& records,
                                                     std::chrono::system_clock::time_point now) {
  if (!records.is_array())
    throw ApiError(400, "malformed_json", "records must be a list", "转账记录必须是列表");
  if (records.size() > 10)
    throw ApiError(422, "too_many_records", "at most 10 bank transfer records",
                   "最多登记10条转账记录");
  Problems p;
  std::vector<BankTransferRecord> out;
  const auto today = std::chrono::floor<std::chrono::days>(now);
  for (std::size_t i = 0; i < records.size(); ++i) {
    const json& r = records[i];
    const std::string where = "records[" + std::to_string(i) + "]";
    BankTransferRecord t;
    t.payer_account = p.check(r, where, "payer_account", account);
    t.payer_name = p.check(r, where, "payer_name", payer_name);
    t.remarks = r.is_object() && r.contains("remarks") ? p.check(r, where, "remarks", remarks) : "";
    if (r.is_object() && r.contains("amount") && r.at("amount").is_string()) {
      forms::MoneyParse m = forms::parse_money(r.at("amount").get<std::string>());
      if (!m.ok())
        p.add(where + ".amount", m.reason);
      else if (m.money.fen() <= 0)
        p.add(where + ".amount", forms::Reason::money_bad_format);
      else
        t.amount_fen = m.money.fen();
    } else {
      p.add(where + ".amount", forms::Reason::empty);
    }
    // The date the money was sent: a real date, not in the future, within the last year.
    std::string date = r.is_object() ? r.value("paid_on", std::string()) : std::string();
    int y = 0;
    unsigned m = 0, d = 0;
    bool ok = date.size() == 10 && std::sscanf(date.c_str(), "%4d-%2u-%2u", &y, &m, &d) == 3;
    std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m},
                                    std::chrono::day{d}};
    if (!ok || !ymd.ok() || std::chrono::sys_days(ymd) > today + std::chrono::days(1) ||
        std::chrono::sys_days(ymd) < today - std::chrono::days(366)) {
      p.add_text(where + ".paid_on", "date.invalid",
                 "the payment date must be yyyy-mm-dd, within the last year and not in the future",
                 "付款日期须为近一年内的有效日期（yyyy-mm-dd），且不能晚于今天");
    } else {
      t.paid_on = date;
    }
    out.push_back(std::move(t));
  }
  p.throw_if_any();
  return out;
}

std::string mask_id_number(const json& id_number) {
  if (!id_number.is_string()) return "";
  std::string s = id_number.get<std::string>();
  if (s.size() <= 10) return std::string(s.size(), '*');
  return s.substr(0, 6) + std::string(s.size() - 10, '*') + s.substr(s.size() - 4);
}

}  // namespace certrenew::server
