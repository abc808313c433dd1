#pragma once

// Everything the token does to files. A write never leaves a half-written file: it goes to a
// temporary file in the same directory, is flushed to the disk, then renamed over the target,
// and the directory entry is flushed too. FileWriter counts the changes so tests can make the
// Nth one fail (driver config "fault": {"fail_write": N}).

#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

namespace certrenew::softtoken {

enum class WriteMode {
  replace,     // the target may exist and is replaced
  create_new,  // fails with CRT_ERR_OBJECT_EXISTS when the target exists (checked atomically)
};

class FileWriter {
 public:
  // `fail_at`: the 1-based number of the change that fails with CRT_ERR_DEVICE; 0 = none.
  explicit FileWriter(std::uint64_t fail_at = 0) : fail_at_(fail_at) {}

  // Creates the target's directory (mode 0700) if needed, then writes atomically (mode 0600).
  void write(const std::filesystem::path& target, std::span<const std::uint8_t> data,
             WriteMode mode);
  // Removes a file; false if it did not exist. Counts as a change like a write.
  bool remove(const std::filesystem::path& target);
  // Best-effort removal of a file this writer just made, when the operation it belonged to
  // failed later. Not counted, never throws.
  static void discard(const std::filesystem::path& target) noexcept;

 private:
  void count_change(const std::filesystem::path& target);  // throws at the injected failure

  std::uint64_t fail_at_;
  std::uint64_t changes_ = 0;
};

// Reads a whole file of at most `max_size` bytes; throws StoreError(CRT_ERR_DEVICE) otherwise.
std::vector<std::uint8_t> read_file(const std::filesystem::path& path, std::size_t max_size);

// Holds an exclusive lock on a token directory (its ".lock" file) so read-modify-write of the
// PIN counter is serialised between contexts and processes.
class TokenLock {
 public:
  explicit TokenLock(const std::filesystem::path& token_dir);
  TokenLock(const TokenLock&) = delete;
  TokenLock& operator=(const TokenLock&) = delete;
  ~TokenLock();

 private:
  int fd_ = -1;
};

inline constexpr const char* kLockFileName = ".lock";

}  // namespace certrenew::softtoken
