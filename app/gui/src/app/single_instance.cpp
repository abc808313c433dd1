#include "app/single_instance.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace certrenew::gui {
namespace fs = std::filesystem;

namespace {

// The socket's address; false when the path does not fit in sockaddr_un (then no raising, the
// lock alone still keeps a second app out).
bool socket_address(const fs::path& file, sockaddr_un& address) {
  std::memset(&address, 0, sizeof address);
  address.sun_family = AF_UNIX;
  const std::string path = file.string();
  if (path.size() >= sizeof address.sun_path) return false;
  std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
  return true;
}

// Only an app of the same user may ask: the peer's uid, from the kernel.
bool same_user(int connection) {
  ucred peer{};
  socklen_t size = sizeof peer;
  return getsockopt(connection, SOL_SOCKET, SO_PEERCRED, &peer, &size) == 0 && peer.uid == getuid();
}

}  // namespace

std::unique_ptr<SingleInstance> SingleInstance::claim(const fs::path& data_dir,
                                                      std::function<void()> on_raise) {
  std::error_code ec;
  fs::create_directories(data_dir, ec);
  const fs::path lock_file = data_dir / "gui.lock";
  const int lock_fd = ::open(lock_file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (lock_fd < 0)
    throw std::runtime_error("cannot open " + lock_file.string() + ": " + std::strerror(errno));
  if (::flock(lock_fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(lock_fd);
    return nullptr;  // another app has this folder
  }
  // Ours now: a socket file left by an app that ended without removing it is replaced.
  const fs::path socket_file = data_dir / "gui.sock";
  int listen_fd = -1;
  sockaddr_un address{};
  if (socket_address(socket_file, address)) {
    ::unlink(socket_file.c_str());
    listen_fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listen_fd >= 0 &&
        (::bind(listen_fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
         ::chmod(socket_file.c_str(), 0600) != 0 || ::listen(listen_fd, 4) != 0)) {
      ::close(listen_fd);
      listen_fd = -1;
    }
  }
  return std::unique_ptr<SingleInstance>(
      new SingleInstance(lock_fd, listen_fd, socket_file, std::move(on_raise)));
}

bool SingleInstance::ask_to_raise(const fs::path& data_dir) {
  sockaddr_un address{};
  if (!socket_address(data_dir / "gui.sock", address)) return false;
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  const bool connected =
      ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
  if (connected) {
    // One byte, and wait for the first app to close the connection: by then it has the request.
    const char request = 'r';
    // MSG_NOSIGNAL: the first app may already have closed the connection (it reads nothing), and
    // a SIGPIPE would end this process before it says why it ends.
    if (::send(fd, &request, 1, MSG_NOSIGNAL) == 1) {
      char reply = 0;
      (void)!::read(fd, &reply, 1);
    }
  }
  ::close(fd);
  return connected;
}

SingleInstance::SingleInstance(int lock_fd, int listen_fd, fs::path socket_file,
                               std::function<void()> on_raise)
    : lock_fd_(lock_fd),
      listen_fd_(listen_fd),
      socket_file_(std::move(socket_file)),
      on_raise_(std::move(on_raise)) {
  if (listen_fd_ < 0) return;
  if (::pipe2(stop_pipe_, O_CLOEXEC) != 0) {
    ::close(listen_fd_);
    listen_fd_ = -1;
    return;
  }
  listener_ = std::thread([this] { listen_loop(); });
}

SingleInstance::~SingleInstance() {
  if (listener_.joinable()) {
    const char stop = 's';
    (void)!::write(stop_pipe_[1], &stop, 1);
    listener_.join();
  }
  for (int fd : stop_pipe_)
    if (fd >= 0) ::close(fd);
  if (listen_fd_ >= 0) {
    ::close(listen_fd_);
    ::unlink(socket_file_.c_str());  // still ours: the lock is released only below
  }
  ::close(lock_fd_);
}

void SingleInstance::listen_loop() {
  while (true) {
    pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {stop_pipe_[0], POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (fds[1].revents != 0) return;
    if ((fds[0].revents & POLLIN) == 0) continue;
    const int connection = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (connection < 0) continue;
    // What was sent does not matter: a connection from this user is the request. Nothing is
    // read, so a peer that sends nothing cannot hold this thread.
    if (same_user(connection)) on_raise_();
    ::close(connection);
  }
}

}  // namespace certrenew::gui
