#include "notify/email/mime.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <stdexcept>

#include "certrenew/core/bytes.hpp"

namespace certrenew::server {

namespace {

bool needs_encoding(std::string_view text) {
  for (unsigned char c : text)
    if (c >= 0x80 || c < 0x20 || c == 0x7F || c == '=' || c == '?' || c == '"' || c == '\\')
      return true;
  return false;
}

std::string b64(std::string_view text) {
  return to_base64(ByteView(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

// Body text as base64 in lines of 76, each ending in CRLF; \n line ends become CRLF first.
std::string base64_body(std::string_view text) {
  std::string crlf;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) crlf += '\r';
    crlf += text[i];
  }
  const std::string encoded = b64(crlf);
  std::string out;
  for (std::size_t i = 0; i < encoded.size(); i += 76) out += encoded.substr(i, 76) + "\r\n";
  return out;
}

std::string rfc5322_date(std::int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  static const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

std::string address_header(const MailAddress& a) {
  if (!plain_mail_address(a.address)) throw std::invalid_argument("not a plain e-mail address");
  if (a.name.empty()) return "<" + a.address + ">";
  // The address on a line of its own (folded): a long name and address stay within 78.
  return encode_header_words(a.name) + "\r\n <" + a.address + ">";
}

}  // namespace

bool plain_mail_address(std::string_view address) {
  const auto at = address.find('@');
  if (address.empty() || address.size() > 254 || at == std::string_view::npos || at == 0 ||
      at + 1 == address.size() || address.find('@', at + 1) != std::string_view::npos)
    return false;
  for (unsigned char c : address)
    if (c <= 0x20 || c >= 0x7F || c == '<' || c == '>' || c == '"' || c == '(' || c == ')' ||
        c == ',' || c == ';' || c == ':' || c == '\\' || c == '[' || c == ']')
      return false;
  return true;
}

std::string encode_header_words(std::string_view text) {
  if (!needs_encoding(text)) return std::string(text);
  // "=?UTF-8?B?" + "?=" is 12 characters; 36 bytes of text make 48 of base64: 60 in all, so
  // that "Subject: " or "From: " and a word stay within 78.
  constexpr std::size_t kMaxChunk = 36;
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = std::min(text.size(), pos + kMaxChunk);
    // Back off to the start of a UTF-8 character so no word holds half of one.
    while (end < text.size() && end > pos && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
      --end;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + b64(text.substr(pos, end - pos)) + "?=";
    pos = end;
  }
  return out;
}

std::string build_mime_message(const MailMessage& m) {
  if (m.message_id.empty() || m.message_id.find_first_of("<> \r\n") != std::string::npos ||
      m.message_id.find('@') == std::string::npos)
    throw std::invalid_argument("not a usable Message-ID");
  std::string out;
  out += "From: " + address_header(m.from) + "\r\n";
  out += "To: " + address_header(m.to) + "\r\n";
  out += "Subject: " + encode_header_words(m.subject) + "\r\n";
  out += "Date: " + rfc5322_date(m.date) + "\r\n";
  out += "Message-ID: <" + m.message_id + ">\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Auto-Submitted: auto-generated\r\n";  // RFC 3834: no auto-replies to this
  if (!m.html) {
    out += "Content-Type: text/plain; charset=UTF-8\r\n";
    out += "Content-Transfer-Encoding: base64\r\n\r\n";
    out += base64_body(m.text);
    return out;
  }
  // The boundary is derived from the Message-ID: stable across retries and never in base64 text
  // (it holds '=' and '_' where base64 cannot: "=_" never occurs inside base64 data).
  const std::string boundary = "=_certrenew_" + b64(m.message_id).substr(0, 24);
  out += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n";
  out += "--" + boundary + "\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  out += base64_body(m.text);
  out += "--" + boundary + "\r\n";
  out += "Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  out += base64_body(*m.html);
  out += "--" + boundary + "--\r\n";
  return out;
}

}  // namespace certrenew::server
