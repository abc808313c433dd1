#include "file_io.hpp"

#include <certrenew/softtoken/store.hpp>

#include <fstream>
#include <functional>
#include <string>
#include <system_error>
#include <utility>

namespace certrenew::softtoken {

namespace fs = std::filesystem;

namespace {

[[noreturn, maybe_unused]] void device_error(const std::string& what, int err) {
  throw StoreError(CRT_ERR_DEVICE, what + ": " + std::generic_category().message(err));
}

void make_private_directory(const fs::path& dir) {
  std::error_code ec;
  if (fs::is_directory(dir, ec)) return;
  fs::create_directories(dir, ec);
  if (ec) throw StoreError(CRT_ERR_DEVICE, "cannot create " + dir.string() + ": " + ec.message());
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);
}

}  // namespace

}  // namespace certrenew::softtoken

// ===== Platform-specific part: the only OS calls of the softtoken ==============================
// POSIX: mkstemp + write + fsync, rename (replace) or link (create-new, atomic "fails if exists"),
// then fsync of the directory so the new entry survives a power cut; flock for the token lock
// (per open file, so it also excludes a second context of the same process).
// Elsewhere: a plain standard-C++ fallback without the durability guarantees.
#if defined(__unix__) || defined(__APPLE__)
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>

namespace certrenew::softtoken::os {

namespace {

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

void sync_directory(const fs::path& dir) {
  Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) device_error("cannot open " + dir.string(), errno);
  if (::fsync(fd.get()) != 0) device_error("cannot flush " + dir.string(), errno);
}

void write_all(int fd, std::span<const std::uint8_t> data, const std::string& name) {
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      device_error("cannot write " + name, errno);
    }
    done += static_cast<std::size_t>(n);
  }
}

}  // namespace

void write_atomically(const fs::path& target, std::span<const std::uint8_t> data, WriteMode mode,
                      const std::function<void()>& before_commit) {
  const fs::path dir = target.parent_path();
  std::string temp = (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  Fd fd(::mkstemp(temp.data()));  // mode 0600
  if (fd.get() < 0) device_error("cannot create a temporary file in " + dir.string(), errno);
  ::fcntl(fd.get(), F_SETFD, FD_CLOEXEC);
  struct TempRemover {
    std::string path;
    bool armed = true;
    ~TempRemover() {
      if (armed) ::unlink(path.c_str());
    }
  } remover{temp};

  write_all(fd.get(), data, temp);
  if (::fsync(fd.get()) != 0) device_error("cannot flush " + temp, errno);
  if (::close(fd.release()) != 0) device_error("cannot close " + temp, errno);

  before_commit();

  if (mode == WriteMode::replace) {
    if (::rename(temp.c_str(), target.c_str()) != 0)
      device_error("cannot replace " + target.string(), errno);
    remover.armed = false;
  } else {
    // link() fails when the target exists, which rename() would silently replace.
    if (::link(temp.c_str(), target.c_str()) != 0) {
      if (errno == EEXIST)
        throw StoreError(CRT_ERR_OBJECT_EXISTS, target.filename().string() + " already exists");
      device_error("cannot create " + target.string(), errno);
    }
  }
  sync_directory(dir);
}

bool remove_durably(const fs::path& target) {
  if (::unlink(target.c_str()) != 0) {
    if (errno == ENOENT) return false;
    device_error("cannot remove " + target.string(), errno);
  }
  sync_directory(target.parent_path());
  return true;
}

int lock_directory(const fs::path& dir) {
  const fs::path lock = dir / kLockFileName;
  Fd fd(::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600));
  if (fd.get() < 0) device_error("cannot open " + lock.string(), errno);
  while (::flock(fd.get(), LOCK_EX) != 0) {
    if (errno != EINTR) device_error("cannot lock " + lock.string(), errno);
  }
  return fd.release();
}

void unlock_directory(int handle) {
  if (handle >= 0) ::close(handle);  // closing drops the flock
}

}  // namespace certrenew::softtoken::os

#else  // ---- standard C++ fallback (no fsync, no locking) ----

namespace certrenew::softtoken::os {

void write_atomically(const fs::path& target, std::span<const std::uint8_t> data, WriteMode mode,
                      const std::function<void()>& before_commit) {
  const fs::path temp = target.parent_path() / ("." + target.filename().string() + ".tmp");
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data.data()),
              static_cast<std::streamsize>(data.size()));
    out.flush();
    if (!out) throw StoreError(CRT_ERR_DEVICE, "cannot write " + temp.string());
  }
  std::error_code ec;
  try {
    before_commit();
  } catch (...) {
    fs::remove(temp, ec);
    throw;
  }
  if (mode == WriteMode::create_new && fs::exists(target, ec)) {
    fs::remove(temp, ec);
    throw StoreError(CRT_ERR_OBJECT_EXISTS, target.filename().string() + " already exists");
  }
  fs::rename(temp, target, ec);
  if (ec) {
    fs::remove(temp, ec);
    throw StoreError(CRT_ERR_DEVICE, "cannot replace " + target.string());
  }
}

bool remove_durably(const fs::path& target) {
  std::error_code ec;
  const bool removed = fs::remove(target, ec);
  if (ec)
    throw StoreError(CRT_ERR_DEVICE, "cannot remove " + target.string() + ": " + ec.message());
  return removed;
}

int lock_directory(const fs::path&) {
  return -1;
}
void unlock_directory(int) {}

}  // namespace certrenew::softtoken::os

#endif
// ===== end of the platform-specific part ========================================================

namespace certrenew::softtoken {

void FileWriter::count_change(const fs::path& target) {
  ++changes_;
  if (changes_ == fail_at_)
    throw StoreError(CRT_ERR_DEVICE, "injected failure of file change #" +
                                         std::to_string(changes_) + " (" +
                                         target.filename().string() + "), fault.fail_write");
}

void FileWriter::write(const fs::path& target, std::span<const std::uint8_t> data, WriteMode mode) {
  make_private_directory(target.parent_path());
  os::write_atomically(target, data, mode, [&] { count_change(target); });
}

bool FileWriter::remove(const fs::path& target) {
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(target, ec))) return false;
  count_change(target);
  return os::remove_durably(target);
}

void FileWriter::discard(const fs::path& target) noexcept {
  std::error_code ec;
  fs::remove(target, ec);
}

std::vector<std::uint8_t> read_file(const fs::path& path, std::size_t max_size) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw StoreError(CRT_ERR_DEVICE, "cannot read " + path.string());
  std::vector<std::uint8_t> data;
  char chunk[4096];
  while (in) {
    in.read(chunk, sizeof chunk);
    const auto got = static_cast<std::size_t>(in.gcount());
    if (data.size() + got > max_size)
      throw StoreError(CRT_ERR_DEVICE, path.string() + " is larger than expected");
    data.insert(data.end(), chunk, chunk + got);
  }
  if (in.bad()) throw StoreError(CRT_ERR_DEVICE, "cannot read " + path.string());
  return data;
}

TokenLock::TokenLock(const fs::path& token_dir) : fd_(os::lock_directory(token_dir)) {}
TokenLock::~TokenLock() {
  os::unlock_directory(fd_);
}

}  // namespace certrenew::softtoken
