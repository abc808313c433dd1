#include "service/form_check.hpp"

#include "certrenew/core/forms/money.hpp"
#include "certrenew/core/forms/validators.hpp"
#include "certrenew/core/protocol/application_form.hpp"
#include "certrenew/core/time/utc_time.hpp"
#include "service/api_error.hpp"
#include "service/service_text.hpp"

namespace certrenew::server {

using nlohmann::json;
namespace forms = certrenew::forms;

namespace {

// Collects every failure so the applicant can fix the whole form in one go.
class Problems {
 public:
  std::string check(const std::string& field, const std::string& value,
                    forms::Validation (*validate)(std::string_view)) {
    forms::Validation v = validate(value);
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
  void add_text(const std::string& field, const std::string& reason, const Text& text) {
    add_text(field, reason, text.en, text.zh);
  }

  void throw_if_any() const {
    if (!list_.empty())
      throw service_error(422, "validation_failed", "form.needs_correcting", {},
                          {{"fields", list_}});
  }

 private:
  json list_ = json::array();
};

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

json check_application_form(const protocol::OperatorInfo& op, const protocol::RecipientInfo& rc,
                            std::chrono::sys_days today) {
  protocol::ApplicationForm form{op, rc};
  Problems p;
  for (const auto& problem : protocol::check_application_form(form, today))
    p.add_text(problem.field, problem.reason, problem.message_en, problem.message_zh);
  p.throw_if_any();
  return {{"operator", protocol::encode(form.operator_info)},
          {"recipient", protocol::encode(form.recipient)}};
}

std::vector<BankTransferRecord> check_bank_transfers(
    const std::vector<protocol::BankTransferRecord>& records,
    std::chrono::system_clock::time_point now) {
  if (records.size() > protocol::kMaxBankTransfers)
    throw service_error(422, "too_many_records", "transfers.too_many");
  Problems p;
  std::vector<BankTransferRecord> out;
  const UtcTime today = *UtcTime::parse_date(UtcTime::from(now).date());
  for (std::size_t i = 0; i < records.size(); ++i) {
    const protocol::BankTransferRecord& r = records[i];
    const std::string where = "records[" + std::to_string(i) + "]";
    BankTransferRecord t;
    t.payer_account = p.check(where + ".payer_account", r.payer_account, account);
    t.payer_name = p.check(where + ".payer_name", r.payer_name, payer_name);
    t.remarks = p.check(where + ".remarks", r.remarks, remarks);
    forms::MoneyParse m = forms::parse_money(r.amount);
    if (!m.ok())
      p.add(where + ".amount", m.reason);
    else if (m.money.fen() <= 0)
      p.add(where + ".amount", forms::Reason::money_bad_format);
    else
      t.amount_fen = m.money.fen();
    // The date the money was sent: a real date, not in the future, within the last year.
    const auto paid_on = UtcTime::parse_date(r.paid_on);
    constexpr std::int64_t kDay = 86400;
    if (!paid_on || seconds_between(today, *paid_on) > kDay ||
        seconds_between(*paid_on, today) > 366 * kDay) {
      p.add_text(where + ".paid_on", "date.invalid", service_text("transfers.paid_on_invalid"));
    } else {
      t.paid_on = r.paid_on;
    }
    out.push_back(std::move(t));
  }
  p.throw_if_any();
  return out;
}

void check_transfer_amounts(const std::vector<BankTransferRecord>& transfers, forms::Money due) {
  const std::optional<forms::Money> bound = due.times(100);
  Problems p;
  for (std::size_t i = 0; i < transfers.size(); ++i)
    if (!bound || forms::Money::from_fen(transfers[i].amount_fen) > *bound)
      p.add_text("records[" + std::to_string(i) + "].amount", "amount.implausible",
                 service_text("transfers.amount_implausible"));
  p.throw_if_any();
}

std::string mask_id_number(const json& id_number) {
  if (!id_number.is_string()) return "";
  std::string s = id_number.get<std::string>();
  if (s.size() <= 10) return std::string(s.size(), '*');
  return s.substr(0, 6) + std::string(s.size() - 10, '*') + s.substr(s.size() - 4);
}

}  // namespace certrenew::server
