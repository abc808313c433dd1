#pragma once
// A signed application that was sent but whose answer never arrived (timeout, connection lost).
// The service answers the same signed request with the same application and capability token, so
// keeping the request and sending it again is how a client that lost the answer gets its business
// number back, instead of being locked out by "another application is open". One file per
// certificate, next to the application records, owner-only.

#include <filesystem>
#include <optional>
#include <string>

#include "certrenew/core/bytes.hpp"

namespace certrenew::client {

struct PendingSubmission {
  Bytes signed_application;  // DER SignedData exactly as first sent
  std::string token_id;
  Bytes new_key_id;
  int period_months = 0;
  Bytes old_certificate;  // DER
  std::string service_url;
};

class SubmissionOutbox {
 public:
  explicit SubmissionOutbox(std::filesystem::path folder) : folder_(std::move(folder)) {}

  void put(const PendingSubmission& submission) const;  // atomic replace
  // nullopt when none is pending for this certificate (or the file is unreadable: then it is
  // treated as absent, since the request can always be made anew).
  std::optional<PendingSubmission> get(ByteView old_certificate) const;
  void remove(ByteView old_certificate) const;

 private:
  std::filesystem::path file_for(ByteView old_certificate) const;
  std::filesystem::path folder_;
};

}  // namespace certrenew::client
