#pragma once
// One JSON file per pending application, "<business_no>.json", in <data_dir>/applications.
// Files are owner-only: they hold capability tokens.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "certrenew/client/store/application_record.hpp"
#include "certrenew/client/store/atomic_file.hpp"

namespace certrenew::client {

// A file in the folder that list() could not use, and why.
struct UnreadableRecord {
  std::filesystem::path file;
  std::string reason;
};

struct RecordListing {
  std::vector<ApplicationRecord> records;  // sorted by business number
  std::vector<UnreadableRecord> unreadable;
};

class ApplicationStore {
 public:
  // `data_dir` is the client's data folder (see user_data_dir() / default_paths()). Nothing is
  // created until the first save(). `hook` is for tests that make writes fail midway.
  explicit ApplicationStore(const std::filesystem::path& data_dir, AtomicWriteHook hook = {});

  const std::filesystem::path& folder() const { return folder_; }

  // Stamps updated_at (and created_at if still zero) with the current UTC time, checks the record
  // and replaces its file atomically; returns what was written. Throws std::invalid_argument for a
  // bad business number, StoreError for an incomplete record, std::system_error or
  // std::filesystem::filesystem_error if the file cannot be written (the old one is then intact).
  ApplicationRecord save(ApplicationRecord record);

  // nullopt if there is no file for this number; StoreError if the file is unreadable or bad.
  // Throws std::invalid_argument for a bad business number.
  std::optional<ApplicationRecord> load(std::string_view business_no) const;

  // Every record in the folder; bad files are reported, not fatal. Other files are ignored.
  RecordListing list() const;

  // True if a record was removed. Throws std::invalid_argument for a bad business number.
  bool remove(std::string_view business_no);

 private:
  std::filesystem::path file_for(std::string_view business_no) const;
  ApplicationRecord read_file(const std::filesystem::path& file) const;
  void ensure_folder() const;

  std::filesystem::path folder_;
  AtomicWriteHook hook_;
};

}  // namespace certrenew::client
