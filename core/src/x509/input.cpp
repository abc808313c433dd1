// Turns caller-supplied bytes into OpenSSL certificate objects: detects PEM or DER, refuses
// anything else with a CertificateError that says what was wrong.

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include <algorithm>
#include <limits>
#include <string_view>

#include "x509/decode.hpp"

namespace certrenew::x509::detail {
namespace {

using Kind = CertificateError::Kind;

constexpr std::string_view kPemBegin = "-----BEGIN ";
// RFC 7468 names "CERTIFICATE"; "X509 CERTIFICATE" is an old alias OpenSSL still writes/reads.
constexpr std::string_view kCertificateLabels[] = {"CERTIFICATE", "X509 CERTIFICATE"};

bool is_space(std::uint8_t c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::string with_reason(std::string message) {
  const std::string reason = take_openssl_reason();
  if (!reason.empty()) message += " (" + reason + ")";
  return message;
}

// Decodes exactly one DER certificate that must fill `der` completely.
DecodedCertificate decode_der(ByteView der, const std::string& where) {
  const unsigned char* cursor = der.data();
  X509Ptr cert(d2i_X509(nullptr, &cursor, static_cast<long>(der.size())));
  if (cert == nullptr) {
    throw CertificateError(Kind::malformed_der,
                           with_reason(where + "is not a well-formed X.509 certificate"));
  }
  const auto used = static_cast<std::size_t>(cursor - der.data());
  if (used != der.size()) {
    throw CertificateError(Kind::trailing_data, where + "has " + std::to_string(der.size() - used) +
                                                    " unexpected bytes after the certificate");
  }
  return {std::move(cert), Bytes(der.begin(), der.end())};
}

// One PEM block as PEM_read_bio returns it; the payload is wiped when freed because a bundle can
// hold a private key next to the certificates.
struct PemBlock {
  char* name = nullptr;
  char* header = nullptr;
  unsigned char* data = nullptr;
  long length = 0;
  PemBlock() = default;
  PemBlock(const PemBlock&) = delete;
  PemBlock& operator=(const PemBlock&) = delete;
  ~PemBlock() {
    OPENSSL_free(name);
    OPENSSL_free(header);
    if (data != nullptr) OPENSSL_clear_free(data, static_cast<std::size_t>(length));
  }
};

// PEM text with each line's surrounding blanks removed: pasted PEM is often indented (from an
// e-mail or a config file), which OpenSSL's reader does not accept. Wiped when done, because the
// text may contain a private key block.
class TrimmedPem {
 public:
  explicit TrimmedPem(ByteView data) {
    text_.reserve(data.size());
    const std::string_view all(reinterpret_cast<const char*>(data.data()), data.size());
    for (std::size_t start = 0; start <= all.size();) {
      std::size_t end = all.find('\n', start);
      if (end == std::string_view::npos) end = all.size();
      std::string_view line = all.substr(start, end - start);
      while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
      while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
        line.remove_suffix(1);
      }
      text_.append(line);
      text_ += '\n';
      start = end + 1;
    }
  }
  TrimmedPem(const TrimmedPem&) = delete;
  TrimmedPem& operator=(const TrimmedPem&) = delete;
  ~TrimmedPem() { OPENSSL_cleanse(text_.data(), text_.size()); }
  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

std::vector<DecodedCertificate> decode_pem(ByteView data, bool first_only) {
  const TrimmedPem pem(data);
  BioPtr bio(BIO_new_mem_buf(pem.text().data(), static_cast<int>(pem.text().size())));
  if (bio == nullptr) throw std::bad_alloc();
  std::vector<DecodedCertificate> out;
  std::vector<std::string> other_labels;
  for (int index = 1;; ++index) {
    PemBlock block;
    if (PEM_read_bio(bio.get(), &block.name, &block.header, &block.data, &block.length) != 1) {
      const unsigned long error = ERR_peek_last_error();
      if (ERR_GET_LIB(error) == ERR_LIB_PEM && ERR_GET_REASON(error) == PEM_R_NO_START_LINE) {
        ERR_clear_error();  // the normal end of the input
        break;
      }
      throw CertificateError(Kind::bad_pem,
                             with_reason("PEM block " + std::to_string(index) + " is damaged"));
    }
    const std::string_view label(block.name);
    if (std::find(std::begin(kCertificateLabels), std::end(kCertificateLabels), label) ==
        std::end(kCertificateLabels)) {
      other_labels.emplace_back(label);  // a key or CSR next to the certificates: skip it
      continue;
    }
    out.push_back(decode_der(ByteView(block.data, static_cast<std::size_t>(block.length)),
                             "PEM block " + std::to_string(index) + " "));
    if (first_only) break;
  }
  if (out.empty()) {
    if (other_labels.empty()) {
      throw CertificateError(Kind::bad_pem, "the PEM text has no complete certificate block");
    }
    std::string labels;
    for (const auto& l : other_labels) labels += (labels.empty() ? "\"" : ", \"") + l + "\"";
    throw CertificateError(Kind::wrong_pem_label,
                           "the PEM text holds " + labels + ", not a \"CERTIFICATE\"");
  }
  return out;
}

}  // namespace

std::string take_openssl_reason() {
  const unsigned long error = ERR_peek_last_error();
  std::string reason;
  if (error != 0) {
    const char* text = ERR_reason_error_string(error);
    reason = text != nullptr ? text : "OpenSSL error " + std::to_string(error);
  }
  ERR_clear_error();
  return reason;
}

std::vector<DecodedCertificate> decode_input(ByteView data, bool first_only) {
  // Size first, so that nothing below ever walks through megabytes of input.
  if (data.size() > kMaxCertificateInput) {
    throw CertificateError(Kind::too_large, "the certificate data is too large (" +
                                                std::to_string(data.size()) + " bytes, at most " +
                                                std::to_string(kMaxCertificateInput) + ")");
  }
  if (std::all_of(data.begin(), data.end(), is_space)) {
    throw CertificateError(Kind::empty_input, "no certificate data given");
  }
  static_assert(kMaxCertificateInput <= std::numeric_limits<int>::max());
  // A DER certificate is a SEQUENCE, so it starts with 0x30; PEM is text with a BEGIN line,
  // possibly after some prose (as `openssl x509 -text` writes).
  if (data.front() == 0x30) {
    std::vector<DecodedCertificate> one;
    one.push_back(decode_der(data, "the data "));
    return one;
  }
  const std::string_view text(reinterpret_cast<const char*>(data.data()), data.size());
  if (text.find(kPemBegin) != std::string_view::npos) return decode_pem(data, first_only);
  throw CertificateError(Kind::unknown_format, "the data is neither a PEM nor a DER certificate");
}

}  // namespace certrenew::x509::detail
