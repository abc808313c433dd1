#pragma once
// Keeps the built-in CA's CRL current: a new CRL (with the next CRL number) whenever the
// revocation records in effect change, and before the current one reaches nextUpdate
// (crl.refresh_before_hours ahead). Each new CRL is also written to crl.file. Thread-safe: the
// HTTP handlers and the refresh timer call current().

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "ca/authority.hpp"
#include "service/config.hpp"
#include "storage/store.hpp"

namespace certrenew::server {

class CrlPublisher {
 public:
  using Now = std::function<Clock::time_point()>;
  CrlPublisher(const CertificateAuthority& ca, Store& store, CrlConfig config,
               Now now = Clock::now);

  // The CRL to serve now (DER), made afresh if the records changed or it is due.
  std::vector<std::uint8_t> current();

 private:
  const CertificateAuthority& ca_;
  Store& store_;
  CrlConfig config_;
  Now now_;
  std::mutex mutex_;
  std::vector<std::uint8_t> der_;
  std::string published_records_;  // the records in the current CRL, as one string
  Clock::time_point refresh_at_{};
};

}  // namespace certrenew::server
