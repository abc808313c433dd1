#pragma once
// The answers of docs/protocol.md's public endpoints (info, agreement, fees) and the error shape
// every endpoint answers with, as typed messages: the service builds them and encodes, the client
// decodes. Each decoder reads through Field (DecodeError naming the field path of the first
// problem, nothing else thrown) and ignores members it does not know, so that a newer service can
// add some; each encoder writes every member its decoder reads.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "certrenew/core/bytes.hpp"
#include "certrenew/core/forms/money.hpp"
#include "certrenew/core/protocol/json_field.hpp"
#include "certrenew/core/text/language.hpp"
#include "certrenew/core/time/utc_time.hpp"

namespace certrenew::protocol {

// A text the service shows in both languages: {"zh": "…", "en": "…"}.
struct LocalizedText {
  std::string zh;
  std::string en;
  const std::string& in(Language language) const { return language == Language::en ? en : zh; }
  bool operator==(const LocalizedText&) const = default;
};
LocalizedText decode_localized_text(const Field& field);
nlohmann::json encode(const LocalizedText& text);

// A coded choice with its display names: {"code": "cash_on_delivery", "zh": "货到付款", "en": …}.
struct CodedText : LocalizedText {
  std::string code;
  bool operator==(const CodedText&) const = default;
};
CodedText decode_coded_text(const Field& field);
nlohmann::json encode(const CodedText& text);

// GET /info
struct ServiceInfo {
  int api_version = 1;
  UtcTime server_time;
  LocalizedText service_name;  // on the wire {"zh-CN": …, "en": …}
  std::string ca_subject;
  Bytes ca_certificate;  // DER: the anchor an issued certificate must chain to
  std::string agreement_version;
  int renewal_window_days = 0;                 // 0: any time while valid
  std::vector<std::string> allowed_key_types;  // "rsa", "ec_p256", "sm2"
  bool allow_key_reuse = false;
  std::string sm2_signer_id;
  int max_clock_skew_seconds = 0;
  // Issue 21: which renewals get an SM2 encryption certificate too: "when-present",
  // "always-sm2" or "never" (also what an older service that does not say it means).
  std::string dual_certificates = "never";
};
ServiceInfo decode_service_info(const nlohmann::json& json);
nlohmann::json encode(const ServiceInfo& info);

// GET /agreement?lang=
struct AgreementText {
  std::string version;
  std::string language;
  std::string sha256;  // hex of the text's UTF-8 bytes, as the service computed it
  std::string text;    // Markdown
};
AgreementText decode_agreement_text(const nlohmann::json& json);
nlohmann::json encode(const AgreementText& agreement);

// One line of the 详细信息 (details) table: 证书服务费用 100.00元/年 × 2 = 200.00元.
struct FeeItem {
  std::string code;    // stable machine name, e.g. "certificate_service"
  LocalizedText name;  // on the wire name_zh and name_en
  forms::Money unit_price;
  std::string unit;  // "year"
  int quantity = 0;
  forms::Money subtotal;
};

// A renewal period and what it costs. A period no longer offered is quoted by its total only
// (an application's fees when the schedule changed after it was submitted).
struct FeePeriod {
  int period_months = 0;
  forms::Money total;
  std::vector<FeeItem> items;
};
FeePeriod decode_fee_period(const Field& field);
nlohmann::json encode(const FeePeriod& period);

// The account bank transfers go to.
struct BankAccount {
  std::string company;
  std::string account;
  std::string bank;
};
BankAccount decode_bank_account(const Field& field);
nlohmann::json encode(const BankAccount& account);

// GET /fees
struct FeeSchedule {
  std::string currency = "CNY";
  forms::Money price_per_year;
  std::vector<FeePeriod> periods;  // as offered, shortest first
  CodedText delivery;
  CodedText invoice_type;
  BankAccount bank_account;

  const FeePeriod* period(int months) const;  // nullptr when not offered
};
FeeSchedule decode_fee_schedule(const nlohmann::json& json);
nlohmann::json encode(const FeeSchedule& fees);

// Every refusal: {"error": {"code", "message", "message_zh", "details"?}}.
struct ErrorAnswer {
  std::string code;        // stable, documented in docs/protocol.md
  std::string message;     // English
  std::string message_zh;  // Chinese
  nlohmann::json details;  // null when there are none
};
ErrorAnswer decode_error_answer(const nlohmann::json& json);
nlohmann::json encode(const ErrorAnswer& error);

}  // namespace certrenew::protocol
