#pragma once
// Connections a misbehaving client makes to a real certrenew-server: plain TCP (idle sockets)
// or TLS verified against the instance's root, then raw bytes, so tests can send what no
// well-behaved HTTP library would (half a header, a trickle, an endless body).

#include <openssl/ssl.h>

#include <filesystem>
#include <string>
#include <string_view>

namespace certrenew::testing::serving {

class RawConnection {
 public:
  // Connects to 127.0.0.1:port; with `trust` non-empty, completes a TLS 1.2 handshake too.
  // Reads wait at most `read_timeout_seconds`.
  RawConnection(int port, const std::filesystem::path& trust, int read_timeout_seconds = 30);
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;
  ~RawConnection();

  // False when the server has closed the connection (or reset it).
  bool send(std::string_view bytes);
  // Whatever arrives next; "" when the server closed the connection or the read timed out
  // (timed_out() tells which).
  std::string receive();
  bool timed_out() const { return timed_out_; }
  // True when something (data or the server's close) can be read within `wait_ms`.
  bool readable(int wait_ms);
  // One complete HTTP answer (headers and a Content-Length body); "" if the connection ended
  // first.
  std::string receive_answer();
  // Reads until the server closes the connection (or the read timeout); everything received.
  std::string receive_until_closed();

 private:
  int fd_ = -1;
  SSL_CTX* ctx_ = nullptr;
  SSL* ssl_ = nullptr;
  bool timed_out_ = false;
};

// The status code of the first HTTP answer in `text`, or 0.
int status_of(const std::string& text);

// The process's peak resident memory so far (VmHWM), in KiB.
long peak_rss_kib(int pid);

// Raises this process's open-file limit (soft, up to the hard limit) to at least `wanted`;
// returns the limit now in force. Child processes inherit it.
long raise_open_file_limit(long wanted);

}  // namespace certrenew::testing::serving
