#include "smtp_sink.hpp"

#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <functional>
#include <random>
#include <stdexcept>
#include <thread>

#include "text_file.hpp"

namespace certrenew::testing {

namespace fs = std::filesystem;

SmtpSink::SmtpSink(int port) {
  std::random_device rd;
  dir_ =
      fs::temp_directory_path() / ("certrenew-smtp-" + std::to_string(rd()) + std::to_string(rd()));
  fs::create_directories(dir_);
  const std::string script = CERTRENEW_SMTP_SINK_SCRIPT;
  const std::string folder = dir_.string();
  const std::string port_text = std::to_string(port);
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    prctl(PR_SET_PDEATHSIG, SIGTERM);  // never outlives the test
    execl("/usr/bin/python3", "python3", script.c_str(), folder.c_str(), port_text.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  for (int i = 0; i < 300; ++i) {
    std::ifstream in(dir_ / "port");
    if (in >> port_ && port_ > 0) return;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("smtp_sink.py exited at start (is python3-aiosmtpd installed?)");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error("smtp_sink.py did not start listening in 15 s");
}

SmtpSink::~SmtpSink() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

void SmtpSink::hang_on_next_message() const {
  std::ofstream(dir_ / "hang-once") << "1";
}

std::vector<nlohmann::json> SmtpSink::messages() const {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir_))
    if (e.path().extension() == ".json") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<nlohmann::json> out;
  for (const auto& f : files) out.push_back(nlohmann::json::parse(read_text_file(f)));
  return out;
}

std::string SmtpSink::raw(std::size_t index) const {
  char name[16];
  std::snprintf(name, sizeof name, "%04zu.eml", index + 1);
  return read_text_file(dir_ / name);
}

int free_loopback_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    throw std::runtime_error("cannot bind a loopback port");
  }
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

bool eventually(const std::function<bool()>& done, int seconds) {
  for (int i = 0; i < seconds * 10; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return done();
}

}  // namespace certrenew::testing
