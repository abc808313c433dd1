#pragma once
// Alibaba Cloud's RPC request signature (signature version 1.0, HMAC-SHA1), as the provider
// documents it in "Signature mechanism" (https://help.aliyun.com/en/document_detail/145075.html,
// also https://www.alibabacloud.com/help/doc-detail/127287.htm):
//   1. every parameter but Signature, sorted by name (byte order), name and value each
//      percent-encoded (RFC 3986: A-Z a-z 0-9 - _ . ~ kept, every other byte %XX in upper case,
//      so a space is %20, "*" is %2A and "~" stays), joined as name=value with "&";
//   2. StringToSign = HTTPMethod + "&" + percentEncode("/") + "&" + percentEncode(step 1);
//   3. Signature = Base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign)).

#include <map>
#include <string>
#include <string_view>

namespace certrenew::server::aliyun {

using Params = std::map<std::string, std::string>;  // sorted by name: step 1's order

std::string percent_encode(std::string_view text);
std::string canonical_query(const Params& params);                               // step 1
std::string string_to_sign(std::string_view http_method, const Params& params);  // step 2
std::string signature(std::string_view access_key_secret, std::string_view string_to_sign);
// Timestamp in the form the API expects: yyyy-MM-ddTHH:mm:ssZ (UTC).
std::string timestamp(std::int64_t unix_seconds);

}  // namespace certrenew::server::aliyun
