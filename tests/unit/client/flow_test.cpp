// The flow library's pieces that need no server: form checks, parsing the service's answers,
// error wording, the outbox of lost submissions, and the state machine refusing actions out of
// order without touching anything.
#include <doctest/doctest.h>

#include <cctype>
#include <fstream>

#include "certrenew/client/flow/renewal_flow.hpp"
#include "error_mapping.hpp"
#include "leftover_keys.hpp"
#include "sample_form.hpp"
#include "submission_outbox.hpp"
#include "test_pki.hpp"  // TempDir
#include "test_pki.hpp"
#include "text_file.hpp"

using namespace certrenew;
using namespace certrenew::client;
using nlohmann::json;

namespace {

FeeSchedule fees_12_24() {
  FeeSchedule f;
  f.periods = {{12, forms::Money::from_fen(10000), {}}, {24, forms::Money::from_fen(20000), {}}};
  return f;
}

using sample::good_form;

const auto kToday = std::chrono::sys_days(std::chrono::year(2026) / 11 / 24);

// Two Latin letters in a row: an English word (or an internal name) in a Chinese message.
bool has_latin_word(const std::string& text) {
  for (std::size_t i = 0; i + 1 < text.size(); ++i)
    if (std::isalpha(static_cast<unsigned char>(text[i])) &&
        std::isalpha(static_cast<unsigned char>(text[i + 1])))
      return true;
  return false;
}

Bytes some_certificate() {
  auto key = testing::make_key(testing::KeyKind::ec_p256);
  testing::CertSpec spec;
  spec.subject = {{"CN", "胡某"}};
  spec.not_before = std::chrono::system_clock::now() - std::chrono::hours(1);
  spec.not_after = spec.not_before + std::chrono::days(30);
  return testing::cert_der(testing::issue_cert(spec, key.get(), nullptr, key.get()).get());
}

json application_view_json() {
  json state = {{"code", "entered"}, {"zh", "已录入"}, {"en", "Submitted"}};
  json pay = {{"code", "unpaid"}, {"zh", "未支付"}, {"en", "Unpaid"}};
  return {{"business_no", "01202611240000001"},
          {"state", state},
          {"payment_state", pay},
          {"created_at", "2026-11-24T02:00:00Z"},
          {"updated_at", "2026-11-24T02:00:00Z"},
          {"period_months", 24},
          {"certificate", {{"serial", "01"}, {"subject", "CN=胡某"}, {"not_after", "x"}}},
          {"recipient", {{"name", "胡某"}, {"mobile", "13800138000"}, {"address", "佛山市"}}},
          {"order",
           {{"order_no", "202611240001"},
            {"trade_type", {{"zh", "消费"}, {"en", "Purchase"}}},
            {"trade_state", pay},
            {"order_state", {{"zh", "正常"}, {"en", "Normal"}}},
            {"created_at", "2026-11-24T02:00:00Z"}}},
          {"fees",
           {{"period_months", 24},
            {"total_fen", 20000},
            {"items",
             {{{"code", "certificate_service"},
               {"name_zh", "证书服务费用"},
               {"name_en", "Certificate service fee"},
               {"unit_price_fen", 10000},
               {"unit", "year"},
               {"quantity", 2},
               {"subtotal_fen", 20000}}}}}},
          {"total_fen", 20000},
          {"delivery", {{"zh", "货到付款"}, {"en", "Cash on delivery"}}},
          {"invoice_type", {{"zh", "普通定额发票"}, {"en", "Plain"}}},
          {"bank_account", {{"company", "某公司"}, {"account", "7443"}, {"bank", "某银行"}}},
          {"bank_transfers",
           {{{"payer_account", "6222"},
             {"payer_name", "某"},
             {"amount_fen", 20000},
             {"paid_on", "2026-11-24"},
             {"remarks", ""}}}},
          {"actions",
           {{"cancel", true}, {"bank_transfer", true}, {"pay_online", true}, {"install", false}}}};
}

}  // namespace

TEST_CASE("the form: every problem is named by field, in both languages") {
  CHECK(validate_form(good_form(), fees_12_24(), kToday).empty());

  RenewalForm bad = good_form();
  bad.period_months = 18;
  bad.operator_info.id_number = "110105194912310021";  // wrong check character
  bad.operator_info.email = "hu@";
  bad.recipient.address = "佛山";
  auto problems = validate_form(bad, fees_12_24(), kToday);
  REQUIRE(problems.size() == 4);
  CHECK(problems[0].field == "period_months");
  CHECK(problems[0].reason == "period_not_offered");
  CHECK(problems[1].field == "operator.id_number");
  CHECK(problems[1].reason == "resident_id.bad_checksum");
  CHECK_FALSE(problems[1].message_zh.empty());
  CHECK_FALSE(problems[1].message_en.empty());
  CHECK(problems[2].field == "operator.email");
  CHECK(problems[3].field == "recipient.address");

  CHECK(validate_field(bad, "operator.name", fees_12_24(), kToday) == std::nullopt);
  CHECK(validate_field(bad, "operator.email", fees_12_24(), kToday)->reason == problems[2].reason);
  CHECK_THROWS_AS(validate_field(bad, "operator.shoe_size", fees_12_24(), kToday),
                  std::invalid_argument);
}

TEST_CASE("the form: normalised values, copy from the operator, and the JSON file") {
  RenewalForm f = good_form();
  CHECK(normalised(f, kToday).operator_info.mobile == "13800138000");

  RenewalForm copy;
  copy.operator_info = f.operator_info;
  copy.recipient.address = "广东省佛山市";
  copy.copy_operator_to_recipient();
  CHECK(copy.recipient.name == "胡某");
  CHECK(copy.recipient.mobile == f.operator_info.mobile);
  CHECK(copy.recipient.address == "广东省佛山市");  // 从经办人处拷贝 leaves the address alone

  CHECK(renewal_form_from_json(to_json(f)) == f);
  CHECK_THROWS_WITH_AS(renewal_form_from_json({{"periods", 12}}), doctest::Contains("periods"),
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(
      renewal_form_from_json({{"operator", {{"name", 7}}}, {"recipient", json::object()}}),
      doctest::Contains("operator.name"), std::invalid_argument);
  CHECK_THROWS_AS(renewal_form_from_json(json::array()), std::invalid_argument);
}

TEST_CASE("the service's answers are parsed, and a missing key is named") {
  auto view = parse_application_view(application_view_json());
  CHECK(view.business_no == "01202611240000001");
  CHECK(view.state == protocol::BusinessState::entered);
  CHECK(view.total.fen() == 20000);
  REQUIRE(view.fees.items.size() == 1);
  CHECK(view.fees.items[0].name.zh == "证书服务费用");
  REQUIRE(view.bank_transfers.size() == 1);
  CHECK(view.bank_transfers[0].amount.to_string() == "200.00");
  CHECK(view.actions.cancel);
  CHECK_FALSE(view.actions.install);

  for (const char* key : {"business_no", "state", "actions", "total_fen", "order"}) {
    json broken = application_view_json();
    broken.erase(key);
    CAPTURE(key);
    try {
      parse_application_view(broken);
      FAIL("accepted a view without " << key);
    } catch (const ServiceError& e) {
      CHECK(e.kind() == ServiceError::Kind::protocol);
      CHECK(std::string(e.what()).find(key) != std::string::npos);
    }
  }
  json unknown_state = application_view_json();
  unknown_state["state"]["code"] = "teleported";
  CHECK_THROWS_AS(parse_application_view(unknown_state), ServiceError);
}

TEST_CASE("wrong-typed fields in answers are the client's own errors, naming the field") {
  json wrong = application_view_json();
  wrong["fees"]["items"][0]["quantity"] = "2";
  CHECK_THROWS_WITH_AS(parse_application_view(wrong),
                       doctest::Contains("fees.items[0].quantity: expected a whole number"),
                       ServiceError);
  wrong = application_view_json();
  wrong["period_months"] = 4294967308ULL;  // never truncated to 12
  CHECK_THROWS_WITH_AS(parse_application_view(wrong),
                       doctest::Contains("period_months: out of range"), ServiceError);
  wrong = application_view_json();
  wrong["total_fen"] = -1;
  CHECK_THROWS_AS(parse_application_view(wrong), ServiceError);

  // An error answer whose fields have the wrong types: still a ServiceError(http) with the
  // status, so the flow's error mapping runs (it used to escape as a JSON type error).
  for (const json& answer :
       {json{{"error", {{"code", 7}, {"message", "x"}, {"message_zh", "x"}}}},
        json{{"error", {{"code", "not_found"}, {"message", json::array()}}}},
        json{{"error", "gone"}}, json(nullptr), json{{"error", {{"details", 1e300}}}}}) {
    CAPTURE(answer.dump());
    const ServiceError e = error_from_answer(409, answer);
    CHECK(e.kind() == ServiceError::Kind::http);
    CHECK(e.http_status() == 409);
    CHECK(from_service_error(e).kind() != FlowError::Kind::service_unreachable);
  }
  const ServiceError named = error_from_answer(
      404, {{"error", {{"code", "not_found"}, {"message", "no such"}, {"message_zh", "无"}}}});
  CHECK(named.code() == "not_found");
  CHECK(named.message_zh() == "无");
}

TEST_CASE("token and service errors become messages a person can act on") {
  using token::TokenErrc;
  auto one_left = from_token_error(token::TokenError(TokenErrc::pin_incorrect, "login", "", {}, 1));
  CHECK(one_left.kind() == FlowError::Kind::pin_incorrect);
  CHECK(one_left.retries_left() == 1);
  CHECK(one_left.message_en().find("One more wrong PIN locks the token") != std::string::npos);
  CHECK(one_left.message_zh().find("锁定") != std::string::npos);
  CHECK(one_left.message_en() ==
        "The PIN is incorrect. 1 try left. One more wrong PIN locks the token.");
  CHECK(one_left.message_zh() ==
        "证书密码（PIN）错误。还可尝试 1 次。再输错一次，证书介质将被锁定。");
  auto three_left =
      from_token_error(token::TokenError(TokenErrc::pin_incorrect, "login", "", {}, 3));
  CHECK(three_left.message_en() == "The PIN is incorrect. 3 tries left.");
  CHECK(three_left.message_zh() == "证书密码（PIN）错误。还可尝试 3 次。");
  auto unknown = from_token_error(token::TokenError(TokenErrc::pin_incorrect, "login", ""));
  CHECK_FALSE(unknown.retries_left());
  CHECK(unknown.message_en() ==
        "The PIN is incorrect. The token does not say how many tries are left.");
  CHECK(unknown.message_zh() == "证书密码（PIN）错误。该证书介质不提供剩余尝试次数。");
  CHECK(from_token_error(token::TokenError(TokenErrc::pin_incorrect, "login", "", {}, 0)).kind() ==
        FlowError::Kind::pin_locked);
  CHECK(from_token_error(token::TokenError(TokenErrc::pin_locked, "login", "")).kind() ==
        FlowError::Kind::pin_locked);
  CHECK(from_token_error(token::TokenError(TokenErrc::token_not_present, "x", "")).kind() ==
        FlowError::Kind::token_missing);

  json details = {{"fields",
                   {{{"field", "operator.mobile"},
                     {"reason", "mobile.bad_prefix"},
                     {"message", "bad"},
                     {"message_zh", "错"}}}}};
  auto refused = from_service_error(
      ServiceError(ServiceError::Kind::http, "invalid", 422, "validation_failed", "无效", details));
  CHECK(refused.kind() == FlowError::Kind::form_invalid);
  REQUIRE(refused.problems().size() == 1);
  CHECK(refused.problems()[0].field == "operator.mobile");
  auto open =
      from_service_error(ServiceError(ServiceError::Kind::http, "open", 409, "application_open",
                                      "已有", {{"business_no", "01202611240000009"}}));
  CHECK(open.kind() == FlowError::Kind::application_open);
  CHECK(open.detail() == "01202611240000009");
  CHECK(from_service_error(ServiceError(ServiceError::Kind::tls, "bad cert")).kind() ==
        FlowError::Kind::service_unreachable);
}

TEST_CASE("only a definite refusal discards a kept submission; anything else is sent again") {
  using SK = ServiceError::Kind;
  // 4xx with the protocol's error code: the service holds nothing and never will.
  CHECK(is_definite_refusal(ServiceError(SK::http, "expired", 422, "certificate_expired", "过期")));
  CHECK(is_definite_refusal(ServiceError(SK::http, "bad", 400, "bad_request")));
  // Anything that may have come after the service committed the application.
  CHECK_FALSE(is_definite_refusal(ServiceError(SK::http, "oops", 500, "internal")));
  CHECK_FALSE(is_definite_refusal(ServiceError(SK::http, "busy", 503)));
  CHECK_FALSE(is_definite_refusal(ServiceError(SK::http, "proxy", 404)));  // no code: not ours
  CHECK_FALSE(is_definite_refusal(ServiceError(SK::timeout, "no answer")));
  CHECK_FALSE(is_definite_refusal(ServiceError(SK::connect, "reset")));
  CHECK_FALSE(is_definite_refusal(ServiceError(SK::protocol, "not JSON", 200)));
  CHECK_FALSE(is_definite_refusal(ServiceError(SK::tls, "bad cert")));

  const FlowError kept =
      submission_kept_error(ServiceError(SK::timeout, "Operation timed out after 30000 ms"));
  CHECK(kept.kind() == FlowError::Kind::service_unreachable);
  CHECK(kept.message_zh().find("再次提交时将重新发送") != std::string::npos);
  CHECK_FALSE(has_latin_word(kept.message_zh()));
  CHECK(kept.message_en().find("nothing was changed") == std::string::npos);
  CHECK(kept.detail() == "Operation timed out after 30000 ms");

  const FlowError pulled = with_key_kept(
      from_token_error(token::TokenError(token::TokenErrc::token_not_present, "sign", "")));
  CHECK(pulled.kind() == FlowError::Kind::token_missing);
  CHECK(pulled.message_zh().find("新密钥已保留") != std::string::npos);
  CHECK(pulled.message_en().find("kept and used again") != std::string::npos);

  // The service's English never stands in for Chinese.
  const FlowError no_zh =
      from_service_error(ServiceError(SK::http, "Internal error", 500, "internal"));
  CHECK_FALSE(has_latin_word(no_zh.message_zh()));
  CHECK_FALSE(has_latin_word(
      from_service_error(ServiceError(SK::connect, "Connection refused")).message_zh()));
}

TEST_CASE("the outbox keeps a signed application per certificate until it is answered") {
  testing::TempDir dir;
  SubmissionOutbox outbox(dir.path() / "applications");
  const Bytes cert = some_certificate();
  const Bytes other = some_certificate();
  CHECK_FALSE(outbox.get(cert));
  PendingSubmission s{{1, 2, 3}, "TOKEN1", {9, 9}, 24, cert, "https://x"};
  outbox.put(s);
  auto back = outbox.get(cert);
  REQUIRE(back);
  CHECK(back->signed_application == s.signed_application);
  CHECK(back->new_key_id == s.new_key_id);
  CHECK(back->period_months == 24);
  CHECK_FALSE(outbox.get(other));

  // A damaged file is treated as absent: the application can always be made anew.
  for (const auto& entry : std::filesystem::directory_iterator(dir.path() / "applications"))
    std::ofstream(entry.path()) << "{not json";
  CHECK_FALSE(outbox.get(cert));
  outbox.remove(cert);
  CHECK(std::filesystem::is_empty(dir.path() / "applications"));
}

TEST_CASE("leftover keys are listed per token, once each, and the file goes with the last") {
  testing::TempDir dir;
  LeftoverKeys list(dir.path() / "applications");
  CHECK(list.for_token("T1").empty());  // no file yet
  list.add({"T1", {1, 2}, "cancelled", "01202611240000001"});
  list.add({"T1", {1, 2}, "rejected", "01202611240000001"});  // the same key: listed once
  list.add({"T2", {1, 2}, "refused", ""});                    // same id, another token
  list.add({"T1", {}, "unused", ""});                         // no id: nothing to remove
  auto t1 = list.for_token("T1");
  REQUIRE(t1.size() == 1);
  CHECK(t1[0].key_id == Bytes{1, 2});
  CHECK(t1[0].reason == "cancelled");
  CHECK(t1[0].business_no == "01202611240000001");
  CHECK(list.for_token("T2").size() == 1);

  list.remove("T1", {Bytes{1, 2}});
  CHECK(list.for_token("T1").empty());
  CHECK(list.for_token("T2").size() == 1);
  list.remove("T2", {Bytes{1, 2}});
  CHECK_FALSE(std::filesystem::exists(list.file()));

  // A damaged file reads as empty (a key stays on the token, nothing worse) and is replaced.
  std::filesystem::create_directories(list.file().parent_path());
  std::ofstream(list.file()) << "{not json";
  CHECK(list.for_token("T1").empty());
  list.add({"T1", {7}, "cancelled", ""});
  CHECK(list.for_token("T1").size() == 1);
}

TEST_CASE("actions out of order are refused and change nothing") {
  testing::TempDir dir;
  ClientConfig config;
  config.service_url = "https://127.0.0.1:1";
  TokenInventory inventory(config, {dir.path() / "no-plugins"});
  ServiceClient service(
      {"https://127.0.0.1:1", {}, std::chrono::seconds(2), std::chrono::seconds(2), 0});
  ApplicationStore store(dir.path() / "data");
  FlowContext ctx;
  ctx.service = &service;
  ctx.store = &store;
  ctx.inventory = &inventory;
  RenewalFlow flow(ctx);
  REQUIRE(flow.step() == FlowStep::choose_certificate);

  auto wrong_step = [&](auto&& action) {
    try {
      action();
      FAIL("accepted out of order");
    } catch (const FlowError& e) {
      CHECK(e.kind() == FlowError::Kind::wrong_step);
      // The step is named as the screens name it, in the message's own language: no internal
      // step name and no English in the Chinese one.
      INFO(e.message_zh());
      CHECK((e.message_zh().find("续期当前处于“选择证书”") != std::string::npos ||
             e.message_zh().find("尚未提交申请") != std::string::npos));
      CHECK_FALSE(has_latin_word(e.message_zh()));
      CHECK(e.message_en().find("choose_certificate") == std::string::npos);
    }
    CHECK(flow.step() == FlowStep::choose_certificate);
  };
  wrong_step([&] { flow.start_application(); });
  wrong_step([&] { flow.accept_agreement(true); });
  wrong_step([&] { flow.submit_form(good_form()); });
  wrong_step([&] { flow.sign_and_submit(SecureBuffer("123456")); });
  wrong_step([&] { flow.cancel(); });
  wrong_step([&] { flow.save_bank_transfers({}); });
  wrong_step([&] { flow.install(SecureBuffer("123456")); });
  wrong_step([&] { flow.back(); });
  wrong_step([&] { flow.refresh(); });
  CHECK_FALSE(std::filesystem::exists(dir.path() / "data"));  // nothing was written

  // Choosing needs the service's renewal window: unreachable, and the step stays.
  CertificateEntry entry;
  entry.der = some_certificate();
  entry.certificate = x509::parse_certificate(entry.der);
  entry.has_private_key = true;
  try {
    flow.choose(entry);
    FAIL("chose without the service");
  } catch (const FlowError& e) {
    CHECK(e.kind() == FlowError::Kind::service_unreachable);
  }
  CHECK(flow.step() == FlowStep::choose_certificate);
  CHECK_FALSE(flow.certificate());
  CHECK(inventory.certificates().empty());
  CHECK_THROWS_AS(inventory.select_certificate(""), FlowError);
}
