#pragma once
// An Internet message (RFC 5322 + MIME) for Chinese and English text: UTF-8 bodies in base64,
// the subject and display names as RFC 2047 encoded-words, multipart/alternative when there is
// an HTML part. Lines end in CRLF, none longer than 78 characters.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace certrenew::server {

struct MailAddress {
  std::string address;  // local@domain, no angle brackets
  std::string name;     // display name, any UTF-8; may be empty
};

struct MailMessage {
  MailAddress from;
  MailAddress to;
  std::string subject;
  std::string text;                 // UTF-8, \n or \r\n line ends
  std::optional<std::string> html;  // UTF-8
  std::string message_id;           // without angle brackets: the receiver's idempotency key
  std::int64_t date = 0;            // Unix seconds, UTC
};

// Throws std::invalid_argument when an address is not a plain local@domain (no spaces, angle
// brackets, quotes or control characters): nothing from a record may add a header or recipient.
std::string build_mime_message(const MailMessage& message);

// "=?UTF-8?B?...?=" words (each at most 60 characters, never splitting a character), joined by
// CRLF SP; ASCII text without specials comes back as it is.
std::string encode_header_words(std::string_view text);

bool plain_mail_address(std::string_view address);

}  // namespace certrenew::server
