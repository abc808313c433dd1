#include "certrenew/client/store/application_store.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <system_error>

namespace certrenew::client {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kExtension = ".json";
// Records are a few kilobytes; a bigger file is not ours and is not read into memory.
constexpr std::uintmax_t kMaxRecordFileSize = 1 << 20;

std::chrono::sys_seconds now_utc() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace

ApplicationStore::ApplicationStore(const fs::path& data_dir, AtomicWriteHook hook)
    : folder_(data_dir / "applications"), hook_(std::move(hook)) {}

fs::path ApplicationStore::file_for(std::string_view business_no) const {
  // The number becomes a file name: only the canonical 17 digits get that far.
  if (!is_valid_business_number(business_no)) {
    throw std::invalid_argument("not a business number: \"" + std::string(business_no) + "\"");
  }
  return folder_ / (std::string(business_no) + std::string(kExtension));
}

void ApplicationStore::ensure_folder() const {
  if (fs::exists(folder_)) return;
  fs::create_directories(folder_);
  // Only the owner may list the applications (a no-op beyond read-only on Windows).
  fs::permissions(folder_, fs::perms::owner_all, fs::perm_options::replace);
}

ApplicationRecord ApplicationStore::save(ApplicationRecord record) {
  const fs::path file = file_for(record.business_no);
  const auto now = now_utc();
  if (record.created_at == std::chrono::sys_seconds{}) record.created_at = now;
  record.updated_at = now;
  check_record(record);
  ensure_folder();
  write_file_atomically(file, record_to_json(record).dump(2) + "\n", hook_);
  return record;
}

ApplicationRecord ApplicationStore::read_file(const fs::path& file) const {
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  if (ec) throw StoreError(file.string() + ": cannot read: " + ec.message());
  if (size > kMaxRecordFileSize) throw StoreError(file.string() + ": too large for a record");
  std::ifstream in(file, std::ios::binary);
  if (!in) throw StoreError(file.string() + ": cannot open");
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) throw StoreError(file.string() + ": read error");

  const nlohmann::json json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) throw StoreError(file.string() + ": not valid JSON");
  ApplicationRecord record;
  try {
    record = record_from_json(json);
  } catch (const StoreError& e) {
    throw StoreError(file.string() + ": " + e.what());
  }
  // A file copied or renamed by hand must not act for another application.
  if (file.stem().string() != record.business_no) {
    throw StoreError(file.string() + ": holds business number " + record.business_no);
  }
  return record;
}

std::optional<ApplicationRecord> ApplicationStore::load(std::string_view business_no) const {
  const fs::path file = file_for(business_no);
  if (!fs::exists(file)) return std::nullopt;
  return read_file(file);
}

namespace {

// Files the renewal flow keeps beside the records: a signed application waiting to be sent again
// (outbox-<fingerprint>.json) and the keys to remove at the next login (leftover-keys.json).
bool is_flow_companion(const fs::path& file) {
  const std::string name = file.filename().string();
  return name.starts_with("outbox-") || name == "leftover-keys.json";
}

}  // namespace

RecordListing ApplicationStore::list() const {
  RecordListing listing;
  std::error_code ec;
  fs::directory_iterator it(folder_, ec);
  if (ec) {
    if (ec != std::errc::no_such_file_or_directory) {
      listing.unreadable.push_back({folder_, "cannot list folder: " + ec.message()});
    }
    return listing;
  }
  for (const fs::directory_entry& entry : it) {
    const fs::path& file = entry.path();
    // Temporary files of an interrupted save start with '.' and do not end in ".json".
    if (file.extension() != kExtension) continue;
    if (is_flow_companion(file)) continue;
    if (!is_valid_business_number(file.stem().string())) {
      listing.unreadable.push_back({file, "file name is not a business number"});
      continue;
    }
    try {
      listing.records.push_back(read_file(file));
    } catch (const StoreError& e) {
      listing.unreadable.push_back({file, e.what()});
    }
  }
  std::sort(listing.records.begin(), listing.records.end(),
            [](const auto& a, const auto& b) { return a.business_no < b.business_no; });
  std::sort(listing.unreadable.begin(), listing.unreadable.end(),
            [](const auto& a, const auto& b) { return a.file < b.file; });
  return listing;
}

bool ApplicationStore::remove(std::string_view business_no) {
  return fs::remove(file_for(business_no));
}

}  // namespace certrenew::client
