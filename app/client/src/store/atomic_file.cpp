#include "certrenew/client/store/atomic_file.hpp"

#include <cerrno>
#include <string>
#include <system_error>

#if defined(_WIN32)
#include <fstream>
#else
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace certrenew::client {

namespace {

void at(const AtomicWriteHook& hook, AtomicWriteStep step) {
  if (hook) hook(step);
}

std::filesystem::path folder_of(const std::filesystem::path& target) {
  const std::filesystem::path parent = target.parent_path();
  return parent.empty() ? std::filesystem::path(".") : parent;
}

// Removes the temporary file unless the rename succeeded.
class TempFileGuard {
 public:
  explicit TempFileGuard(std::filesystem::path path) : path_(std::move(path)) {}
  TempFileGuard(const TempFileGuard&) = delete;
  TempFileGuard& operator=(const TempFileGuard&) = delete;
  ~TempFileGuard() {
    if (armed_) {
      std::error_code ignored;
      std::filesystem::remove(path_, ignored);
    }
  }
  void release() { armed_ = false; }

 private:
  std::filesystem::path path_;
  bool armed_ = true;
};

#if !defined(_WIN32)
// ---- POSIX-only part: file descriptors, mkstemp, fsync of the file and of its folder. ----

[[noreturn]] void throw_errno(const std::string& what) {
  throw std::system_error(errno, std::generic_category(), what);
}

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  // close() can report a deferred write error, so the success path checks it.
  void close_checked(const std::string& what) {
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) throw_errno(what);
  }

 private:
  int fd_;
};

void write_all(int fd, std::string_view data, const std::string& what) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      throw_errno(what);
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
}

void write_posix(const std::filesystem::path& target, std::string_view content,
                 const AtomicWriteHook& hook) {
  const std::filesystem::path folder = folder_of(target);
  // A dot name without the target's extension, so folder listings never take it for a record.
  std::string name = (folder / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  FileDescriptor fd(::mkstemp(name.data()));
  if (fd.get() < 0) throw_errno("cannot create a temporary file in " + folder.string());
  const std::filesystem::path temp(name);
  TempFileGuard guard(temp);
  // mkstemp already uses 0600; say it explicitly rather than rely on the C library.
  if (::fchmod(fd.get(), S_IRUSR | S_IWUSR) != 0) throw_errno("cannot restrict " + name);
  at(hook, AtomicWriteStep::temp_created);

  const std::string what = "cannot write " + name;
  const std::size_t half = content.size() / 2;
  write_all(fd.get(), content.substr(0, half), what);
  at(hook, AtomicWriteStep::data_written);
  write_all(fd.get(), content.substr(half), what);
  if (::fsync(fd.get()) != 0) throw_errno("cannot sync " + name);
  fd.close_checked(what);
  at(hook, AtomicWriteStep::before_rename);

  if (::rename(name.c_str(), target.c_str()) != 0) {
    throw_errno("cannot rename " + name + " to " + target.string());
  }
  guard.release();

  // The rename itself is only durable once the folder's entry list is on disk.
  FileDescriptor dir(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() < 0) throw_errno("cannot open folder " + folder.string());
  if (::fsync(dir.get()) != 0) throw_errno("cannot sync folder " + folder.string());
  dir.close_checked("cannot close folder " + folder.string());
}

// ---- end of the POSIX-only part ----
#else

// Windows: no fsync through the standard library; rename replaces the target
// (MoveFileEx with MOVEFILE_REPLACE_EXISTING). The user profile folder is already private.
void write_portable(const std::filesystem::path& target, std::string_view content,
                    const AtomicWriteHook& hook) {
  const std::filesystem::path temp =
      folder_of(target) / ("." + target.filename().string() + ".tmp");
  TempFileGuard guard(temp);
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::system_error(errno, std::generic_category(), "cannot create temp file");
    at(hook, AtomicWriteStep::temp_created);
    const std::size_t half = content.size() / 2;
    out.write(content.data(), static_cast<std::streamsize>(half));
    at(hook, AtomicWriteStep::data_written);
    out.write(content.data() + half, static_cast<std::streamsize>(content.size() - half));
    out.flush();
    if (!out) throw std::system_error(errno, std::generic_category(), "cannot write temp file");
  }
  at(hook, AtomicWriteStep::before_rename);
  std::filesystem::rename(temp, target);
  guard.release();
}

#endif

}  // namespace

void write_file_atomically(const std::filesystem::path& target, std::string_view content,
                           const AtomicWriteHook& hook) {
#if defined(_WIN32)
  write_portable(target, content, hook);
#else
  write_posix(target, content, hook);
#endif
}

}  // namespace certrenew::client
