// Why a form field was refused (certrenew::forms::Reason), keyed by reason_id(). The server
// sends the id, every view shows the text in the user's language.
#include "certrenew/core/text/catalogues.hpp"

#include <array>

namespace certrenew::catalogues {
namespace {

constexpr auto kEntries = std::to_array<CatalogueEntry>({
    {"ok", "填写正确。", "Valid."},
    {"empty", "此项不能为空。", "This field is required."},
    {"too_long", "内容过长。", "The text is too long."},
    {"invalid_utf8", "内容含有无法识别的字符。",
     "The text contains characters that cannot be read."},
    {"control_character", "内容含有不可见的控制字符。",
     "The text contains invisible control characters."},
    {"resident_id.legacy_15_digits", "15位旧身份证号码已停用，请填写18位身份证号码。",
     "15-digit identity card numbers are no longer accepted; enter the 18-character number."},
    {"resident_id.wrong_length", "身份证号码应为18位。",
     "An identity card number has 18 characters."},
    {"resident_id.bad_character", "身份证号码前17位应为数字，最后一位为数字或X。",
     "An identity card number is 17 digits followed by a digit or X."},
    {"resident_id.bad_checksum", "身份证号码校验位不正确，请检查是否输错。",
     "The identity card number's check character does not match; please check for typos."},
    {"resident_id.bad_region", "身份证号码的地区代码不正确。",
     "The identity card number does not start with a valid region code."},
    {"resident_id.bad_birth_date", "身份证号码中的出生日期不存在。",
     "The birth date in the identity card number is not a real date."},
    {"resident_id.birth_date_in_future", "身份证号码中的出生日期晚于今天。",
     "The birth date in the identity card number is in the future."},
    {"resident_id.birth_date_before_1900", "身份证号码中的出生日期早于1900年。",
     "The birth date in the identity card number is before 1900."},
    {"mobile.bad_character", "手机号码只能包含数字（可带+86前缀）。",
     "A mobile number may only contain digits (optionally with +86)."},
    {"mobile.not_mainland", "请填写中国大陆手机号码（+86）。",
     "Enter a mainland China mobile number (+86)."},
    {"mobile.wrong_length", "手机号码应为11位数字。", "A mobile number has 11 digits."},
    {"mobile.bad_prefix", "手机号码应以13至19开头。", "A mobile number starts with 13 to 19."},
    {"email.too_long", "电子邮箱地址过长（最多254个字符）。",
     "The e-mail address is too long (at most 254 characters)."},
    {"email.missing_at", "电子邮箱地址缺少“@”。", "The e-mail address has no \"@\"."},
    {"email.several_at", "电子邮箱地址只能包含一个“@”。",
     "The e-mail address may contain only one \"@\"."},
    {"email.bad_local_part", "电子邮箱地址“@”前面的部分不正确。",
     "The part of the e-mail address before the \"@\" is not valid."},
    {"email.bad_domain", "电子邮箱地址“@”后面的域名不正确（例如 example.com）。",
     "The domain after the \"@\" is not valid (for example example.com)."},
    {"credit_code.wrong_length", "统一社会信用代码应为18位。",
     "A unified social credit code has 18 characters."},
    {"credit_code.bad_character", "统一社会信用代码只能包含数字和大写字母（不含I、O、S、V、Z）。",
     "A unified social credit code uses digits and capital letters except I, O, S, V and "
     "Z."},
    {"credit_code.bad_checksum", "统一社会信用代码校验位不正确，请检查是否输错。",
     "The unified social credit code's check character does not match; please check for "
     "typos."},
    {"name.too_long", "姓名过长（最多30个字）。", "The name is too long (at most 30 characters)."},
    {"name.has_digit", "姓名不能包含数字。", "A name cannot contain digits."},
    {"name.has_symbol", "姓名只能包含文字、空格、间隔号“·”、连字符和撇号。",
     "A name may contain letters, spaces, the middle dot \"·\", hyphens and apostrophes "
     "only."},
    {"address.too_short", "地址过短，请填写详细地址（至少5个字）。",
     "The address is too short; please give the full address (at least 5 characters)."},
    {"address.too_long", "地址过长（最多200个字）。",
     "The address is too long (at most 200 characters)."},
    {"money.bad_format", "金额格式不正确，例如 100 或 100.50。",
     "The amount is not a number like 100 or 100.50."},
    {"money.negative", "金额不能为负数。", "The amount cannot be negative."},
    {"money.too_many_decimals", "金额最多保留两位小数（分）。",
     "The amount can have at most two decimal places (fen)."},
    {"money.too_large", "金额过大。", "The amount is too large."},
    {"business_number.wrong_length", "业务单号应为17位数字。", "A business number has 17 digits."},
    {"business_number.not_digits", "业务单号只能包含数字。",
     "A business number contains digits only."},
    {"business_number.bad_prefix", "业务单号应以01开头。", "A business number starts with 01."},
    {"business_number.bad_date", "业务单号中的日期不存在。",
     "The date in the business number is not a real date."},
    {"business_number.zero_sequence", "业务单号的序号不能为0。",
     "The sequence part of a business number cannot be 0."},
    {"order_number.wrong_length", "订单号应为12位数字。", "An order number has 12 digits."},
    {"order_number.not_digits", "订单号只能包含数字。", "An order number contains digits only."},
    {"order_number.bad_date", "订单号中的日期不存在。",
     "The date in the order number is not a real date."},
    {"order_number.zero_sequence", "订单号的序号不能为0。",
     "The sequence part of an order number cannot be 0."},
    // Not a forms::Reason: the application form's operator ID type, of which one is accepted.
    {"id_type.unsupported", "经办人证件类型仅支持居民身份证。",
     "Only the resident identity card is accepted as the operator's ID."},
    // For a value outside the enum (a cast from a bad integer): a generic text, not a crash.
    {"unknown", "输入有误。", "The input is not valid."},
});

}  // namespace

const Catalogue& form_reasons() {
  static constexpr Catalogue catalogue{"form_reasons", kEntries};
  return catalogue;
}

}  // namespace certrenew::catalogues
