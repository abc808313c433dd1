#include "service/crl_publisher.hpp"

#include <spdlog/spdlog.h>

#include <fstream>

#include "ca/crl.hpp"
#include "service/revocation_policy.hpp"

namespace certrenew::server {

namespace {

std::int64_t unix_of(Clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

// Replaces the file in one step (write a temporary beside it, rename), so a web server serving
// the file never sees half a CRL.
void publish_file(const std::filesystem::path& file, const std::vector<std::uint8_t>& der) {
  std::error_code ec;
  std::filesystem::create_directories(file.parent_path(), ec);
  const auto temporary = file.string() + ".new";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(der.data()), static_cast<std::streamsize>(der.size()));
    if (!out.flush()) {
      spdlog::error("cannot write the CRL to {}", temporary);
      return;
    }
  }
  std::filesystem::rename(temporary, file, ec);
  if (ec) spdlog::error("cannot publish the CRL at {}: {}", file.string(), ec.message());
}

}  // namespace

CrlPublisher::CrlPublisher(const CertificateAuthority& ca, Store& store, CrlConfig config, Now now)
    : ca_(ca), store_(store), config_(std::move(config)), now_(std::move(now)) {}

std::vector<std::uint8_t> CrlPublisher::current() {
  std::lock_guard lock(mutex_);
  const Clock::time_point now = now_();
  std::vector<CrlEntry> entries;
  std::string records;
  std::optional<std::int64_t> next_change;
  store_.transact([&](StoreTx& tx) {
    for (const auto& r : tx.revocations_in_effect(unix_of(now))) {
      entries.push_back({r.serial_hex, Clock::time_point(std::chrono::seconds(r.revoked_at)),
                         crl_reason_code(r.reason).value_or(0)});
      records += r.serial_hex + "/" + std::to_string(r.revoked_at) + "/" + r.reason + ";";
    }
    next_change = tx.next_revocation_after(unix_of(now));
  });
  if (!der_.empty() && records == published_records_ && now < refresh_at_) return der_;

  std::int64_t number = 0;
  store_.transact([&](StoreTx& tx) { number = tx.next_sequence("crl_number"); });
  const auto next_update = now + std::chrono::hours(config_.validity_hours);
  der_ = make_crl(ca_, entries, number, now, next_update);
  published_records_ = records;
  refresh_at_ = next_update - std::chrono::hours(config_.refresh_before_hours);
  // A record that takes effect later (revoked at expiry) changes the CRL then.
  if (next_change) {
    auto at = Clock::time_point(std::chrono::seconds(*next_change));
    if (at < refresh_at_) refresh_at_ = at;
  }
  publish_file(config_.file, der_);
  spdlog::info("CRL {} published: {} entries, next update in {} h", number, entries.size(),
               config_.validity_hours);
  return der_;
}

}  // namespace certrenew::server
