#pragma once
// Replacing a small file so that a crash or power cut leaves either the old or the new content,
// never a mix. Shared by the application store and the configuration file.

#include <filesystem>
#include <functional>
#include <string_view>

namespace certrenew::client {

// Points inside write_file_atomically() where a test can make it fail (by throwing from the
// hook), to check that a failed write leaves the previous file alone.
enum class AtomicWriteStep {
  temp_created,   // the temporary file exists and is empty
  data_written,   // half of the content is in the temporary file
  before_rename,  // the temporary file is complete and synced, the target is still the old one
};
using AtomicWriteHook = std::function<void(AtomicWriteStep)>;

// Writes `content` to a temporary file in the target's folder, syncs it, renames it over `target`
// and syncs the folder. The file is readable and writable by its owner only (0600 on POSIX): the
// files written here may hold capability tokens. The folder must exist.
// Throws std::system_error (or whatever the hook throws); the temporary file is then removed and
// `target` is unchanged.
void write_file_atomically(const std::filesystem::path& target, std::string_view content,
                           const AtomicWriteHook& hook = {});

}  // namespace certrenew::client
