#include "notify/sms/aliyun_signature.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstdint>
#include <stdexcept>

#include "certrenew/core/bytes.hpp"
#include "certrenew/core/time/utc_time.hpp"

namespace certrenew::server::aliyun {

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() * 3);
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0x0F];
    }
  }
  return out;
}

std::string canonical_query(const Params& params) {
  std::string out;
  for (const auto& [name, value] : params) {
    if (!out.empty()) out += '&';
    out += percent_encode(name) + "=" + percent_encode(value);
  }
  return out;
}

std::string string_to_sign(std::string_view http_method, const Params& params) {
  return std::string(http_method) + "&" + percent_encode("/") + "&" +
         percent_encode(canonical_query(params));
}

std::string signature(std::string_view access_key_secret, std::string_view string_to_sign) {
  const std::string key = std::string(access_key_secret) + "&";
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()),
            reinterpret_cast<const unsigned char*>(string_to_sign.data()), string_to_sign.size(),
            mac, &len))
    throw std::runtime_error("HMAC-SHA1 failed");
  return to_base64(ByteView(mac, len));
}

std::string timestamp(std::int64_t unix_seconds) {
  auto t = UtcTime::from_unix(unix_seconds);
  if (!t) throw std::runtime_error("time out of range");
  return t->iso();
}

}  // namespace certrenew::server::aliyun
