#include "submission_outbox.hpp"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "certrenew/client/store/atomic_file.hpp"
#include "certrenew/core/x509/certificate.hpp"

namespace certrenew::client {

std::filesystem::path SubmissionOutbox::file_for(ByteView old_certificate) const {
  auto fingerprint = x509::parse_certificate(old_certificate).sha256_fingerprint;
  return folder_ / ("outbox-" + to_hex(fingerprint).substr(0, 32) + ".json");
}

void SubmissionOutbox::put(const PendingSubmission& s) const {
  std::filesystem::create_directories(folder_);
  nlohmann::json j = {{"version", 1},
                      {"signed_application", to_base64(s.signed_application)},
                      {"token_id", s.token_id},
                      {"new_key_id", to_hex(s.new_key_id)},
                      {"period_months", s.period_months},
                      {"old_certificate", to_base64(s.old_certificate)},
                      {"service_url", s.service_url}};
  write_file_atomically(file_for(s.old_certificate), j.dump(2));
}

std::optional<PendingSubmission> SubmissionOutbox::get(ByteView old_certificate) const {
  std::ifstream in(file_for(old_certificate), std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  try {
    auto j = nlohmann::json::parse(text.str());
    PendingSubmission s;
    s.signed_application = from_base64(j.at("signed_application").get<std::string>());
    s.token_id = j.at("token_id").get<std::string>();
    s.new_key_id = from_hex(j.at("new_key_id").get<std::string>());
    s.period_months = j.at("period_months").get<int>();
    s.old_certificate = from_base64(j.at("old_certificate").get<std::string>());
    s.service_url = j.at("service_url").get<std::string>();
    if (s.old_certificate != Bytes(old_certificate.begin(), old_certificate.end()))
      return std::nullopt;
    return s;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

void SubmissionOutbox::remove(ByteView old_certificate) const {
  std::error_code ec;
  std::filesystem::remove(file_for(old_certificate), ec);
}

}  // namespace certrenew::client
