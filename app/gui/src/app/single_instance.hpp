#pragma once
// One desktop app per data folder (issue 16, 6). Two apps on the same folder would each follow
// the same applications and show each other's changes late or not at all ("已完成" beside
// "请点击'安装证书'"). The first app holds an exclusive lock (flock) on <data>/gui.lock for its
// whole life and listens on a local socket, <data>/gui.sock; a second start finds the lock taken,
// connects to the socket to ask the first to come to the front, and exits. The kernel drops the
// lock when the first app ends, however it ends, so a crash never leaves the folder locked.

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <thread>

namespace certrenew::gui {

class SingleInstance {
 public:
  // Takes the folder's lock (creating the folder if needed). nullptr when another app holds it.
  // `on_raise` runs on a listener thread each time another start asks this app to come to the
  // front; it must only hand the request to the UI thread. Throws std::runtime_error when the
  // lock file cannot be opened at all (a folder that cannot be written).
  static std::unique_ptr<SingleInstance> claim(const std::filesystem::path& data_dir,
                                               std::function<void()> on_raise);
  // Asks the app that holds the folder's lock to come to the front; false when none answered.
  static bool ask_to_raise(const std::filesystem::path& data_dir);

  SingleInstance(const SingleInstance&) = delete;
  SingleInstance& operator=(const SingleInstance&) = delete;
  ~SingleInstance();  // stops listening, removes the socket, releases the lock

 private:
  SingleInstance(int lock_fd, int listen_fd, std::filesystem::path socket_file,
                 std::function<void()> on_raise);
  void listen_loop();

  int lock_fd_ = -1;
  int listen_fd_ = -1;  // -1: no socket (path too long for one); the lock still holds
  int stop_pipe_[2] = {-1, -1};
  std::filesystem::path socket_file_;
  std::function<void()> on_raise_;
  std::thread listener_;
};

}  // namespace certrenew::gui
