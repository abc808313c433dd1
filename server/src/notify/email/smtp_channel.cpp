#include "notify/email/smtp_channel.hpp"

#include <curl/curl.h>
#include <openssl/crypto.h>

#include <cstring>
#include <fstream>
#include <memory>
#include <stdexcept>

#include "notify/email/mime.hpp"

namespace certrenew::server {

namespace {

struct Upload {
  const std::string* data;
  std::size_t pos = 0;
};

extern "C" std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* up = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, up->data->size() - up->pos);
  std::memcpy(buffer, up->data->data() + up->pos, n);
  up->pos += n;
  return n;
}

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

// A refusal the server will repeat (5xx, e.g. 550 no such mailbox) is final; authentication
// failures (535) and everything else (no connection, 4xx, timeouts) may pass: retry.
DeliveryResult::Outcome classify(CURLcode rc, long smtp_code) {
  if (rc == CURLE_LOGIN_DENIED) return DeliveryResult::Outcome::retry;
  if (smtp_code >= 500 && smtp_code < 600 && smtp_code != 535)
    return DeliveryResult::Outcome::give_up;
  return DeliveryResult::Outcome::retry;
}

}  // namespace

SmtpChannel::SmtpChannel(SmtpConfig config, std::string from_name)
    : config_(std::move(config)), from_name_(std::move(from_name)) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  if (!config_.username.empty()) {
    std::ifstream in(config_.password_file);
    if (!in || !std::getline(in, password_) || password_.empty())
      throw std::runtime_error("cannot read the SMTP password from " +
                               config_.password_file.string());
  }
}

SmtpChannel::~SmtpChannel() {
  OPENSSL_cleanse(password_.data(), password_.size());
}

DeliveryResult SmtpChannel::deliver(const OutboxMessage& message, const RenderedMessage& content,
                                    const std::string& idempotency_key, std::int64_t now) {
  if (!plain_mail_address(message.recipient))
    return {DeliveryResult::Outcome::give_up, "the recipient is not a plain e-mail address"};
  MailMessage mail{{config_.from_address, from_name_},
                   {message.recipient, message.recipient_name},
                   content.subject,
                   content.text,
                   content.html,
                   idempotency_key + "@" + config_.message_id_domain,
                   now};
  const std::string data = build_mime_message(mail);

  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return {DeliveryResult::Outcome::retry, "libcurl could not start"};
  CURL* c = curl.get();
  std::unique_ptr<curl_slist, SlistDeleter> rcpt(
      curl_slist_append(nullptr, ("<" + message.recipient + ">").c_str()));
  Upload upload{&data};
  char error[CURL_ERROR_SIZE] = {};
  const std::string from = "<" + config_.from_address + ">";
  curl_easy_setopt(c, CURLOPT_URL, config_.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(c, CURLOPT_USE_SSL,
                   config_.starttls == SmtpConfig::StartTls::required   ? CURLUSESSL_ALL
                   : config_.starttls == SmtpConfig::StartTls::optional ? CURLUSESSL_TRY
                                                                        : CURLUSESSL_NONE);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!config_.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, config_.ca_file.c_str());
  if (!config_.username.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, config_.username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, password_.c_str());
  }
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt.get());
  curl_easy_setopt(c, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(data.size()));
  curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(config_.timeout_seconds));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, static_cast<long>(config_.timeout_seconds));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  const CURLcode rc = curl_easy_perform(c);
  if (rc == CURLE_OK) return {DeliveryResult::Outcome::sent, ""};
  long smtp_code = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &smtp_code);
  std::string why = error[0] ? error : curl_easy_strerror(rc);
  if (smtp_code) why += " (SMTP " + std::to_string(smtp_code) + ")";
  return {classify(rc, smtp_code), why};
}

}  // namespace certrenew::server
